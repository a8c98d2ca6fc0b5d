import { inspect } from 'node:util';
import { verify } from '@tianman/signer';
import { describe, expect, it } from 'vitest';
import { createTianmanClient, isTianmanError, type TianmanClientOptions } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  fastRetry,
  json,
  NOW,
  ok,
  recordingLogger,
  SYNC_PATH,
  script,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

const clientFor = (baseUrl: string, options: Partial<TianmanClientOptions> = {}) =>
  createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl,
    now: () => NOW,
    retry: fastRetry,
    ...options,
  });

/** Everything a caller could print of an error. */
const shown = (error: unknown): string =>
  [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join(
    '\n',
  );

describe('a deeply nested answer is an ordinary typed error', () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const deepObject = `${'{"a":'.repeat(5000)}"${APP_KEY}"${'}'.repeat(5000)}`;

  it('a 5000-deep 500 body is retried, then an ApiError (no RangeError)', async () => {
    const server = await serve((_r, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(deep);
    });
    const error = await clientFor(server.url)
      .syncPayScoreOrder(validBody)
      .catch((e) => e);
    expect(isTianmanError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'ApiError', status: 500, attempts: 3 });
  });

  it('a 5000-deep 200 body holding the appKey is scrubbed, not a crash', async () => {
    const server = await serve((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(deepObject);
    });
    const error = await clientFor(server.url)
      .syncPayScoreOrder(validBody)
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 200, attempts: 1 });
    let node = error.body;
    while (typeof node === 'object') node = node.a;
    expect(node).toBe('[REDACTED]');
  });
});

describe('the token request is a secret too', () => {
  it('its own signature never reaches an error: message, JSON or inspect', async () => {
    let signature = '';
    const server = await serve((request, res) => {
      const body = JSON.parse(request.body.toString());
      signature = body.signature;
      // A token endpoint that echoes what it received.
      json(res, 400, { errCode: '9001', errInfo: `bad request ${request.body.toString()}` });
    });
    const error = await clientFor(server.url, { auth: 'token' })
      .syncPayScoreOrder(validBody)
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'AuthError', status: 400 });
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(shown(error)).not.toContain(signature);
    expect(shown(error)).toContain('[REDACTED]');
  });
});

describe('an access token that is not a header value', () => {
  it.each([
    ['CR/LF', 'tok\r\nX-Injected: 1'],
    ['a space', 'tok en'],
    ['non-ASCII', 'tök'],
  ])(
    'with %s: a typed AuthError, never shown, not retried, nothing else sent',
    async (_, token) => {
      const server = await serve((request, res) => {
        if (request.url === TOKEN_PATH) {
          json(res, 200, { errCode: '0000', accessToken: token, expiresIn: 3600 });
        } else ok(res);
      });
      const logger = recordingLogger();
      const error = await clientFor(server.url, { auth: 'token', logger })
        .syncPayScoreOrder(validBody)
        .catch((e) => e);
      expect(error).toMatchObject({ name: 'AuthError', code: 'ERR_INVALID_TOKEN', attempts: 1 });
      expect(shown(error)).not.toContain(token);
      expect(server.received.map((r) => r.url)).toEqual([TOKEN_PATH]);
      expect(logger.events.filter((e) => e.level === 'warn')).toEqual([]);
    },
  );
});

describe('the answer size is capped', () => {
  it('a body over maxResponseBytes is an ApiError, not retried, not read whole', async () => {
    let written = 0;
    const server = await serve((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Chunked, no content-length: the cap must hold while streaming.
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        written = Number.POSITIVE_INFINITY;
      });
      pump();
    });
    const error = await clientFor(server.url, { maxResponseBytes: 100_000 })
      .syncPayScoreOrder(validBody)
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'ApiError', code: 'ERR_RESPONSE_TOO_LARGE', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('a content-length over the cap is refused before the body is read', async () => {
    const server = await serve(
      script((res) => json(res, 200, { respCode: '0000', pad: 'x'.repeat(2000) })),
    );
    const error = await clientFor(server.url, { maxResponseBytes: 1000 })
      .syncPayScoreOrder(validBody)
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'ERR_RESPONSE_TOO_LARGE', status: 200 });
  });

  it('defaults to 1 MiB', async () => {
    const server = await serve(
      script((res) => json(res, 200, { respCode: '0000', pad: 'x'.repeat(1024 * 1024) })),
    );
    await expect(clientFor(server.url).syncPayScoreOrder(validBody)).rejects.toMatchObject({
      code: 'ERR_RESPONSE_TOO_LARGE',
    });
  });
});

describe('redirects are never followed with a signed request', () => {
  it.each([301, 302, 303, 307, 308])(
    '%i is an ApiError naming the Location; the target sees nothing',
    async (status) => {
      const target = await serve(script(ok));
      const server = await serve((_r, res) => {
        res.writeHead(status, { location: `${target.url}${SYNC_PATH}` });
        res.end();
      });
      const error = await clientFor(server.url)
        .syncPayScoreOrder(validBody)
        .catch((e) => e);
      expect(error).toMatchObject({ name: 'ApiError', code: 'ERR_REDIRECT', status, attempts: 1 });
      expect(error.message).toContain(`redirect to "${target.url}${SYNC_PATH}" not followed`);
      expect(target.connections).toBe(0);
    },
  );
});

describe('no credentials in clear', () => {
  it('refuses a plain http:// base URL off loopback', () => {
    expect(() => clientFor('http://api-mop.chinaums.com')).toThrow(
      /plain http:\/\/ is refused except to a loopback host/,
    );
    expect(() => clientFor('http://10.0.0.1:8080')).toThrow(/loopback/);
  });

  it.each(['http://127.0.0.1:4010', 'http://127.1.2.3', 'http://localhost:1', 'http://[::1]:1'])(
    'accepts %s (loopback)',
    (url) => {
      expect(clientFor(url).baseUrl).toBe(url);
    },
  );

  it('allowInsecureHttp opts in, with one warning', () => {
    const logger = recordingLogger();
    clientFor('http://gateway.internal', { allowInsecureHttp: true, logger });
    expect(logger.events).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('allowInsecureHttp'),
      }),
    ]);
  });
});

describe('success needs a 2xx', () => {
  it.each([400, 412, 500])('a success respCode on HTTP %i is an ApiError', async (status) => {
    const server = await serve(script((res) => json(res, status, { respCode: '0000' })));
    await expect(
      clientFor(server.url, { retry: { limit: 0 } }).syncPayScoreOrder(validBody),
    ).rejects.toMatchObject({ name: 'ApiError', status });
  });
});

describe("a caller's abort during the request", () => {
  it('rejects with the reason at once: no NetworkError, no retry, no "retrying" log', async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const logger = recordingLogger();
    const call = clientFor(server.url, { logger }).syncPayScoreOrder(validBody, {
      signal: controller.signal,
    });
    while (server.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error('stop'));
    await expect(call).rejects.toThrow('stop');
    expect(logger.events.filter((e) => e.level === 'warn')).toEqual([]);
    expect(server.received).toHaveLength(1);
  });
});

describe('clock skew: the platform clock wins', () => {
  /** A verifying platform whose clock is `skewMs` from the client's injected one. */
  async function skewedPlatform(skewMs: number) {
    const platformNow = NOW + skewMs;
    const seen: string[] = [];
    const server = await serve(async (request, res) => {
      res.setHeader('date', new Date(platformNow).toUTCString());
      if (request.url === TOKEN_PATH) {
        const body = JSON.parse(request.body.toString());
        seen.push(`token ${body.timestamp}`);
        const fresh =
          Math.abs(
            Date.parse(
              `${body.timestamp.slice(0, 4)}-${body.timestamp.slice(4, 6)}-${body.timestamp.slice(6, 8)}T${body.timestamp.slice(8, 10)}:${body.timestamp.slice(10, 12)}:${body.timestamp.slice(12, 14)}+08:00`,
            ) - platformNow,
          ) <= 300_000;
        if (!fresh) return json(res, 412, { errCode: '1000', errInfo: 'timestamp' });
        return json(res, 200, {
          errCode: '0000',
          accessToken: 'token-0123456789',
          expiresIn: 3600,
        });
      }
      if (request.headers.authorization?.startsWith('OPEN-ACCESS-TOKEN')) {
        seen.push('sync token');
        return ok(res);
      }
      const result = await verify({
        authorization: request.headers.authorization,
        body: new Uint8Array(request.body),
        appKey: APP_KEY,
        now: platformNow,
      });
      seen.push(`sync ${result.ok ? 'ok' : result.reason}`);
      if (result.ok) ok(res);
      else json(res, 412, { errCode: '1000', errInfo: result.reason });
    });
    return { server, seen };
  }

  it.each([15 * 60_000, -15 * 60_000])(
    'a platform %i ms off: corrected from Date, success on attempt 2, later calls right first time',
    async (skew) => {
      const { server, seen } = await skewedPlatform(skew);
      const logger = recordingLogger();
      const client = clientFor(server.url, { logger, retry: { limit: 0 } });
      // Paid before the platform's clock too, whichever way it is off.
      const body = { ...validBody, detail: { paidTime: '20261125140000' } };
      const first = await client.syncPayScoreOrder(body);
      expect(first.attempts).toBe(2);
      const second = await client.syncPayScoreOrder(body);
      expect(second.attempts).toBe(1);
      expect(seen).toEqual(['sync timestamp-skew', 'sync ok', 'sync ok']);
      const warnings = logger.events.filter((e) => e.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toContain(`clock off by ${skew / 1000} s`);
      expect(warnings[0]?.details).toMatchObject({ skewMs: skew });
    },
  );

  it('concurrent calls refused together adopt the offset once, not the sum', async () => {
    const { server, seen } = await skewedPlatform(15 * 60_000);
    const client = clientFor(server.url, { retry: { limit: 0 } });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.syncPayScoreOrder(validBody)),
    );
    expect(results.every((r) => r.respCode === '0000')).toBe(true);
    const after = await client.syncPayScoreOrder(validBody);
    expect(after.attempts).toBe(1);
    expect(seen.at(-1)).toBe('sync ok');
  });

  it('the token request is corrected too', async () => {
    const { server, seen } = await skewedPlatform(-15 * 60_000);
    const result = await clientFor(server.url, {
      auth: 'token',
      retry: { limit: 0 },
    }).syncPayScoreOrder(validBody);
    expect(result.attempts).toBe(1);
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBe('sync token');
  });

  it('a skew under a minute, or a 1000 without Date, is an AuthError at once', async () => {
    const refusing = await serve(script((res) => json(res, 412, { errCode: '1000' })));
    await expect(clientFor(refusing.url).syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'AuthError',
      attempts: 1,
    });
    const near = await serve((_r, res) => {
      res.setHeader('date', new Date(NOW + 59_000).toUTCString());
      json(res, 412, { errCode: '1000' });
    });
    await expect(clientFor(near.url).syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'AuthError',
      attempts: 1,
    });
  });

  it('one correction per call: a platform that keeps refusing is an AuthError on attempt 2', async () => {
    let n = 0;
    const server = await serve((_r, res) => {
      res.setHeader('date', new Date(NOW + 3_600_000 * ++n).toUTCString());
      json(res, 412, { errCode: '1000' });
    });
    await expect(clientFor(server.url).syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'AuthError',
      attempts: 2,
    });
  });
});
