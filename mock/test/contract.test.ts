import {
  ApiError,
  AuthError,
  createTianmanClient,
  type StoredToken,
  type SyncPayScoreOrderBody,
  type TianmanClientOptions,
} from '@tianman/client';
import { createTianmanApi } from '@tianman/client/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningMock, startMock } from '../src/index.js';
import { SYNC_PATH, validBody } from './helpers.js';

// The real client against the real mock: the proof that the client, the signer and the
// contract agree. Retries are kept fast; their policy is the client's own business.
const fastRetry = { limit: 2, baseDelayMs: 1, maxDelayMs: 5, jitter: false };

interface Wire {
  /** Every request the client sent, as `path` (token requests included). */
  paths: string[];
  fetch: NonNullable<TianmanClientOptions['fetch']>;
}

/** A fetch that records paths and adds `Prefer` to order-sync requests only. */
function wire(prefer?: string): Wire {
  const paths: string[] = [];
  return {
    paths,
    fetch: (input, init) => {
      const request = new Request(input, init);
      const { pathname } = new URL(request.url);
      paths.push(pathname);
      if (prefer && pathname === SYNC_PATH) request.headers.set('prefer', prefer);
      return fetch(request);
    },
  };
}

function client(options: Partial<TianmanClientOptions> = {}) {
  return createTianmanClient({
    ...inject('mockCredentials'),
    baseUrl: inject('mockUrl'),
    retry: fastRetry,
    ...options,
  });
}

const body: SyncPayScoreOrderBody = { ...validBody };

describe.each(['signature', 'token'] as const)('auth: %s', (auth) => {
  it('syncs an order: the mock verifies the request and answers the spec example', async () => {
    const w = wire();
    const result = await client({ auth, fetch: w.fetch }).syncPayScoreOrder(body);
    expect(result).toEqual({
      respCode: '0000',
      respDesc: '成功',
      status: 200,
      attempts: 1,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
    });
    expect(w.paths).toEqual(auth === 'token' ? ['/v1/token/access', SYNC_PATH] : [SYNC_PATH]);
  });

  it('sends Chinese text the gate verifies byte for byte', async () => {
    const result = await client({ auth }).syncPayScoreOrder({
      ...body,
      mid: '商户-测试-898310148160568',
    });
    expect(result.respCode).toBe('0000');
  });

  it('signs every call again: many calls, no nonce ever refused', async () => {
    const c = client({ auth });
    const results = await Promise.all(Array.from({ length: 50 }, () => c.syncPayScoreOrder(body)));
    expect(results.every((r) => r.respCode === '0000')).toBe(true);
  });

  it('works through the api as well (openapi-fetch over the same road)', async () => {
    const { data, error, response } = await createTianmanApi(client({ auth })).POST(SYNC_PATH, {
      body,
    });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ respCode: '0000', respDesc: '成功' });
  });

  // Prefer: …  → the error class the client must raise, its code, and how many attempts.
  it.each([
    ['code=412', AuthError, '1000', 412],
    ['example=notAuthorized', AuthError, '1001', 412],
    ['example=timestampUnparsable', AuthError, '1000', 412],
    ['example=orderNotExist', ApiError, 'ORDER_NOT_EXIST', 200],
    ['example=deductionRunning', ApiError, 'INVALID_ORDER_STATE', 200],
    ['code=422', ApiError, '9001', 422],
    ['code=400', ApiError, '9001', 400],
  ] as const)('Prefer: %s → %o %s, not retried', async (prefer, ErrorClass, code, status) => {
    const w = wire(prefer);
    const error = await client({ auth, fetch: w.fetch })
      .syncPayScoreOrder(body)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ code, status });
    const syncs = w.paths.filter((p) => p === SYNC_PATH).length;
    // Token mode answers a 1000 with one token refresh and one re-send; a 1001 is a permission
    // no new token grants.
    expect(syncs).toBe(auth === 'token' && code === '1000' ? 2 : 1);
  });

  it.each([
    ['example=transient', '9200', 412],
    ['code=500', '9999', 500],
    ['code=503', 'SYSTEM_ERROR', 503],
  ] as const)(
    'Prefer: %s → ApiError %s after retries, each signed afresh',
    async (prefer, code, status) => {
      const w = wire(prefer);
      const error = await client({ auth, fetch: w.fetch })
        .syncPayScoreOrder(body)
        .catch((e: unknown) => e);
      // Had a retry reused its nonce, the gate would have answered 1000 and this would be an AuthError.
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code, status, attempts: 3 });
      expect(w.paths.filter((p) => p === SYNC_PATH)).toHaveLength(3);
    },
  );
});

describe('authentication failures the client cannot fix by itself', () => {
  it('a wrong appKey is an AuthError naming the gate’s reason, never retried', async () => {
    const w = wire();
    const error = await client({ appKey: 'not-the-sandbox-key-000000000000', fetch: w.fetch })
      .syncPayScoreOrder(body)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: '1000', status: 412, attempts: 1 });
    expect((error as AuthError).message).toContain('signature mismatch');
    expect(w.paths).toHaveLength(1);
  });

  it('a clock 8 hours off is corrected from the platform’s Date: signed again, sent once more', async () => {
    const w = wire();
    const result = await client({
      now: () => Date.now() - 8 * 3600_000,
      fetch: w.fetch,
    }).syncPayScoreOrder(body);
    expect(result).toMatchObject({ respCode: '0000', attempts: 2 });
    expect(w.paths).toEqual([SYNC_PATH, SYNC_PATH]);
  });

  it('a clock 8 hours off, answered without a Date, is an AuthError that says so', async () => {
    const w = wire();
    const error = await client({
      now: () => Date.now() - 8 * 3600_000,
      fetch: async (input, init) => {
        const answer = await w.fetch(input, init);
        const headers = new Headers(answer.headers);
        headers.delete('date');
        return new Response(answer.body, { status: answer.status, headers });
      },
    })
      .syncPayScoreOrder(body)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toContain('Beijing time (UTC+8)');
    expect(w.paths).toEqual([SYNC_PATH]);
  });

  it('an unknown appId is an AuthError', async () => {
    const error = await client({ appId: 'ffffffffffffffffffffffffffffffff' })
      .syncPayScoreOrder(body)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toContain('unknown AppId');
  });

  it('token mode with a wrong appKey fails at the token request', async () => {
    const w = wire();
    const error = await client({ auth: 'token', appKey: 'wrong-key', fetch: w.fetch })
      .syncPayScoreOrder(body)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(w.paths).toEqual(['/v1/token/access']);
  });
});

describe('token mode end to end', () => {
  // A mock of its own whose clock the test moves ahead of the client's: the mock expires the
  // token while the client still holds it, which is what a token revoked early looks like.
  let offset = 0;
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({
      port: 0,
      now: () => Date.now() + offset,
      tokenTtlSeconds: 100,
      toleranceSeconds: 600,
    });
  });
  afterAll(() => mock.close());

  function tokenClient(options: Partial<TianmanClientOptions> = {}) {
    return createTianmanClient({
      ...mock.credentials,
      baseUrl: mock.url,
      auth: 'token',
      retry: fastRetry,
      ...options,
    });
  }

  it('concurrent calls on a cold cache share one token request', async () => {
    const w = wire();
    const c = tokenClient({ fetch: w.fetch });
    await Promise.all(Array.from({ length: 30 }, () => c.syncPayScoreOrder(body)));
    expect(w.paths.filter((p) => p === '/v1/token/access')).toHaveLength(1);
    expect(w.paths.filter((p) => p === SYNC_PATH)).toHaveLength(30);
  });

  it('a token the mock expired is refreshed once and the call re-sent', async () => {
    const w = wire();
    const c = tokenClient({ fetch: w.fetch });
    await c.syncPayScoreOrder(body);
    offset += 200_000;
    const result = await c.syncPayScoreOrder(body);
    expect(result).toMatchObject({ respCode: '0000', attempts: 2 });
    expect(w.paths).toEqual([
      '/v1/token/access',
      SYNC_PATH,
      SYNC_PATH,
      '/v1/token/access',
      SYNC_PATH,
    ]);
  });

  it('an unknown token from a shared store is replaced', async () => {
    const stored = new Map<string, StoredToken>();
    const tokenStore = {
      get: async (key: string) => stored.get(key),
      set: async (key: string, token: StoredToken) => void stored.set(key, token),
      delete: async (key: string) => void stored.delete(key),
    };
    const w = wire();
    const c = tokenClient({ fetch: w.fetch, tokenStore });
    await tokenStore.set(`tianman:${mock.url.replaceAll(':', '%3A')}:${mock.credentials.appId}`, {
      accessToken: '3c2a5e0f8b8f4f6f9a1d7e2b4c6a8e0d',
      expiresAt: Date.now() + 3600_000,
    });
    const result = await c.syncPayScoreOrder(body);
    expect(result).toMatchObject({ respCode: '0000', attempts: 2 });
    expect([...stored.values()][0]?.accessToken).not.toBe('3c2a5e0f8b8f4f6f9a1d7e2b4c6a8e0d');
  });

  it('a client that fetched a token per call loses its oldest to the 10-token cap', async () => {
    // Eleven clients, each with its own cache, as a service that creates a client per request.
    const clients = Array.from({ length: 11 }, () => tokenClient({ retry: { limit: 0 } }));
    for (const c of clients) await c.syncPayScoreOrder(body);
    // The first client's token was revoked: it refreshes once and gets through.
    const first = clients[0] as (typeof clients)[number];
    const result = await first.syncPayScoreOrder(body);
    expect(result.attempts).toBe(2);
    // The last one's token is among the ten live ones.
    const last = clients[10] as (typeof clients)[number];
    expect((await last.syncPayScoreOrder(body)).attempts).toBe(1);
  });
});
