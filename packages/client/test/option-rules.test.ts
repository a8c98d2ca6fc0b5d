import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTianmanClient, type TianmanClientOptions } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  json,
  NOW,
  ok,
  recordingLogger,
  script,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

const base = { appId: APP_ID, appKey: APP_KEY };
const MAX_MS = 2 ** 31 - 1;

function refusal(options: unknown): string {
  try {
    createTianmanClient(options as TianmanClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  return expect.unreachable('the options should have been refused');
}

describe('counts', () => {
  it('accept the longest delay setTimeout honours, and refuse one more', () => {
    expect(() =>
      createTianmanClient({ ...base, environment: 'mock', timeoutMs: MAX_MS }),
    ).not.toThrow();
    expect(refusal({ ...base, environment: 'mock', timeoutMs: MAX_MS + 1 })).toBe(
      `@tianman/client: timeoutMs: expected number from 0 to ${MAX_MS}`,
    );
  });
});

describe('retry must be an object', () => {
  it.each([5, null, 'fast', true])('refuses retry: %s by name', (retry) => {
    expect(refusal({ ...base, environment: 'mock', retry })).toBe(
      '@tianman/client: retry: expected object',
    );
  });
});

describe('baseUrl', () => {
  it('drops every trailing slash', () => {
    expect(
      createTianmanClient({ ...base, baseUrl: 'https://gw.example.test/base//' }).baseUrl,
    ).toBe('https://gw.example.test/base');
  });

  it.each(['xhttps://gw.example.test', 'httpsx://gw.example.test', 'ftp://gw.example.test'])(
    'refuses a scheme other than http(s): %s',
    (baseUrl) => {
      expect(refusal({ ...base, baseUrl })).toBe(
        '@tianman/client: pass environment (production, test or mock) or an http(s) baseUrl: there is no default',
      );
    },
  );

  it('takes any 127.x.y.z as loopback for plain http, with multi-digit parts', () => {
    expect(createTianmanClient({ ...base, baseUrl: 'http://127.10.200.30:9' }).baseUrl).toBe(
      'http://127.10.200.30:9',
    );
  });

  it('refuses plain http to a host that merely starts like a loopback address', () => {
    expect(refusal({ ...base, baseUrl: 'http://127.0.0.1.example.test' })).toMatch(
      /^@tianman\/client: baseUrl: plain http:\/\/ is refused except to a loopback host/,
    );
  });

  it('logs the host that allowInsecureHttp lets through', () => {
    const logger = recordingLogger();
    createTianmanClient({
      ...base,
      baseUrl: 'http://gateway.example.test:8080',
      allowInsecureHttp: true,
      logger,
    });
    expect(logger.events).toEqual([
      {
        level: 'warn',
        message:
          '@tianman/client: allowInsecureHttp: requests go over plain http:// to a non-loopback host',
        details: { host: 'gateway.example.test:8080' },
      },
    ]);
  });
});

describe('logging: warnings reach console.warn by default, once per cause', () => {
  const saved = process.env.TIANMAN_LOG;
  let warn: ReturnType<typeof vi.spyOn>;
  let info: ReturnType<typeof vi.spyOn>;
  let debug: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    delete process.env.TIANMAN_LOG;
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    info = vi.spyOn(console, 'info').mockImplementation(() => {});
    debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TIANMAN_LOG;
    else process.env.TIANMAN_LOG = saved;
    vi.restoreAllMocks();
  });

  const dateOnly = { ...validBody, detail: { paidTime: '20261125' } };
  const clientOn = (url: string, options: Partial<TianmanClientOptions> = {}) =>
    createTianmanClient({ ...base, baseUrl: url, now: () => NOW, ...options });

  it('without TIANMAN_LOG or a logger: a warning goes to console.warn, once for three calls', async () => {
    const server = await serve(script(ok));
    const client = clientOn(server.url);
    for (let i = 0; i < 3; i++) await client.syncPayScoreOrder(dateOnly);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /^@tianman\/client: \/detail\/paidTime .*date-only/,
    );
    expect(info).not.toHaveBeenCalled();
    expect(debug).not.toHaveBeenCalled();
  });

  it('a cause repeated after a minute is logged again, saying how many were held back', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const server = await serve(script(ok));
    const client = clientOn(server.url);
    for (let i = 0; i < 3; i++) await client.syncPayScoreOrder(dateOnly);
    now += 60_000;
    await client.syncPayScoreOrder(dateOnly);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[1]?.[0])).toContain(
      '(2 more like it held back in the last minute)',
    );
    expect(warn.mock.calls[1]?.[1]).toMatchObject({ heldBack: 2 });
  });

  it.each([
    ['off', 0, 0],
    ['error', 0, 0],
    ['warn', 1, 0],
    ['debug', 1, 2],
  ] as const)('TIANMAN_LOG=%s: %i warn, %i debug events', async (level, warns, debugs) => {
    process.env.TIANMAN_LOG = level;
    const server = await serve(script(ok));
    await clientOn(server.url).syncPayScoreOrder(dateOnly);
    expect(warn).toHaveBeenCalledTimes(warns);
    expect(debug).toHaveBeenCalledTimes(debugs);
    expect(JSON.stringify(debug.mock.calls)).not.toContain(APP_KEY);
  });

  it('logLevel wins over TIANMAN_LOG; a logger replaces console', async () => {
    process.env.TIANMAN_LOG = 'off';
    const server = await serve(script(ok));
    await clientOn(server.url, { logLevel: 'warn' }).syncPayScoreOrder(dateOnly);
    expect(warn).toHaveBeenCalledTimes(1);
    const events: string[] = [];
    const debugOnly = { debug: (message: string) => events.push(message) };
    await clientOn(server.url, { logLevel: 'warn', logger: debugOnly }).syncPayScoreOrder(dateOnly);
    expect(events).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('info: each access token obtained, never the token', async () => {
    process.env.TIANMAN_LOG = 'info';
    const server = await serve((request, res) => {
      if (request.url === TOKEN_PATH) {
        json(res, 200, { errCode: '0000', accessToken: 'tok-0123456789', expiresIn: 3600 });
      } else ok(res);
    });
    await clientOn(server.url, { auth: 'token' }).syncPayScoreOrder(validBody);
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]).toEqual([
      '@tianman/client: access token obtained, used for 3540 s',
      { usedForSeconds: 3540 },
    ]);
  });
});
