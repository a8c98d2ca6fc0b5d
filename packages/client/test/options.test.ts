import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTianmanClient, ENVIRONMENTS, type TianmanClientOptions } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  json,
  NOW,
  ok,
  recordingLogger,
  script,
  serve,
  validBody,
} from './helpers.js';

const base = { appId: APP_ID, appKey: APP_KEY };

function refusal(options: unknown): string {
  try {
    createTianmanClient(options as TianmanClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^@tianman\/client: /);
    return (error as Error).message;
  }
  return expect.unreachable('the options should have been refused');
}

describe('options, checked once', () => {
  it('maps each environment to its base URL', () => {
    expect(ENVIRONMENTS).toEqual({
      production: 'https://api-mop.chinaums.com',
      test: 'https://test-api-open.chinaums.com',
      mock: 'http://127.0.0.1:4010',
    });
    for (const environment of ['production', 'test', 'mock'] as const) {
      expect(createTianmanClient({ ...base, environment }).baseUrl).toBe(ENVIRONMENTS[environment]);
    }
  });

  it('takes a baseUrl, without a trailing slash', () => {
    expect(createTianmanClient({ ...base, baseUrl: 'https://proxy.example/' }).baseUrl).toBe(
      'https://proxy.example',
    );
  });

  it('accepts environment and baseUrl together when they agree', () => {
    expect(
      createTianmanClient({ ...base, environment: 'test', baseUrl: `${ENVIRONMENTS.test}/` })
        .baseUrl,
    ).toBe(ENVIRONMENTS.test);
  });

  it('never defaults to production: neither environment nor baseUrl is refused', () => {
    expect(refusal(base)).toContain(
      'pass environment (production, test or mock) or an http(s) baseUrl',
    );
  });

  it('refuses environment and baseUrl that disagree', () => {
    expect(
      refusal({ ...base, environment: 'production', baseUrl: 'http://127.0.0.1:4010' }),
    ).toContain('environment and baseUrl disagree');
  });

  it('refuses an unknown environment', () => {
    expect(refusal({ ...base, environment: 'sandbox' })).toContain(
      'environment: expected production or test or mock',
    );
  });

  it('refuses a baseUrl that is not http(s)', () => {
    expect(refusal({ ...base, baseUrl: 'ftp://x' })).toContain('http(s) baseUrl');
  });

  it('refuses an unknown key, naming it and the fix', () => {
    const message = refusal({ ...base, environment: 'test', appkey: 'x' });
    expect(message).toContain('unknown option appkey');
    expect(message).toContain('remove it (known: appId, appKey,');
  });

  it('refuses an unknown retry key', () => {
    expect(refusal({ ...base, environment: 'test', retry: { retries: 3 } })).toContain(
      'unknown option retry.retries: remove it (known: limit, baseDelayMs, maxDelayMs, jitter)',
    );
  });

  it.each([
    [{ appKey: APP_KEY, environment: 'test' }, 'appId is required'],
    [{ appId: APP_ID, environment: 'test' }, 'appKey is required'],
    [{ ...base, appKey: '', environment: 'test' }, 'appKey is required'],
    [{ ...base, appId: 'has "quotes"', environment: 'test' }, 'appId: visible ASCII only'],
    [{ ...base, environment: 'test', auth: 'hmac' }, 'auth: expected signature or token'],
    [{ ...base, environment: 'test', timeoutMs: '5000' }, 'timeoutMs: expected number'],
    [{ ...base, environment: 'test', timeoutMs: -1 }, 'timeoutMs: expected number'],
    [
      { ...base, environment: 'test', retry: { limit: '2' } },
      'retry.limit: expected a whole number',
    ],
    // NaN and Infinity would mean retrying forever, or a 1 ms timer (setTimeout's overflow).
    [
      { ...base, environment: 'test', retry: { limit: Number.NaN } },
      'retry.limit: expected a whole number',
    ],
    [{ ...base, environment: 'test', timeoutMs: Number.NaN }, 'timeoutMs: expected number'],
    [{ ...base, environment: 'test', timeoutMs: Infinity }, 'timeoutMs: expected number'],
    [{ ...base, environment: 'test', timeoutMs: 2 ** 31 }, 'timeoutMs: expected number'],
    [
      { ...base, environment: 'test', retry: { maxDelayMs: Infinity } },
      'retry.maxDelayMs: expected number',
    ],
    [{ ...base, environment: 'test', retry: { jitter: 1 } }, 'retry.jitter: expected boolean'],
    [
      { ...base, environment: 'test', retry: { baseDelayMs: 100, maxDelayMs: 10 } },
      'retry.maxDelayMs must be >= retry.baseDelayMs',
    ],
    [{ ...base, environment: 'test', successCodes: '0000' }, 'successCodes: expected array'],
    [{ ...base, environment: 'test', fetch: 'fetch' }, 'fetch: expected function'],
    [{ ...base, environment: 'test', now: Date.now() }, 'now: expected function'],
    [{ ...base, environment: 'test', logger: 'console' }, 'logger: expected object'],
    [{ ...base, environment: 'test', tokenStore: new Map() }, "tokenStore needs auth: 'token'"],
    [{ ...base, environment: 'test', appId: 42 }, 'appId: expected string'],
  ])('refuses %o', (options, expected) => {
    expect(refusal(options)).toContain(expected);
  });

  it('refuses a missing options object with the package name', () => {
    expect(refusal(undefined)).toContain('appId is required');
  });

  it('treats undefined values as absent', () => {
    const client = createTianmanClient({
      ...base,
      environment: 'test',
      baseUrl: undefined,
      timeoutMs: undefined,
      retry: { limit: undefined },
    });
    expect(client.auth).toBe('signature');
  });

  it('does not keep or change the options object', () => {
    const options = { ...base, environment: 'test' as const, retry: { limit: 1 } };
    const copy = structuredClone(options);
    createTianmanClient(options);
    expect(options).toEqual(copy);
  });
});

describe('per-call options', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 31, '100'])(
    'refuses timeoutMs %s before sending anything',
    async (timeoutMs) => {
      let requests = 0;
      const client = createTianmanClient({
        ...base,
        baseUrl: 'http://127.0.0.1:9',
        fetch: async () => {
          requests++;
          return new Response('{}');
        },
      });
      const call = client.syncPayScoreOrder(validBody, { timeoutMs: timeoutMs as number });
      await expect(call).rejects.toThrow(TypeError);
      await expect(call).rejects.toMatchObject({
        code: 'ERR_INVALID_OPTION',
        message: expect.stringMatching(
          /^@tianman\/client: call option timeoutMs: expected number from 0 to/,
        ),
      });
      expect(requests).toBe(0);
    },
  );
});

describe('defaults from the environment (Node only)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.unstubAllGlobals();
  });

  it('appId and appKey come from TIANMAN_APP_ID and TIANMAN_APP_KEY when not passed', async () => {
    process.env.TIANMAN_APP_ID = APP_ID;
    process.env.TIANMAN_APP_KEY = APP_KEY;
    const client = createTianmanClient({ environment: 'mock' });
    expect(client.appId).toBe(APP_ID);
    // Never echoed: not in the client, and not in a refusal.
    expect(JSON.stringify(client)).not.toContain(APP_KEY);
    process.env.TIANMAN_APP_ID = 'bad"id';
    expect(refusal({ environment: 'mock' })).not.toContain('bad"id');
  });

  it('passed values win over the environment', () => {
    process.env.TIANMAN_APP_ID = 'from-env';
    process.env.TIANMAN_APP_KEY = 'from-env-key';
    expect(createTianmanClient({ ...base, environment: 'mock' }).appId).toBe(APP_ID);
  });

  it('reads nothing on a runtime without process.versions.node (edge)', () => {
    process.env.TIANMAN_APP_ID = APP_ID;
    process.env.TIANMAN_APP_KEY = APP_KEY;
    vi.stubGlobal('process', { env: process.env });
    expect(refusal({ environment: 'mock' })).toMatch(/appId is required/);
  });

  it('TIANMAN_LOG sets the level, and sends events to console when no logger is given', async () => {
    const server = await serve(script(ok));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    process.env.TIANMAN_LOG = 'warn';
    const client = createTianmanClient({ ...base, baseUrl: server.url, now: () => NOW });
    await client.syncPayScoreOrder({ ...validBody, detail: { paidTime: '20261125' } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('date-only');
    expect(debug).not.toHaveBeenCalled();
    process.env.TIANMAN_LOG = 'debug';
    await createTianmanClient({ ...base, baseUrl: server.url, now: () => NOW }).syncPayScoreOrder(
      validBody,
    );
    expect(debug).toHaveBeenCalled();
    expect(JSON.stringify(debug.mock.calls)).not.toContain(APP_KEY);
    process.env.TIANMAN_LOG = 'off';
    const logger = recordingLogger();
    await createTianmanClient({
      ...base,
      baseUrl: server.url,
      now: () => NOW,
      logger,
    }).syncPayScoreOrder(validBody);
    expect(logger.events).toEqual([]);
  });

  it('logLevel filters what reaches the logger', async () => {
    const server = await serve(script(ok));
    const logger = recordingLogger();
    const client = createTianmanClient({
      ...base,
      baseUrl: server.url,
      now: () => NOW,
      logger,
      logLevel: 'warn',
    });
    await client.syncPayScoreOrder({ ...validBody, detail: { paidTime: '20261125' } });
    expect(logger.events.map((e) => e.level)).toEqual(['warn']);
    expect(refusal({ ...base, environment: 'mock', logLevel: 'loud' })).toContain(
      'logLevel: expected off or error or warn or info or debug',
    );
  });
});

describe('per-call options', () => {
  it('override timeoutMs, retry and add headers for that call only', async () => {
    let n = 0;
    const server = await serve((_r, res) => {
      if (++n % 2) json(res, 503, { errCode: '9999' });
      else ok(res);
    });
    const client = createTianmanClient({
      ...base,
      baseUrl: server.url,
      now: () => NOW,
      retry: { limit: 0 },
    });
    const result = await client.syncPayScoreOrder(validBody, {
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 },
      headers: { 'X-Request-Id': 'abc' },
    });
    expect(result.attempts).toBe(2);
    expect(server.received.map((r) => r.headers['x-request-id'])).toEqual(['abc', 'abc']);
    await expect(client.syncPayScoreOrder(validBody)).rejects.toMatchObject({ status: 503 });
  });

  it('refuses unknown call options, reserved headers and header injection, sending nothing', async () => {
    const server = await serve(script(ok));
    const client = createTianmanClient({ ...base, baseUrl: server.url, now: () => NOW });
    const bad = [
      [{ retries: 1 }, 'unknown call option retries'],
      [{ headers: { authorization: 'x' } }, 'headers.authorization: set by the client'],
      [{ headers: { 'Content-Type': 'text/plain' } }, 'headers.content-type: set by the client'],
      [{ headers: { 'x-a': 'v\r\nx-b: 1' } }, 'headers.x-a: expected a string without control'],
      [{ retry: { limit: -1 } }, 'retry.limit: expected a whole number'],
      [{ timeoutMs: Number.NaN }, 'timeoutMs: expected number'],
    ] as const;
    for (const [options, message] of bad) {
      await expect(client.syncPayScoreOrder(validBody, options as never)).rejects.toThrow(message);
    }
    expect(server.connections).toBe(0);
  });
});
