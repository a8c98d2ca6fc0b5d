import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createTianmanClient,
  type StoredToken,
  type TianmanClientOptions,
  type TokenStore,
} from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  apiOf,
  fastRetry,
  json,
  NOW,
  type Received,
  recordingLogger,
  SYNC_PATH,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

interface PlatformOptions {
  expiresIn?: number;
  /** Tokens the sync endpoint refuses with 1000 even though they were issued. */
  revoked?: Set<string>;
  /** Refuse every token. */
  refuseAll?: { now: boolean };
  tokenAnswer?: { status: number; body: unknown };
}

/** A stand-in for the platform in token mode: issues tokens, accepts only live ones. */
async function platform(options: PlatformOptions = {}) {
  const issued: string[] = [];
  const tokenRequests: Received[] = [];
  const syncRequests: Received[] = [];
  const server = await serve((request, res) => {
    if (request.url === TOKEN_PATH) {
      tokenRequests.push(request);
      if (options.tokenAnswer) {
        json(res, options.tokenAnswer.status, options.tokenAnswer.body);
        return;
      }
      const { appId, timestamp, nonce, signMethod, signature } = JSON.parse(
        request.body.toString(),
      );
      const expected = createHash('sha256')
        .update(appId + timestamp + nonce + APP_KEY)
        .digest('hex');
      if (appId !== APP_ID || signMethod !== 'SHA256' || signature !== expected) {
        json(res, 412, { errCode: '1000', errInfo: '认证失败' });
        return;
      }
      const accessToken = `token-${issued.length + 1}-${'f'.repeat(24)}`;
      issued.push(accessToken);
      json(res, 200, {
        errCode: '0000',
        errInfo: '正常',
        accessToken,
        expiresIn: options.expiresIn ?? 3600,
      });
      return;
    }
    syncRequests.push(request);
    const token = /^OPEN-ACCESS-TOKEN AccessToken=(.+)$/.exec(
      String(request.headers.authorization),
    )?.[1];
    if (
      !token ||
      !issued.includes(token) ||
      options.revoked?.has(token) ||
      options.refuseAll?.now
    ) {
      json(res, 412, { errCode: '1000', errInfo: '认证失败' });
      return;
    }
    json(res, 200, { respCode: '0000', respDesc: '成功' });
  });
  return { server, issued, tokenRequests, syncRequests };
}

function tokenClient(url: string, options: Partial<TianmanClientOptions> = {}) {
  return createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: url,
    auth: 'token',
    now: () => NOW,
    retry: fastRetry,
    ...options,
  });
}

const tokenOf = (request: Received | undefined) =>
  String(request?.headers.authorization).replace('OPEN-ACCESS-TOKEN AccessToken=', '');

/**
 * The platform as an in-memory `fetch` (no socket, no server): single flight is a property of the
 * token cache, and 1000 real HTTP exchanges would only time the machine. Token answers wait for
 * `release()`.
 */
function inMemoryPlatform() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tokenRequests: string[] = [];
  const syncTokens: string[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    if (String(input).endsWith(TOKEN_PATH)) {
      tokenRequests.push(String(init?.body));
      await released;
      return Response.json({ errCode: '0000', accessToken: 'token-1-in-memory', expiresIn: 3600 });
    }
    syncTokens.push(
      String((init?.headers as Record<string, string> | undefined)?.authorization).replace(
        'OPEN-ACCESS-TOKEN AccessToken=',
        '',
      ),
    );
    return Response.json({ respCode: '0000', respDesc: '成功' });
  };
  return { fetch, release, tokenRequests, syncTokens };
}

describe('token mode', () => {
  it('1000 concurrent calls on a cold cache make exactly one token request', async () => {
    const p = inMemoryPlatform();
    // No attempt may time out, however slow the machine: attempts stay 1 or the test fails.
    const client = tokenClient('http://127.0.0.1:1', {
      fetch: p.fetch,
      timeoutMs: 2 ** 31 - 1,
      retry: { limit: 0 },
    });
    const calls = Array.from({ length: 1000 }, () => client.syncPayScoreOrder(validBody));
    // Every call has started, and none can finish before the token answer: they are all
    // concurrent with the one refresh, whatever the machine's speed.
    await new Promise((resolve) => setImmediate(resolve));
    expect(p.tokenRequests).toHaveLength(1);
    expect(p.syncTokens).toHaveLength(0);
    p.release();
    const results = await Promise.all(calls);
    expect(results.every((r) => r.respCode === '0000' && r.attempts === 1)).toBe(true);
    expect(p.tokenRequests).toHaveLength(1);
    expect(p.syncTokens).toHaveLength(1000);
    expect(new Set(p.syncTokens)).toEqual(new Set(['token-1-in-memory']));
  });

  it('over real HTTP, 20 concurrent calls on a cold cache make one token request', async () => {
    const p = await platform();
    const client = tokenClient(p.server.url, { timeoutMs: 2 ** 31 - 1, retry: { limit: 0 } });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.syncPayScoreOrder(validBody)),
    );
    expect(results.every((r) => r.respCode === '0000' && r.attempts === 1)).toBe(true);
    expect(p.tokenRequests).toHaveLength(1);
    expect(p.syncRequests).toHaveLength(20);
    expect(new Set(p.syncRequests.map(tokenOf))).toEqual(new Set(p.issued));
  });

  it('signs the token request with SHA-256 and never sends the appKey', async () => {
    const p = await platform();
    await tokenClient(p.server.url).syncPayScoreOrder(validBody);
    const body = JSON.parse(p.tokenRequests[0]?.body.toString() ?? '');
    expect(body).toMatchObject({
      appId: APP_ID,
      timestamp: '20261125143200',
      signMethod: 'SHA256',
    });
    expect(Object.keys(body).sort()).toEqual([
      'appId',
      'nonce',
      'signMethod',
      'signature',
      'timestamp',
    ]);
    for (const request of [...p.tokenRequests, ...p.syncRequests]) {
      expect(request.body.toString()).not.toContain(APP_KEY);
      expect(JSON.stringify(request.headers)).not.toContain(APP_KEY);
    }
  });

  it('reuses the token until expiresIn minus 60 s, then refreshes once', async () => {
    const p = await platform({ expiresIn: 3600 });
    let now = NOW;
    const client = tokenClient(p.server.url, { now: () => now });
    await client.syncPayScoreOrder(validBody);
    now = NOW + 3540_000 - 1; // one millisecond before the margin starts
    await client.syncPayScoreOrder(validBody);
    expect(p.tokenRequests).toHaveLength(1);
    now = NOW + 3540_000;
    await client.syncPayScoreOrder(validBody);
    await client.syncPayScoreOrder(validBody);
    expect(p.tokenRequests).toHaveLength(2);
    expect(p.syncRequests.map(tokenOf)).toEqual([
      p.issued[0],
      p.issued[0],
      p.issued[1],
      p.issued[1],
    ]);
  });

  it('uses a margin of 10 % for short-lived tokens', async () => {
    const p = await platform({ expiresIn: 100 });
    let now = NOW;
    const client = tokenClient(p.server.url, { now: () => now });
    await client.syncPayScoreOrder(validBody);
    now = NOW + 89_999;
    await client.syncPayScoreOrder(validBody);
    expect(p.tokenRequests).toHaveLength(1);
    now = NOW + 90_000;
    await client.syncPayScoreOrder(validBody);
    expect(p.tokenRequests).toHaveLength(2);
  });

  it('a token whose expiresIn is 0 lives the 60 s floor: used for 54 s, then refreshed', async () => {
    const p = await platform({ expiresIn: 0 });
    let now = NOW;
    const client = tokenClient(p.server.url, { now: () => now });
    await client.syncPayScoreOrder(validBody);
    now = NOW + 54_000 - 1;
    await client.syncPayScoreOrder(validBody);
    expect(p.tokenRequests).toHaveLength(1);
    now = NOW + 54_000;
    await client.syncPayScoreOrder(validBody);
    expect(p.tokenRequests).toHaveLength(2);
  });

  it('an auth failure with a cached token: one refresh, one re-send', async () => {
    const revoked = new Set<string>();
    const p = await platform({ revoked });
    const logger = recordingLogger();
    const client = tokenClient(p.server.url, { logger });
    await client.syncPayScoreOrder(validBody);
    revoked.add(p.issued[0] as string);
    const result = await client.syncPayScoreOrder(validBody);
    expect(result.attempts).toBe(2);
    expect(p.tokenRequests).toHaveLength(2);
    expect(p.syncRequests.map(tokenOf)).toEqual([p.issued[0], p.issued[0], p.issued[1]]);
    expect(
      logger.events.some((e) => e.level === 'warn' && e.message.includes('token refused')),
    ).toBe(true);
  });

  it('an auth failure that persists after the refresh is an AuthError: one refresh only', async () => {
    const refuseAll = { now: false };
    const p = await platform({ refuseAll });
    const client = tokenClient(p.server.url);
    await client.syncPayScoreOrder(validBody);
    refuseAll.now = true;
    await expect(client.syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'AuthError',
      code: '1000',
      status: 412,
      attempts: 2,
    });
    expect(p.tokenRequests).toHaveLength(2);
    expect(p.syncRequests).toHaveLength(3);
  });

  it('a 1001 (no permission for the API) keeps the token: no refresh, an AuthError at once', async () => {
    const p = await platform();
    const client = tokenClient(p.server.url);
    await client.syncPayScoreOrder(validBody);
    const forbidden = await serve((request, res) => {
      if (request.url === TOKEN_PATH)
        return json(res, 200, { errCode: '0000', accessToken: 't-1' });
      json(res, 412, { errCode: '1001', errInfo: '授权失败' });
    });
    const denied = tokenClient(forbidden.url);
    for (let i = 0; i < 3; i++) {
      await expect(denied.syncPayScoreOrder(validBody)).rejects.toMatchObject({
        name: 'AuthError',
        code: '1001',
        attempts: 1,
      });
    }
    // A new token cannot grant a permission: one token request for the three calls.
    expect(forbidden.received.filter((r) => r.url === TOKEN_PATH)).toHaveLength(1);
  });

  it('concurrent callers refused with the same token share one refresh', async () => {
    const revoked = new Set<string>();
    const p = await platform({ revoked });
    const client = tokenClient(p.server.url);
    await client.syncPayScoreOrder(validBody);
    revoked.add(p.issued[0] as string);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => client.syncPayScoreOrder(validBody)),
    );
    expect(results.every((r) => r.attempts === 2)).toBe(true);
    expect(p.tokenRequests).toHaveLength(2);
  });

  it('a refused token request is an AuthError with the gateway code, not retried', async () => {
    const p = await platform({
      tokenAnswer: { status: 412, body: { errCode: '1000', errInfo: '认证失败' } },
    });
    await expect(tokenClient(p.server.url).syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'AuthError',
      code: '1000',
      status: 412,
    });
    expect(p.tokenRequests).toHaveLength(1);
    expect(p.syncRequests).toHaveLength(0);
  });

  it('a token answer without a token is an AuthError', async () => {
    const p = await platform({
      tokenAnswer: { status: 200, body: { errCode: '9999', errInfo: '系统错误' } },
    });
    const error = await tokenClient(p.server.url)
      .syncPayScoreOrder(validBody)
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'AuthError', code: '9999', errInfo: '系统错误' });
    expect((error as Error).message).toContain('no access token');
  });

  it('a transient token failure (5xx) is retried', async () => {
    let first = true;
    const p = await platform();
    const inner = p.server;
    const flaky = await serve(async (request, res) => {
      if (request.url === TOKEN_PATH && first) {
        first = false;
        json(res, 503, { errCode: '9999' });
        return;
      }
      const answer = await fetch(inner.url + request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: String(request.headers.authorization ?? ''),
        },
        body: request.body.toString(),
      });
      json(res, answer.status, await answer.json());
    });
    await expect(tokenClient(flaky.url).syncPayScoreOrder(validBody)).resolves.toMatchObject({
      respCode: '0000',
    });
    expect(p.tokenRequests).toHaveLength(1);
  });

  it('a shared tokenStore lets two clients use one token', async () => {
    const p = await platform();
    const kept = new Map<string, StoredToken>();
    const store: TokenStore = {
      get: async (key) => kept.get(key),
      set: async (key, token) => {
        kept.set(key, token);
      },
      delete: async (key) => {
        kept.delete(key);
      },
    };
    await tokenClient(p.server.url, { tokenStore: store }).syncPayScoreOrder(validBody);
    await tokenClient(p.server.url, { tokenStore: store }).syncPayScoreOrder(validBody);
    expect(p.tokenRequests).toHaveLength(1);
    // The documented format: `:` and `%` escaped in each part.
    expect([...kept.keys()]).toEqual([`tianman:${p.server.url.replaceAll(':', '%3A')}:${APP_ID}`]);
    expect(kept.values().next().value).toEqual({
      accessToken: p.issued[0],
      expiresAt: NOW + 3540_000,
    });
  });

  it('a refused token is deleted from the tokenStore', async () => {
    const revoked = new Set<string>();
    const p = await platform({ revoked });
    const kept = new Map<string, StoredToken>();
    const store: TokenStore = {
      get: async (key) => kept.get(key),
      set: async (key, token) => {
        kept.set(key, token);
      },
      delete: async (key) => {
        kept.delete(key);
      },
    };
    const client = tokenClient(p.server.url, { tokenStore: store });
    await client.syncPayScoreOrder(validBody);
    revoked.add(p.issued[0] as string);
    await client.syncPayScoreOrder(validBody);
    expect([...kept.values()].map((t) => t.accessToken)).toEqual([p.issued[1]]);
  });

  it("a caller's abort while waiting for the token rejects at once", async () => {
    const server = await serve((request, res) => {
      if (request.url !== TOKEN_PATH) json(res, 200, { respCode: '0000' });
      // the token request hangs
    });
    const controller = new AbortController();
    const call = tokenClient(server.url).syncPayScoreOrder(validBody, {
      signal: controller.signal,
    });
    while (server.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.received.map((r) => r.url)).toEqual([TOKEN_PATH]);
  });

  it('the api carries the token, and refreshes a refused one like the methods', async () => {
    const revoked = new Set<string>();
    const p = await platform({ revoked });
    const client = tokenClient(p.server.url);
    const first = await apiOf(client).POST(SYNC_PATH, { body: validBody });
    expect(first.data).toEqual({ respCode: '0000', respDesc: '成功' });
    revoked.add(p.issued[0] as string);
    const refreshed = await apiOf(client).POST(SYNC_PATH, { body: validBody });
    expect(refreshed.response.status).toBe(200);
    expect(refreshed.data).toMatchObject({ respCode: '0000' });
    expect(p.syncRequests.map(tokenOf)).toEqual([p.issued[0], p.issued[0], p.issued[1]]);
  });
});
