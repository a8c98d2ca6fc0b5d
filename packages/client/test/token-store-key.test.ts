import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTianmanClient, type StoredToken, type TokenStore } from '../src/index.js';
import { tokenStoreKey } from '../src/token-store-key.js';
import { APP_KEY, fastRetry, json, NOW, serve, TOKEN_PATH, validBody } from './helpers.js';

/**
 * One platform for several tenants behind path prefixes: each (prefix, appId) gets its own token,
 * and the API accepts only that tenant's token.
 */
async function tenants() {
  const issued = new Map<string, string>();
  const tokenRequests: string[] = [];
  const server = await serve((request, res) => {
    const tokenAt = request.url.indexOf(TOKEN_PATH);
    if (tokenAt >= 0 && tokenAt + TOKEN_PATH.length === request.url.length) {
      const tenant = `${request.url.slice(0, tokenAt)} ${JSON.parse(request.body.toString()).appId}`;
      tokenRequests.push(tenant);
      const accessToken = `token-${issued.size + 1}-${'f'.repeat(24)}`;
      issued.set(accessToken, tenant);
      return json(res, 200, { errCode: '0000', accessToken, expiresIn: 3600 });
    }
    json(res, 200, { respCode: '0000', respDesc: '成功' });
  });
  /** The tenant whose token each API request carried. */
  const usedBy = () =>
    server.received
      .filter((r) => !r.url.endsWith(TOKEN_PATH))
      .map((r) => {
        const token = String(r.headers.authorization).replace('OPEN-ACCESS-TOKEN AccessToken=', '');
        return `${r.url.slice(0, r.url.indexOf('/v1/'))} ${issued.get(token)}`;
      });
  return { server, tokenRequests, usedBy };
}

/** A shared store keeping every key (token or lock) in one keyspace, as Redis does. */
function oneKeyspace() {
  const kept = new Map<string, unknown>();
  const store: TokenStore = {
    get: async (key) => kept.get(key) as StoredToken | undefined,
    set: async (key, token) => {
      kept.set(key, { ...token });
    },
    delete: async (key) => {
      kept.delete(key);
    },
    lock: async (key) => {
      if (kept.has(`${key}:lock`)) return undefined;
      kept.set(`${key}:lock`, 'owner');
      return async () => {
        kept.delete(`${key}:lock`);
      };
    },
  };
  return { store, kept };
}

describe('the store key: one per (baseUrl, appId), whatever the characters', () => {
  it('pairs whose `:`-joined text is the same get their own key and their own token', async () => {
    const t = await tenants();
    const { store, kept } = oneKeyspace();
    // `<url>/t:app` + `:` + `z` and `<url>/t` + `:` + `app:z` join to the same text.
    const pairs = [
      [`${t.server.url}/t:app`, 'z'],
      [`${t.server.url}/t`, 'app:z'],
    ] as const;
    for (const [baseUrl, appId] of pairs) {
      const client = createTianmanClient({
        appId,
        appKey: APP_KEY,
        baseUrl,
        auth: 'token',
        now: () => NOW,
        retry: fastRetry,
        tokenStore: store,
      });
      await client.syncPayScoreOrder(validBody);
    }
    expect(t.tokenRequests).toEqual(['/t:app z', '/t app:z']);
    expect(t.usedBy()).toEqual(['/t:app /t:app z', '/t /t app:z']);
    expect(kept.size).toBe(2);
  });

  it("a tenant whose key ended in another's lock key neither blocks nor overwrites that lock", async () => {
    const t = await tenants();
    const { store, kept } = oneKeyspace();
    const client = (baseUrl: string, appId: string) =>
      createTianmanClient({
        appId,
        appKey: APP_KEY,
        baseUrl,
        auth: 'token',
        now: () => NOW,
        retry: fastRetry,
        tokenStore: store,
        // The lock's lifetime: a tenant waiting for another's lock would wait this long.
        timeoutMs: 60_000,
      });
    const holder = client(`${t.server.url}/t`, 'z');
    const other = client(`${t.server.url}/t:z`, 'lock');
    // The holder's process is refreshing: its lock is taken (and stays taken).
    const keysBefore = new Set(kept.keys());
    await holder.syncPayScoreOrder(validBody);
    const [holderKey] = [...kept.keys()].filter((k) => !keysBefore.has(k));
    const release = await store.lock?.(holderKey as string, 60_000);
    expect(release).toBeTypeOf('function');
    await other.syncPayScoreOrder(validBody);
    expect(t.usedBy()).toEqual(['/t /t z', '/t:z /t:z lock']);
    // The holder's lock is still the holder's.
    expect(kept.get(`${holderKey}:lock`)).toBe('owner');
    expect(await store.lock?.(holderKey as string, 60_000)).toBeUndefined();
  });
});

describe('tokenStoreKey', () => {
  it('escapes `%` and `:` in each part, nothing else', () => {
    expect(tokenStoreKey('https://api-mop.chinaums.com', '10037ca75e6125aa015e9e12a89b001b')).toBe(
      'tianman:https%3A//api-mop.chinaums.com:10037ca75e6125aa015e9e12a89b001b',
    );
    expect(tokenStoreKey('http://127.0.0.1:4010/a%3Ab', 'x:%y')).toBe(
      'tianman:http%3A//127.0.0.1%3A4010/a%253Ab:x%3A%25y',
    );
    // A lone surrogate is kept as it is (encodeURIComponent would throw).
    expect(tokenStoreKey('http://h/\ud800', 'a')).toBe('tianman:http%3A//h/\ud800:a');
  });

  // Any text at all, lone surrogates included; or text made of separators and escapes.
  const part = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc
      .array(fc.constantFrom(':', '%', '%3A', '%25', '%3a', '3A', '25', 'x', 'lock'))
      .map((pieces) => pieces.join('')),
  );

  it("has exactly two colons, so a store suffix `:…` never makes another pair's key", () => {
    fc.assert(
      fc.property(part, part, (baseUrl, appId) => {
        expect(tokenStoreKey(baseUrl, appId).split(':')).toHaveLength(3);
      }),
    );
  });

  it('never joins two pairs that differ only by where a `:` falls between the parts', () => {
    fc.assert(
      fc.property(part, part, part, (x, y, z) => {
        expect(tokenStoreKey(`${x}:${y}`, z)).not.toBe(tokenStoreKey(x, `${y}:${z}`));
      }),
    );
  });

  it('never joins a part holding `:` with the same part holding its escape `%3A`', () => {
    fc.assert(
      fc.property(part, part, (x, y) => {
        fc.pre(x.includes(':'));
        const escaped = x.replaceAll(':', '%3A');
        expect(tokenStoreKey(x, y)).not.toBe(tokenStoreKey(escaped, y));
        expect(tokenStoreKey(y, x)).not.toBe(tokenStoreKey(y, escaped));
      }),
    );
  });

  it('is injective: different pairs, different keys', () => {
    fc.assert(
      fc.property(part, part, part, part, (b1, a1, b2, a2) => {
        fc.pre(b1 !== b2 || a1 !== a2);
        expect(tokenStoreKey(b1, a1)).not.toBe(tokenStoreKey(b2, a2));
      }),
    );
  });

  it('reads back: each part is recovered from the key', () => {
    const readPart = (text: string) =>
      text.replace(/%(25|3A)/g, (_, c) => (c === '25' ? '%' : ':'));
    fc.assert(
      fc.property(part, part, (baseUrl, appId) => {
        const [scheme, b, a] = tokenStoreKey(baseUrl, appId).split(':');
        expect([scheme, readPart(b as string), readPart(a as string)]).toEqual([
          'tianman',
          baseUrl,
          appId,
        ]);
      }),
    );
  });
});
