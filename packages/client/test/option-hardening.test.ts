import { afterEach, describe, expect, it } from 'vitest';
import { createTianmanClient, type TianmanClientOptions } from '../src/index.js';
import { retryReason } from '../src/retry.js';
import { APP_ID, APP_KEY, NOW, ok, script, serve, validBody } from './helpers.js';

const base = { appId: APP_ID, appKey: APP_KEY };

/** The TypeError `options` are refused with: prefixed, ERR_INVALID_OPTION. */
function refusal(options: unknown): TypeError & { code?: string } {
  try {
    createTianmanClient(options as TianmanClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_OPTION' });
    return error as TypeError;
  }
  return expect.unreachable('the options should have been refused');
}

describe('options that would leak or mislead are refused', () => {
  it('a baseUrl with user info: refused, and the password is not repeated anywhere', () => {
    for (const baseUrl of [
      'https://user:s3cret-pass@api.example',
      'https://s3cret-pass@api.example',
      'http://user:s3cret-pass@127.0.0.1:4010',
    ]) {
      const error = refusal({ ...base, baseUrl });
      expect(error.message).toBe(
        '@tianman/client: baseUrl: user info (user:password@) is not allowed: credentials in a URL end up in logs and errors; the platform authenticates with appId and appKey',
      );
      expect(JSON.stringify(error) + String(error.stack)).not.toContain('s3cret-pass');
    }
  });

  it.each([
    [{ appId: 'has space' }, 'appId: visible ASCII only, no spaces, quotes or backslashes'],
    [{ appId: 'quo"te' }, 'appId: visible ASCII only, no spaces, quotes or backslashes'],
    [{ appId: '' }, 'appId is required (the appId option, or TIANMAN_APP_ID on Node)'],
    [{ appId: undefined }, 'appId is required (the appId option, or TIANMAN_APP_ID on Node)'],
    [{ appKey: undefined }, 'appKey is required (the appKey option, or TIANMAN_APP_KEY on Node)'],
    [{ appKey: '' }, 'appKey is required (the appKey option, or TIANMAN_APP_KEY on Node)'],
    [{ appKey: `${APP_KEY}\n` }, 'appKey: starts or ends with white space; remove it'],
    [{ appKey: ` ${APP_KEY}` }, 'appKey: starts or ends with white space; remove it'],
  ])('%j: names the rule that failed, and nothing else', (override, message) => {
    const error = refusal({ ...base, environment: 'mock', ...override });
    expect(error.message).toBe(`@tianman/client: ${message}`);
    expect(error.message).not.toContain(APP_KEY);
  });

  describe('from the environment', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it.each([
      [
        '\n',
        'TIANMAN_APP_KEY: starts or ends with white space (a newline from a file?); remove it',
      ],
      [' ', 'TIANMAN_APP_KEY: starts or ends with white space (a newline from a file?); remove it'],
    ])('TIANMAN_APP_KEY ending in %j is refused naming the variable', (tail, message) => {
      process.env.TIANMAN_APP_ID = APP_ID;
      process.env.TIANMAN_APP_KEY = APP_KEY + tail;
      const error = refusal({ environment: 'mock' });
      expect(error.message).toBe(`@tianman/client: ${message}`);
    });

    it('TIANMAN_APP_ID that breaks the rule is named as the variable', () => {
      process.env.TIANMAN_APP_ID = 'has space';
      process.env.TIANMAN_APP_KEY = APP_KEY;
      expect(refusal({ environment: 'mock' }).message).toBe(
        '@tianman/client: TIANMAN_APP_ID: visible ASCII only, no spaces, quotes or backslashes',
      );
    });
  });

  it.each([
    [{ retry: { limit: 2.5 } }, 'retry.limit: expected a whole number from 0 to 10'],
    [{ retry: { limit: 1e9 } }, 'retry.limit: expected a whole number from 0 to 10'],
    [
      { retry: { baseDelayMs: 2 ** 31 - 1 } },
      'retry.baseDelayMs: expected number from 0 to 600000',
    ],
    [{ retry: { maxDelayMs: 2 ** 31 - 1 } }, 'retry.maxDelayMs: expected number from 0 to 600000'],
  ])('%j is refused', (override, message) => {
    expect(refusal({ ...base, environment: 'mock', ...override }).message).toBe(
      `@tianman/client: ${message}`,
    );
  });
});

describe('call options that would misbehave are refused, nothing sent', () => {
  it.each([
    [{ signal: 'x' }, 'call option signal: expected an AbortSignal'],
    [{ signal: {} }, 'call option signal: expected an AbortSignal'],
    [
      { headers: JSON.parse('{"__proto__":"x"}') },
      'call option headers.__proto__: not a header name the client can send',
    ],
    [{ retry: { limit: 2.5 } }, 'call option retry.limit: expected a whole number from 0 to 10'],
  ])('%j', async (options, message) => {
    const server = await serve(script(ok));
    const client = createTianmanClient({ ...base, baseUrl: server.url, now: () => NOW });
    await expect(client.syncPayScoreOrder(validBody, options as never)).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_OPTION',
      message: `@tianman/client: ${message}`,
    });
    expect(server.connections).toBe(0);
  });
});

describe('statuses outside HTTP’s 5xx are not retried as one', () => {
  it.each([500, 503, 599])('%i: retried', (status) => {
    expect(retryReason(status, undefined)).toBe(`HTTP ${status}`);
  });
  it.each([600, 999, 1000])('%i: not retried', (status) => {
    expect(retryReason(status, undefined)).toBeUndefined();
  });
});
