import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTianmanClient, type StoredToken, type TokenStore } from '../src/index.js';
import { MAX_EXPIRES_IN_S, MIN_EXPIRES_IN_S, tokenLifetime } from '../src/token-lifetime.js';

/** The lifetime assumed without a readable expiresIn: the documented hour. */
const DEFAULT_EXPIRES_IN_S = 3600;

import {
  APP_ID,
  APP_KEY,
  fastRetry,
  json,
  NOW,
  ok,
  recordingLogger,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * What the client makes of a token answer's `expiresIn`: the `expiresAt` it stores (the
 * lifetime minus min(60 s, 10 %)), and its warns.
 */
async function expiryOf(...answers: unknown[]) {
  let n = 0;
  const server = await serve((request, res) => {
    if (request.url !== TOKEN_PATH) return ok(res);
    const expiresIn = answers[Math.min(n, answers.length - 1)];
    n++;
    json(res, 200, {
      errCode: '0000',
      accessToken: `token-${n}-${'f'.repeat(24)}`,
      ...(expiresIn === undefined ? {} : { expiresIn }),
    });
  });
  const stored: StoredToken[] = [];
  const tokenStore: TokenStore = {
    get: async () => undefined,
    set: async (_key, token) => void stored.push(token),
    delete: async () => {},
  };
  const logger = recordingLogger();
  const client = createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: server.url,
    auth: 'token',
    now: () => NOW,
    retry: fastRetry,
    tokenStore,
    logger,
  });
  // One call per answer: a later answer is asked for only once the token before it has expired.
  for (let i = 0; i < answers.length; i++) await client.syncPayScoreOrder(validBody);
  return {
    lifetimes: stored.map((t) => t.expiresAt - NOW),
    warns: logger.events.filter((e) => e.level === 'warn'),
    tokenRequests: () => server.received.filter((r) => r.url === TOKEN_PATH).length,
  };
}

// The stored lifetime of a token whose lifetime is `ms`: min(60 s, 10 %) before it ends.
const used = (ms: number) => ms - Math.min(60_000, Math.ceil(ms / 10));

describe('token answer: expiresIn is kept within [60 s, 24 h]', () => {
  it.each([
    ['1e20', 1e20, used(DAY)],
    ['"Infinity"', 'Infinity', used(DAY)],
    ['"1e999" (Infinity as a number)', '1e999', used(DAY)],
    ['"-Infinity"', '-Infinity', used(60_000)],
    ['0', 0, used(60_000)],
    ['-5', -5, used(60_000)],
    ['0.5', 0.5, used(60_000)],
    ['59.999', 59.999, used(60_000)],
    ['86400.5', 86_400.5, used(DAY)],
  ])('%s is clamped, with a warn', async (_name, expiresIn, lifetime) => {
    const { lifetimes, warns } = await expiryOf(expiresIn);
    expect(lifetimes).toEqual([lifetime]);
    expect(warns.map((w) => w.message)).toEqual([
      `@tianman/client: token answer: expiresIn ${String(expiresIn)} is outside 60 to 86400 s: the token is used as if it lived ${lifetime === used(DAY) ? 86_400 : 60} s`,
    ]);
  });

  it.each([
    ['60', 60, used(60_000)],
    ['90.5', 90.5, used(90_500)],
    ['"3600"', '3600', used(HOUR)],
    ['86400', 86_400, used(DAY)],
  ])('%s is kept as it is, silently', async (_name, expiresIn, lifetime) => {
    const { lifetimes, warns } = await expiryOf(expiresIn);
    expect(lifetimes).toEqual([lifetime]);
    expect(warns).toEqual([]);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['a word', 'soon'],
    ['empty', ''],
    ['blank', '  '],
    ['a boolean', true],
    ['an object', { seconds: 60 }],
  ])('%s is no number: the documented hour, silently', async (_name, expiresIn) => {
    const { lifetimes, warns } = await expiryOf(expiresIn);
    expect(lifetimes).toEqual([used(HOUR)]);
    expect(warns).toEqual([]);
  });

  it('a token of expiresIn 0 is used for the next calls, not requested again per call', async () => {
    const { tokenRequests } = await expiryOf(0, 0, 0);
    // One call per answer above: three calls, one token (used for 54 s).
    expect(tokenRequests()).toBe(1);
  });

  it('warns once per client, however many answers are clamped', async () => {
    let n = 0;
    const server = await serve((request, res) => {
      if (request.url !== TOKEN_PATH) return ok(res);
      json(res, 200, {
        errCode: '0000',
        accessToken: `token-${++n}-${'f'.repeat(24)}`,
        expiresIn: 0,
      });
    });
    const logger = recordingLogger();
    let clock = NOW;
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      auth: 'token',
      now: () => clock,
      retry: fastRetry,
      logger,
    });
    for (let i = 0; i < 3; i++) {
      await client.syncPayScoreOrder(validBody);
      clock += 60_000;
    }
    expect(n).toBe(3);
    expect(logger.events.filter((e) => e.level === 'warn')).toHaveLength(1);
  });

  it('a long expiresIn text is cut in the warn', async () => {
    const { warns } = await expiryOf(`1${'0'.repeat(300)}`);
    expect(warns[0]?.message).toContain(`expiresIn ${'1'}${'0'.repeat(31)}… is outside`);
    expect(warns[0]?.details).toEqual({ expiresIn: `1${'0'.repeat(31)}…`, usedSeconds: 86_400 });
  });
});

describe('tokenLifetime', () => {
  it('is whole milliseconds within the bounds for any number; clamped exactly when outside', () => {
    fc.assert(
      fc.property(fc.double(), (seconds) => {
        const { ms, clamped } = tokenLifetime(String(seconds));
        if (Number.isNaN(seconds)) {
          expect({ ms, clamped }).toEqual({ ms: DEFAULT_EXPIRES_IN_S * 1000, clamped: false });
          return;
        }
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(MIN_EXPIRES_IN_S * 1000);
        expect(ms).toBeLessThanOrEqual(MAX_EXPIRES_IN_S * 1000);
        const asked = Math.round(seconds * 1000);
        expect(clamped).toBe(asked !== ms);
        if (!clamped) expect(ms).toBe(asked);
      }),
    );
  });

  it('reads numeric text as Number does, and blank text or none as no number', () => {
    expect(tokenLifetime(' 120 ')).toEqual({ ms: 120_000, clamped: false });
    expect(tokenLifetime('1.2e2')).toEqual({ ms: 120_000, clamped: false });
    for (const text of [undefined, '', ' ', 'NaN', '12s', '1,000'])
      expect(tokenLifetime(text)).toEqual({ ms: 3_600_000, clamped: false });
  });
});
