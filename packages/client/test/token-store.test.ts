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
  fastRetry,
  json,
  NOW,
  recordingLogger,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

// The client's side of the TokenStore contract, through the public API only. The cache's own
// behaviour, case by case, is in token-cache.test.ts.

/** A platform that issues numbered tokens (after `delayMs`) and accepts only unrevoked ones. */
async function platform(delayMs = 0) {
  const issued: string[] = [];
  const revoked = new Set<string>();
  const server = await serve(async (request, res) => {
    if (request.url === TOKEN_PATH) {
      const accessToken = `token-${issued.length + 1}`;
      issued.push(accessToken);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      json(res, 200, { errCode: '0000', errInfo: '正常', accessToken, expiresIn: 3600 });
      return;
    }
    const token = String(request.headers.authorization).split('AccessToken=')[1] ?? '';
    if (!issued.includes(token) || revoked.has(token)) {
      json(res, 412, { errCode: '1000', errInfo: '认证失败' });
      return;
    }
    json(res, 200, { respCode: '0000', respDesc: '成功' });
  });
  return { server, issued, revoked };
}

/** A store shared by several clients (processes), with a lock that expires, like Redis. */
function sharedStore() {
  const kept = new Map<string, StoredToken>();
  const locks = new Map<string, number>();
  const deletes: (string | undefined)[] = [];
  const store: TokenStore = {
    get: async (key) => kept.get(key),
    set: async (key, token) => {
      kept.set(key, token);
    },
    delete: async (key, accessToken) => {
      deletes.push(accessToken);
      if (accessToken === undefined || kept.get(key)?.accessToken === accessToken) kept.delete(key);
    },
    lock: async (key, ttlMs) => {
      if ((locks.get(key) ?? 0) > Date.now()) return undefined;
      const until = Date.now() + ttlMs;
      locks.set(key, until);
      return async () => {
        if (locks.get(key) === until) locks.delete(key);
      };
    },
  };
  return { store, kept, deletes };
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

const never = () => new Promise<never>(() => {});

describe('a TokenStore with lock', () => {
  it('8 clients × 10 concurrent calls starting together make one token request', async () => {
    const p = await platform(30);
    const { store } = sharedStore();
    const clients = Array.from({ length: 8 }, () =>
      tokenClient(p.server.url, { tokenStore: store }),
    );
    const results = await Promise.all(
      clients.flatMap((client) =>
        Array.from({ length: 10 }, () => client.syncPayScoreOrder(validBody)),
      ),
    );
    expect(results.every((r) => r.respCode === '0000')).toBe(true);
    expect(p.issued).toEqual(['token-1']);
  });

  it('a refused token is dropped once for everyone: one new token request', async () => {
    const p = await platform();
    const { store, deletes } = sharedStore();
    const clients = Array.from({ length: 4 }, () =>
      tokenClient(p.server.url, { tokenStore: store }),
    );
    await Promise.all(clients.map((c) => c.syncPayScoreOrder(validBody)));
    p.revoked.add('token-1');
    const results = await Promise.all(clients.map((c) => c.syncPayScoreOrder(validBody)));
    expect(results.every((r) => r.respCode === '0000')).toBe(true);
    expect(p.issued).toEqual(['token-1', 'token-2']);
    // Every client asked to delete the token it saw refused, never the fresh one.
    expect(deletes.every((token) => token === 'token-1')).toBe(true);
  });
});

describe('a TokenStore in trouble never fails a call', () => {
  it('set throws: the call succeeds with the token it got (no plain Error)', async () => {
    const p = await platform();
    const store: TokenStore = {
      get: async () => undefined,
      set: async () => {
        throw new Error('READONLY You cannot write against a read only replica.');
      },
      delete: async () => {},
    };
    await expect(
      tokenClient(p.server.url, { tokenStore: store }).syncPayScoreOrder(validBody),
    ).resolves.toMatchObject({ respCode: '0000' });
  });

  it('get rejects, lock throws: the call succeeds', async () => {
    const p = await platform();
    for (const store of [
      { get: () => Promise.reject(new Error('ECONNREFUSED')), set: never, delete: never },
      {
        get: async () => undefined,
        set: async () => {},
        delete: async () => {},
        lock: () => {
          throw new TypeError('lock is broken');
        },
      },
    ] as TokenStore[]) {
      await expect(
        tokenClient(p.server.url, { tokenStore: store }).syncPayScoreOrder(validBody),
      ).resolves.toMatchObject({ respCode: '0000' });
    }
  });

  it('get never settles: the store call gives up within the call’s time, and the call succeeds', async () => {
    const p = await platform();
    const store: TokenStore = { get: never, set: never, delete: never, lock: never };
    // The store may take a quarter of the attempt's timeout; the rest is the call's.
    const call = tokenClient(p.server.url, {
      tokenStore: store,
      timeoutMs: 2000,
    }).syncPayScoreOrder(validBody);
    await expect(call).resolves.toMatchObject({ respCode: '0000', attempts: 1 });
  });

  it('a store in trouble is one warn for a storm of calls, never the token', async () => {
    const p = await platform();
    const logger = recordingLogger();
    const store: TokenStore = {
      get: async () => undefined,
      set: async (_key, token) => {
        throw new Error(`cannot write ${token.accessToken}`);
      },
      delete: async () => {},
    };
    const client = tokenClient(p.server.url, { tokenStore: store, logger });
    await Promise.all(Array.from({ length: 50 }, () => client.syncPayScoreOrder(validBody)));
    const warns = logger.events.filter((e) => e.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]?.message).toContain('token store set failed');
    expect(JSON.stringify(logger.events)).not.toContain('token-1');
  });
});
