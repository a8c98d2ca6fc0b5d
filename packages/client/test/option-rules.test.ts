import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTianmanClient, type TianmanClientOptions } from '../src/index.js';
import { APP_ID, APP_KEY, NOW, ok, recordingLogger, script, serve, validBody } from './helpers.js';

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

describe('console logging only through TIANMAN_LOG', () => {
  const saved = process.env.TIANMAN_LOG;
  let warn: ReturnType<typeof vi.spyOn>;
  let debug: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TIANMAN_LOG;
    else process.env.TIANMAN_LOG = saved;
    vi.restoreAllMocks();
  });

  const dateOnly = { ...validBody, detail: { paidTime: '20261125' } };

  it('sends nothing to console without TIANMAN_LOG or a logger', async () => {
    delete process.env.TIANMAN_LOG;
    const server = await serve(script(ok));
    await createTianmanClient({ ...base, baseUrl: server.url, now: () => NOW }).syncPayScoreOrder(
      dateOnly,
    );
    expect(warn).not.toHaveBeenCalled();
    expect(debug).not.toHaveBeenCalled();
  });

  it('sends nothing to console with TIANMAN_LOG=off, whatever logLevel says', async () => {
    process.env.TIANMAN_LOG = 'off';
    const server = await serve(script(ok));
    await createTianmanClient({
      ...base,
      baseUrl: server.url,
      now: () => NOW,
      logLevel: 'debug',
    }).syncPayScoreOrder(dateOnly);
    expect(warn).not.toHaveBeenCalled();
    expect(debug).not.toHaveBeenCalled();
  });

  it("takes logLevel: 'warn' with no logger, or a logger without warn", async () => {
    delete process.env.TIANMAN_LOG;
    const server = await serve(script(ok));
    const events: string[] = [];
    const debugOnly = { debug: (message: string) => events.push(message) };
    for (const logger of [undefined, debugOnly]) {
      const client = createTianmanClient({
        ...base,
        baseUrl: server.url,
        now: () => NOW,
        logLevel: 'warn',
        logger,
      });
      await expect(client.syncPayScoreOrder(dateOnly)).resolves.toMatchObject({ status: 200 });
    }
    expect(events).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});
