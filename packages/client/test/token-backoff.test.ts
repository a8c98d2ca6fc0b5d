import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTianmanClient, type TianmanClientOptions } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  json,
  NOW,
  ok,
  recordingLogger,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

// The backoff runs on the monotonic clock (performance.now), frozen here and moved by hand: what
// a test sees does not depend on how fast the machine runs it.
let clock = 0;
afterEach(() => {
  vi.restoreAllMocks();
});
function freezeClock() {
  clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
}

type Answer = (res: ServerResponse) => void;

/** A platform whose token endpoint answers `answer` (changeable), and whose API accepts all. */
async function platform(answer: Answer) {
  const state = { answer, tokenRequests: 0 };
  const server = await serve((request, res) => {
    if (request.url !== TOKEN_PATH) return ok(res);
    state.tokenRequests++;
    state.answer(res);
  });
  return { server, state };
}

function tokenClient(url: string, options: Partial<TianmanClientOptions> = {}) {
  return createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: url,
    auth: 'token',
    now: () => NOW,
    retry: { limit: 0 },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: Error & Record<string, unknown>) => error,
  );
}

const good: Answer = (res) =>
  json(res, 200, { errCode: '0000', accessToken: `token-${'f'.repeat(24)}`, expiresIn: 3600 });

const unusable: [string, Answer, string][] = [
  ['a failure errCode', (res) => json(res, 200, { errCode: '9999', errInfo: '系统错误' }), '9999'],
  ['errCode 0000 without a token', (res) => json(res, 200, { errCode: '0000' }), '0000'],
  ['an empty token', (res) => json(res, 200, { errCode: '0000', accessToken: '' }), '0000'],
  [
    'a token with a space',
    (res) => json(res, 200, { errCode: '0000', accessToken: 'bad token' }),
    'ERR_INVALID_TOKEN',
  ],
  [
    'a token with CR/LF',
    (res) => json(res, 200, { errCode: '0000', accessToken: 'tok\r\nX-Evil: 1' }),
    'ERR_INVALID_TOKEN',
  ],
  [
    'a refused token request (412, 1000)',
    (res) => json(res, 412, { errCode: '1000', errInfo: '认证失败' }),
    '1000',
  ],
  [
    'a page that is no token answer (404)',
    (res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    },
    'HTTP_404',
  ],
];

describe('token backoff: an unusable token answer is not asked for again at once', () => {
  it.each(unusable)(
    '%s: 50 calls, one token request, the same AuthError',
    async (_n, answer, code) => {
      freezeClock();
      const p = await platform(answer);
      const client = tokenClient(p.server.url);
      const first = await failure(client.syncPayScoreOrder(validBody));
      expect(first).toMatchObject({ name: 'AuthError', code, attempts: 1 });
      for (let i = 0; i < 49; i++) {
        const error = await failure(client.syncPayScoreOrder(validBody));
        expect(error).toMatchObject({ name: 'AuthError', code, attempts: 0 });
        expect(error.message).toBe(
          `@tianman/client: next token request in 1000 ms (backoff after an unusable token answer): ${first.message.replace('@tianman/client: ', '')}`,
        );
        expect(error.cause).toBe(first);
        expect(error.status).toBe(first.status);
      }
      expect(p.state.tokenRequests).toBe(1);
      expect(p.server.received).toHaveLength(1);
    },
  );

  it('50 concurrent calls: one token request', async () => {
    freezeClock();
    const p = await platform(unusable[0]?.[1] as Answer);
    const client = tokenClient(p.server.url);
    const errors = await Promise.all(
      Array.from({ length: 50 }, () => failure(client.syncPayScoreOrder(validBody))),
    );
    expect(errors.every((e) => e.name === 'AuthError' && e.code === '9999')).toBe(true);
    await failure(client.syncPayScoreOrder(validBody));
    expect(p.state.tokenRequests).toBe(1);
  });

  it('the delay starts at 1 s and doubles up to 30 s; a usable token resets it', async () => {
    freezeClock();
    const p = await platform(unusable[0]?.[1] as Answer);
    let now = NOW;
    const client = tokenClient(p.server.url, { now: () => now });
    const call = () => client.syncPayScoreOrder(validBody);
    await failure(call());
    for (const delay of [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]) {
      clock += delay - 1;
      const early = await failure(call());
      expect(early.message).toContain('next token request in 1 ms ');
      const before = p.state.tokenRequests;
      clock += 1;
      await failure(call());
      expect(p.state.tokenRequests).toBe(before + 1);
    }
    expect(p.state.tokenRequests).toBe(8);
    // Usable again: the next unusable answer starts over at 1 s.
    p.state.answer = good;
    clock += 30_000;
    await expect(call()).resolves.toMatchObject({ respCode: '0000' });
    p.state.answer = unusable[0]?.[1] as Answer;
    now += 3_600_000; // the token has expired: refresh
    await failure(call());
    clock += 999;
    await failure(call());
    expect(p.state.tokenRequests).toBe(10);
    clock += 1;
    await failure(call());
    expect(p.state.tokenRequests).toBe(11);
  });

  it('a live token keeps being used; only a refresh meets the backoff', async () => {
    freezeClock();
    const p = await platform(good);
    let now = NOW;
    const client = tokenClient(p.server.url, { now: () => now });
    await client.syncPayScoreOrder(validBody);
    p.state.answer = unusable[0]?.[1] as Answer;
    now += 3_600_000;
    await failure(client.syncPayScoreOrder(validBody));
    await failure(client.syncPayScoreOrder(validBody));
    expect(p.state.tokenRequests).toBe(2);
  });

  it('never shows the token of an invalid answer in the remembered error', async () => {
    freezeClock();
    const p = await platform((res) =>
      json(res, 200, { errCode: '0000', accessToken: 'secret token-0123456789abcdef' }),
    );
    const client = tokenClient(p.server.url);
    await failure(client.syncPayScoreOrder(validBody));
    const error = await failure(client.syncPayScoreOrder(validBody));
    for (const shown of [error.message, JSON.stringify(error), String(error.stack)])
      expect(shown).not.toContain('token-0123456789abcdef');
  });
});

describe('token backoff: what is not an unusable answer is not remembered', () => {
  it.each([
    ['HTTP 503', (res: ServerResponse) => json(res, 503, { errCode: '9999' }), 'ApiError'],
    ['HTTP 412 9200', (res: ServerResponse) => json(res, 412, { errCode: '9200' }), 'ApiError'],
    ['HTTP 429', (res: ServerResponse) => json(res, 429, {}), 'ApiError'],
    ['a dropped connection', (res: ServerResponse) => res.socket?.destroy(), 'NetworkError'],
  ])('%s: each call requests a token (the retry policy spaces them)', async (_n, answer, name) => {
    freezeClock();
    const p = await platform(answer);
    const client = tokenClient(p.server.url);
    for (let i = 0; i < 3; i++) {
      await expect(client.syncPayScoreOrder(validBody)).rejects.toMatchObject({ name });
    }
    expect(p.state.tokenRequests).toBe(3);
  });

  it('a timeout of the token request: each call requests a token', async () => {
    freezeClock();
    const p = await platform(() => {});
    // The token request times out (the client's 50 ms) while the calls still wait for it. The
    // token endpoint is idempotent: its timeout is a plain ERR_TIMEOUT (retries are off here).
    const client = tokenClient(p.server.url, { timeoutMs: 50 });
    for (let i = 0; i < 2; i++) {
      await expect(
        client.syncPayScoreOrder(validBody, { timeoutMs: 60_000 }),
      ).rejects.toMatchObject({ name: 'TimeoutError', code: 'ERR_TIMEOUT' });
    }
    expect(p.state.tokenRequests).toBe(2);
  });

  it('the warn log stays quiet: a backoff is no retry', async () => {
    freezeClock();
    const p = await platform(unusable[0]?.[1] as Answer);
    const logger = recordingLogger();
    const client = tokenClient(p.server.url, { logger });
    for (let i = 0; i < 5; i++) await failure(client.syncPayScoreOrder(validBody));
    expect(logger.events.filter((e) => e.level === 'warn')).toEqual([]);
  });
});
