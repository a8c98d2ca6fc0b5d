import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  type ApiError,
  createTianmanClient,
  DEFAULT_RETRY,
  isApiError,
  isAuthError,
  isNetworkError,
  isTimeoutError,
  type TianmanClientOptions,
} from '../src/index.js';
import { retryAfterMs, retryDelay, retryReason } from '../src/retry.js';
import {
  APP_ID,
  APP_KEY,
  authOf,
  fastRetry,
  json,
  NOW,
  ok,
  recordingLogger,
  script,
  serve,
  validBody,
} from './helpers.js';

function clientFor(url: string, options: Partial<TianmanClientOptions> = {}) {
  return createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: url,
    now: () => NOW,
    retry: fastRetry,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: ApiError) => error,
  );
}

const reply =
  (status: number, body: unknown, headers?: Record<string, string>) => (res: ServerResponse) =>
    json(res, status, body, headers);

describe('retried: the answer can change on a later attempt', () => {
  const transient: Array<[string, ReturnType<typeof reply>]> = [
    ['HTTP 500', reply(500, { errCode: '9999', errInfo: '系统错误' })],
    ['HTTP 503', reply(503, { errCode: '9999', errInfo: '服务不可用' })],
    ['HTTP 429', reply(429, { errCode: 'FREQUENCY_LIMITED' })],
    [
      'HTTP 412 with the transient gateway 9200',
      reply(412, { errCode: '9200', errInfo: '请稍后重试' }),
    ],
    [
      'respCode SYSTEM_ERROR with HTTP 200',
      reply(200, { respCode: 'SYSTEM_ERROR', respDesc: '系统错误' }),
    ],
    [
      'respCode FREQUENCY_LIMITED with HTTP 200',
      reply(200, { respCode: 'FREQUENCY_LIMITED', respDesc: '频率限制' }),
    ],
  ];

  it.each(transient)(
    '%s, then success: two attempts, distinct nonces, identical bytes',
    async (_label, first) => {
      const server = await serve(script(first, ok));
      const result = await clientFor(server.url).syncPayScoreOrder(validBody);
      expect(result).toMatchObject({ respCode: '0000', attempts: 2 });
      expect(server.received).toHaveLength(2);
      const [a, b] = server.received.map(authOf);
      expect(a?.nonce).not.toBe(b?.nonce);
      expect(a?.signature).not.toBe(b?.signature);
      expect(server.received[0]?.body.equals(server.received[1]?.body as Buffer)).toBe(true);
    },
  );

  it.each(transient)('%s every time: gives up after limit + 1 attempts', async (_label, answer) => {
    const server = await serve(script(answer));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(isApiError(error)).toBe(true);
    expect(error.attempts).toBe(3);
    expect(server.received).toHaveLength(3);
    expect(new Set(server.received.map((r) => authOf(r).nonce)).size).toBe(3);
  });

  it('a refused connection is a NetworkError, retried', async () => {
    const server = await serve(script(ok));
    const url = server.url;
    await server.close();
    const logger = recordingLogger();
    const error = await failure(clientFor(url, { logger }).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({ name: 'NetworkError', attempts: 3 });
    expect(error.message).toContain('ECONNREFUSED');
    // Two retries, one cause: one warning (the same cause is logged once a minute at most).
    const warns = logger.events.filter((e) => e.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]?.message).toContain('retrying in 1 ms: network error ECONNREFUSED');
  });

  it('an HTML 502 page is retried, then an ApiError with the status and a short excerpt', async () => {
    const page = `<html>\n<head><title>502 Bad Gateway</title></head>\n<body>${'x'.repeat(1000)}</body></html>`;
    const server = await serve((_request, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(page);
    });
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({ name: 'ApiError', status: 502, code: 'HTTP_502', attempts: 3 });
    expect(error.body).toBe(page.replace(/\s+/g, ' ').slice(0, 200));
    expect(error.message).toContain('<html> <head><title>502 Bad Gateway</title>');
    expect(error.message.length).toBeLessThan(400);
    expect(error.respCode).toBeUndefined();
  });
});

describe('not retried: the server may have read the request (the operation is not idempotent)', () => {
  it('a socket reset after the request was read: a NetworkError ERR_MAYBE_DELIVERED with status 0 and the cause', async () => {
    const server = await serve(script((_res, raw) => raw.socket.destroy()));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'NetworkError',
      code: 'ERR_MAYBE_DELIVERED',
      status: 0,
      attempts: 1,
    });
    expect(error.message).toContain('may have been delivered; check its outcome');
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.received).toHaveLength(1);
  });

  it('timing out after sending: a TimeoutError ERR_MAYBE_DELIVERED, after the per-call timeout', async () => {
    const server = await serve(() => {});
    const error = await failure(
      clientFor(server.url, { timeoutMs: 5000 }).syncPayScoreOrder(validBody, { timeoutMs: 50 }),
    );
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      code: 'ERR_MAYBE_DELIVERED',
      status: 0,
      attempts: 1,
    });
    expect(error.message).toContain('timed out after 50 ms after the request was sent');
    expect(server.received).toHaveLength(1);
  });

  it('the timeout covers the body: headers then silence is a TimeoutError', async () => {
    const server = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"respCode":');
    });
    const error = await failure(
      clientFor(server.url, { timeoutMs: 100 }).syncPayScoreOrder(validBody),
    );
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'ERR_MAYBE_DELIVERED', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });
});

describe('not retried: the same request would get the same answer', () => {
  it.each([
    ['authentication failed (1000)', 412, { errCode: '1000', errInfo: '认证失败' }, 'AuthError'],
    ['authorization failed (1001)', 412, { errCode: '1001', errInfo: '授权失败' }, 'AuthError'],
    [
      'a gateway parameter error (9001)',
      422,
      { errCode: '9001', errInfo: '参数校验失败' },
      'ApiError',
    ],
    ['a 400', 400, { errCode: '9001', errInfo: 'bad request' }, 'ApiError'],
    [
      'a business refusal with HTTP 200',
      200,
      { respCode: 'ORDER_NOT_EXIST', respDesc: '订单不存在' },
      'ApiError',
    ],
    ['a 404 without a body', 404, '', 'ApiError'],
  ])('%s: one attempt', async (_label, status, body, name) => {
    const server = await serve(script(reply(status, body)));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error.name).toBe(name);
    expect(error.attempts).toBe(1);
    expect(error.status).toBe(status);
    expect(server.received).toHaveLength(1);
  });

  it('reads the inip dialect: respCode and respDesc', async () => {
    const server = await serve(
      script(
        reply(200, { respCode: 'INVALID_ORDER_STATE', respDesc: '单据正在扣款中,请稍后重试' }),
      ),
    );
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'INVALID_ORDER_STATE',
      respCode: 'INVALID_ORDER_STATE',
      respDesc: '单据正在扣款中,请稍后重试',
      status: 200,
      body: { respCode: 'INVALID_ORDER_STATE', respDesc: '单据正在扣款中,请稍后重试' },
    });
    expect(error.message).toContain('INVALID_ORDER_STATE 单据正在扣款中');
  });

  it('reads the gateway dialect: errCode and errInfo, on a non-2xx', async () => {
    const server = await serve(script(reply(412, { errCode: '1000', errInfo: '认证失败' })));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({
      code: '1000',
      errCode: '1000',
      errInfo: '认证失败',
      status: 412,
    });
    expect(error.message).toContain('1000 认证失败');
  });

  it('reads the netpay dialect: errCode and errMsg', async () => {
    const server = await serve(script(reply(200, { errCode: 'BAD_REQUEST', errMsg: '请求错误' })));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'BAD_REQUEST',
      errCode: 'BAD_REQUEST',
      errMsg: '请求错误',
    });
    expect(error.message).toContain('BAD_REQUEST 请求错误');
  });

  it('a truncated JSON body with HTTP 200 is an ApiError with an excerpt, not retried', async () => {
    const server = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"respCode":"00');
    });
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'HTTP_200',
      status: 200,
      attempts: 1,
      body: '{"respCode":"00',
    });
  });

  it('a 2xx JSON body without respCode is not a success', async () => {
    const server = await serve(script(reply(200, { ok: true })));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({ name: 'ApiError', code: 'HTTP_200', attempts: 1 });
  });

  it('retry: { limit: 0 } turns retries off', async () => {
    const server = await serve(script(reply(503, {})));
    const error = await failure(
      clientFor(server.url, { retry: { limit: 0 } }).syncPayScoreOrder(validBody),
    );
    expect(error.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
  });
});

describe('successCodes', () => {
  it("defaults to ['0000']", async () => {
    const server = await serve(script(reply(200, { respCode: 'SUCCESS' })));
    await expect(clientFor(server.url).syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'ApiError',
      respCode: 'SUCCESS',
    });
  });

  it('can be changed, since the endpoint success code is unconfirmed', async () => {
    const server = await serve(script(reply(200, { respCode: 'SUCCESS', respDesc: 'ok' })));
    const client = clientFor(server.url, { successCodes: ['0000', 'SUCCESS'] });
    await expect(client.syncPayScoreOrder(validBody)).resolves.toEqual({
      respCode: 'SUCCESS',
      respDesc: 'ok',
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      attempts: 1,
    });
  });
});

describe('Retry-After and backoff', () => {
  it('honours Retry-After in seconds, capped by maxDelayMs', async () => {
    const server = await serve(script(reply(429, {}, { 'retry-after': '120' }), ok));
    const logger = recordingLogger();
    await clientFor(server.url, {
      logger,
      retry: { baseDelayMs: 1, maxDelayMs: 30, jitter: false },
    }).syncPayScoreOrder(validBody);
    const retry = logger.events.find((e) => e.level === 'warn');
    expect(retry?.details).toMatchObject({ attempt: 1, reason: 'HTTP 429', delayMs: 30 });
  });

  it('honours Retry-After as an HTTP date', async () => {
    const inTwentyMs = new Date(NOW + 20_000).toUTCString();
    const server = await serve(script(reply(503, {}, { 'retry-after': inTwentyMs }), ok));
    const logger = recordingLogger();
    await clientFor(server.url, {
      logger,
      retry: { baseDelayMs: 1, maxDelayMs: 25, jitter: false },
    }).syncPayScoreOrder(validBody);
    expect(logger.events.find((e) => e.level === 'warn')?.details).toMatchObject({ delayMs: 25 });
  });

  it('retryAfterMs reads delay-seconds and HTTP dates, and ignores garbage', () => {
    expect(retryAfterMs('3', NOW)).toBe(3000);
    expect(retryAfterMs(' 0 ', NOW)).toBe(0);
    expect(retryAfterMs(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(retryAfterMs(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });

  it('backs off exponentially with a cap; jitter spreads over [50 %, 100 %]', () => {
    const policy = { limit: 5, baseDelayMs: 100, maxDelayMs: 350, jitter: false };
    expect([1, 2, 3, 4].map((n) => retryDelay(policy, n, undefined))).toEqual([100, 200, 350, 350]);
    const jittered = { ...policy, jitter: true };
    expect(retryDelay(jittered, 2, undefined, () => 0)).toBe(100);
    expect(retryDelay(jittered, 2, undefined, () => 0.999999)).toBe(200);
    expect(retryDelay(jittered, 1, 10_000)).toBe(350);
    expect(retryDelay(jittered, 1, 20)).toBe(20);
  });

  it('has documented defaults: two retries, 1 s doubling, 10 s cap, jitter', () => {
    expect(DEFAULT_RETRY).toEqual({
      limit: 2,
      baseDelayMs: 1000,
      maxDelayMs: 10_000,
      jitter: true,
    });
    expect(Object.isFrozen(DEFAULT_RETRY)).toBe(true);
  });

  it('retryReason gives one reason per retryable branch and none otherwise', () => {
    expect(retryReason(429, undefined)).toBe('HTTP 429');
    expect(retryReason(502, undefined)).toBe('HTTP 502');
    expect(retryReason(412, '9200')).toBe('gateway 9200');
    expect(retryReason(200, 'SYSTEM_ERROR')).toBe('SYSTEM_ERROR');
    expect(retryReason(200, 'FREQUENCY_LIMITED')).toBe('FREQUENCY_LIMITED');
    for (const [status, code] of [
      [412, '1000'],
      [412, '1001'],
      [422, '9001'],
      [400, undefined],
      [200, 'ORDER_NOT_EXIST'],
      [200, '0000'],
    ] as const) {
      expect(retryReason(status, code)).toBeUndefined();
    }
  });
});

describe("the caller's AbortSignal", () => {
  it('rejects with the signal reason while a request is in flight, and sends nothing more', async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const call = clientFor(server.url).syncPayScoreOrder(validBody, { signal: controller.signal });
    while (server.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(server.received).toHaveLength(1);
  });

  it('ends a retry wait at once: no further attempt', async () => {
    const server = await serve(script(reply(503, {})));
    const controller = new AbortController();
    const logger = {
      warn: () => controller.abort(),
    };
    const client = clientFor(server.url, {
      logger,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const error = await failure(client.syncPayScoreOrder(validBody, { signal: controller.signal }));
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('AbortError');
    expect(server.received).toHaveLength(1);
  });

  it('an abort while the attempt is being signed sends nothing', async () => {
    const server = await serve(script(ok));
    const controller = new AbortController();
    // The nonce source runs while the attempt is prepared: abort right there.
    const createNonce = (): string => {
      controller.abort();
      return 'abcdef0123456789abcdef0123456789';
    };
    const error = await failure(
      clientFor(server.url, { createNonce }).syncPayScoreOrder(validBody, {
        signal: controller.signal,
      }),
    );
    expect(error.name).toBe('AbortError');
    expect(server.connections).toBe(0);
  });

  it('an already aborted signal sends nothing', async () => {
    const server = await serve(script(ok));
    const error = await failure(
      clientFor(server.url).syncPayScoreOrder(validBody, { signal: AbortSignal.abort() }),
    );
    expect(error.name).toBe('AbortError');
    expect(server.connections).toBe(0);
  });
});
