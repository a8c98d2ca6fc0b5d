import { getEventListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTianmanClient, type TianmanClientOptions } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  apiOf,
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

const P = '@tianman/client: ';

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

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: Error & Record<string, unknown>) => error,
  );
}

describe('pipeline: what the logger is told', () => {
  it('logs each attempt as `METHOD url` and each answer as `HTTP status` with its code', async () => {
    const server = await serve(script((res) => json(res, 500, { errCode: '9999' }), ok));
    const logger = recordingLogger();
    await clientFor(server.url, { logger, logLevel: 'debug' }).syncPayScoreOrder(validBody);
    const url = server.url + SYNC_PATH;
    expect(logger.events.map((e) => [e.level, e.message])).toEqual([
      ['debug', `${P}POST ${url}`],
      ['debug', `${P}HTTP 500`],
      ['warn', `${P}POST ${url}: retrying in 1 ms: HTTP 500`],
      ['debug', `${P}POST ${url}`],
      ['debug', `${P}HTTP 200`],
    ]);
    expect(logger.events[1]?.details).toEqual({ attempt: 1, status: 500, code: '9999' });
    expect(logger.events[2]?.details).toEqual({
      attempt: 1,
      reason: 'HTTP 500',
      delayMs: 1,
    });
    expect(logger.events[4]?.details).toEqual({ attempt: 2, status: 200, code: '0000' });
  });

  it('a refused token is logged with the attempt before it is refreshed', async () => {
    let tokens = 0;
    const server = await serve((request, res) => {
      if (request.url === TOKEN_PATH)
        return json(res, 200, { errCode: '0000', accessToken: `token-0000000${++tokens}` });
      if (request.headers.authorization?.endsWith('token-00000001'))
        return json(res, 412, { errCode: '1000', errInfo: 'revoked' });
      ok(res);
    });
    const logger = recordingLogger();
    const result = await clientFor(server.url, { logger, auth: 'token' }).syncPayScoreOrder(
      validBody,
    );
    expect(result.attempts).toBe(2);
    const warns = logger.events.filter((e) => e.level === 'warn');
    expect(warns).toEqual([
      {
        level: 'warn',
        message: `${P}token refused (1000): refreshing it, sending again`,
        details: { attempt: 1 },
      },
    ]);
  });
});

describe('pipeline: classifying answers', () => {
  it('a 299 is a success, not a redirect', async () => {
    const server = await serve((_r, res) => json(res, 299, { respCode: '0000' }));
    const result = await clientFor(server.url).syncPayScoreOrder(validBody);
    expect(result.respCode).toBe('0000');
  });

  it('a redirect without Location says so', async () => {
    const server = await serve((_r, res) => json(res, 302, {}));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error.message).toBe(
      `${P}POST ${server.url}${SYNC_PATH}: no respCode or errCode (HTTP 302, attempts: 1): redirect to (no Location) not followed (a signed request never is)`,
    );
    expect(error.code).toBe('ERR_REDIRECT');
  });

  it('1000 and 1001 refusals are AuthErrors with their own hint', async () => {
    const server = await serve(
      script(
        (res) => json(res, 412, { errCode: '1000', errInfo: '签名错误' }),
        (res) => json(res, 403, { errCode: '1001', errInfo: '无权限' }),
      ),
    );
    const client = clientFor(server.url);
    const url = server.url + SYNC_PATH;
    const first = await failure(client.syncPayScoreOrder(validBody));
    expect(first.name).toBe('AuthError');
    expect(first.message).toBe(
      `${P}POST ${url}: 1000 签名错误 (HTTP 412, attempts: 1): check appId, appKey and the clock`,
    );
    const second = await failure(client.syncPayScoreOrder(validBody));
    expect(second.name).toBe('AuthError');
    expect(second.message).toBe(
      `${P}POST ${url}: 1001 无权限 (HTTP 403, attempts: 1): no permission for this API`,
    );
  });

  it('the api returns a refusal for openapi-fetch to read instead of throwing', async () => {
    const server = await serve((_r, res) => json(res, 412, { errCode: '1000' }));
    const { data, error, response } = await apiOf(clientFor(server.url)).POST(SYNC_PATH, {
      body: validBody,
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errCode: '1000' });
    expect(response.status).toBe(412);
    expect(server.received).toHaveLength(1);
  });

  it('an oversize answer is an ApiError naming the cap, the status and the attempts', async () => {
    const server = await serve((_r, res) => json(res, 500, { errInfo: 'x'.repeat(100) }));
    const error = await failure(
      clientFor(server.url, { maxResponseBytes: 64 }).syncPayScoreOrder(validBody),
    );
    expect(error.message).toBe(
      `${P}POST ${server.url}${SYNC_PATH}: response body over 64 bytes (maxResponseBytes), not read (HTTP 500, attempts: 1)`,
    );
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
  });
});

describe('pipeline: network failures, whatever the transport rejects with', () => {
  const url = 'http://127.0.0.1:9';
  const rejecting = (value: unknown) =>
    clientFor(url, { retry: { limit: 0 }, fetch: () => Promise.reject(value) });

  it.each([
    ['undefined', undefined, 'network error'],
    ['null', null, 'network error'],
    ['an Error without code or cause', new Error('boom'), 'network error'],
    [
      'an error with a code',
      Object.assign(new Error('x'), { code: 'ECONNRESET' }),
      'network error ECONNRESET',
    ],
    [
      'an error whose plain cause has a code',
      new TypeError('fetch failed', { cause: { code: 'EPIPE' } }),
      'network error EPIPE',
    ],
    [
      'an error whose cause has only a message',
      new TypeError('fetch failed', { cause: { message: 'other side closed' } }),
      'network error other side closed',
    ],
  ])('%s: a NetworkError that may have been delivered', async (_what, value, reason) => {
    // fetch says nothing of how far a request got: only a failure to connect proves nothing left.
    const error = await failure(rejecting(value).syncPayScoreOrder(validBody));
    expect(error.name).toBe('NetworkError');
    expect(error.message).toBe(
      `${P}POST ${url}${SYNC_PATH}: ${reason} after the request was sent: it may have been delivered; check its outcome before sending it again (attempts: 1)`,
    );
    expect(error.code).toBe('ERR_MAYBE_DELIVERED');
  });

  it.each([
    ['refused', Object.assign(new Error('x'), { code: 'ECONNREFUSED' })],
    [
      'to an unknown host',
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }),
      }),
    ],
  ])('a connection %s sent nothing: a NetworkError ERR_NETWORK', async (_what, value) => {
    const error = await failure(rejecting(value).syncPayScoreOrder(validBody));
    expect(error.code).toBe('ERR_NETWORK');
    expect(error.message).toMatch(/: network error E[A-Z]+ \(attempts: 1\)$/);
  });
});

describe('pipeline: the caller signal', () => {
  it('keeps no listener on the caller signal once the call is over', async () => {
    const server = await serve(script((res) => json(res, 503, { errCode: '9999' }), ok));
    const controller = new AbortController();
    await clientFor(server.url).syncPayScoreOrder(validBody, { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

/**
 * A platform that answers its requests in the order the test releases them: each request waits
 * in `pending` until `answer(n, …)` is called.
 */
async function heldPlatform() {
  const pending: Array<(answer: (res: ServerResponse, raw: IncomingMessage) => void) => void> = [];
  const waiters: Array<() => void> = [];
  const server = await serve((_request, res, raw) => {
    pending.push((answer) => answer(res, raw));
    for (const wake of waiters.splice(0)) wake();
  });
  const arrived = async (n: number) => {
    while (pending.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { server, pending, arrived };
}

const refuseAt =
  (platformNow: number, errCode = '1000') =>
  (res: ServerResponse) => {
    res.setHeader('date', new Date(platformNow).toUTCString());
    json(res, 412, { errCode });
  };

describe('pipeline: clock skew', () => {
  it('exactly 60 s off is not corrected: an AuthError at once', async () => {
    const server = await serve(script(refuseAt(NOW + 60_000), ok));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({ name: 'AuthError', attempts: 1 });
  });

  it('61 s off is corrected', async () => {
    const server = await serve(script(refuseAt(NOW + 61_000), ok));
    expect((await clientFor(server.url).syncPayScoreOrder(validBody)).attempts).toBe(2);
  });

  it('a 1001 is never a clock problem, however far Date is', async () => {
    const server = await serve(script(refuseAt(NOW + 15 * 60_000, '1001'), ok));
    const error = await failure(clientFor(server.url).syncPayScoreOrder(validBody));
    expect(error).toMatchObject({ name: 'AuthError', attempts: 1 });
  });

  it('the skew is measured against the offset the attempt was signed with', async () => {
    const server = await serve(
      script(refuseAt(NOW + 15 * 60_000), ok, refuseAt(NOW + 17 * 60_000), ok),
    );
    const logger = recordingLogger();
    const client = clientFor(server.url, { logger });
    await client.syncPayScoreOrder(validBody);
    await client.syncPayScoreOrder(validBody);
    const warns = logger.events.filter((e) => e.level === 'warn');
    expect(warns.map((e) => [e.message, e.details])).toEqual([
      [
        `${P}clock off by 900 s from the platform's: corrected, signing again`,
        { attempt: 1, skewMs: 900_000 },
      ],
      [
        `${P}clock off by 120 s from the platform's: corrected, signing again`,
        { attempt: 1, skewMs: 120_000 },
      ],
    ]);
  });

  // Two calls signed with no offset, refused one after the other: the second adopts its own
  // offset, and warns only when it differs from the first's by more than a minute.
  it.each([
    [15, 1],
    [16, 1],
    [17, 2],
  ])('concurrent refusals at 15 and %i minutes: %i warn(s)', async (minutes, warnings) => {
    const { server, pending, arrived } = await heldPlatform();
    const logger = recordingLogger();
    const client = clientFor(server.url, { logger });
    const a = client.syncPayScoreOrder(validBody);
    const b = client.syncPayScoreOrder(validBody);
    await arrived(2);
    pending[0]?.(refuseAt(NOW + 15 * 60_000));
    await arrived(3);
    pending[2]?.(ok);
    await a;
    pending[1]?.(refuseAt(NOW + minutes * 60_000));
    await arrived(4);
    pending[3]?.(ok);
    expect((await b).attempts).toBe(2);
    expect(logger.events.filter((e) => e.level === 'warn')).toHaveLength(warnings);
  });
});
