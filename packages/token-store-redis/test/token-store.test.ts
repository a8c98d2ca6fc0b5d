import { randomUUID } from 'node:crypto';
import type { TokenStore } from '@tianman/client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';
import { createRedisTokenStore, type RedisTokenStore } from '../src/index.js';
import { type Connected, connect, LIBRARIES } from './helpers.js';

const HOUR = 3_600_000;

// A raw view of the server, to check keys, values and TTLs as Redis holds them.
let raw: Redis;
beforeAll(() => {
  raw = new Redis(inject('redisUrl'));
});
afterAll(() => raw.disconnect());

describe.each(LIBRARIES)('createRedisTokenStore over %s', (library) => {
  let redis: Connected;
  let store: RedisTokenStore;
  // Every test uses its own prefix: the tests share one redis-server.
  let prefix = '';
  beforeAll(async () => {
    redis = await connect(library, inject('redisUrl'));
  });
  afterAll(() => redis.close());
  const fresh = (options: { now?: () => number } = {}) => {
    prefix = `test:${randomUUID()}:`;
    store = createRedisTokenStore(redis.client, { keyPrefix: prefix, ...options });
    return store;
  };

  it('is a @tianman/client TokenStore', () => {
    expectTypeOf(fresh()).toExtend<TokenStore>();
    expectTypeOf<Required<TokenStore>['lock']>().toEqualTypeOf<RedisTokenStore['lock']>();
  });

  it('get of a missing key is undefined', async () => {
    expect(await fresh().get('k')).toBeUndefined();
  });

  it('set keeps the token as JSON under <prefix><key>, with a TTL until expiresAt', async () => {
    const token = { accessToken: 'tok-1', expiresAt: Date.now() + HOUR };
    await fresh().set('tianman:https%3A//x:app', token);
    expect(await store.get('tianman:https%3A//x:app')).toEqual(token);
    expect(JSON.parse((await raw.get(`${prefix}tianman:https%3A//x:app`)) as string)).toEqual(
      token,
    );
    const ttl = await raw.pttl(`${prefix}tianman:https%3A//x:app`);
    expect(ttl).toBeGreaterThan(HOUR - 5_000);
    expect(ttl).toBeLessThanOrEqual(HOUR);
  });

  it('the TTL is read against the given clock', async () => {
    const skewed = () => Date.now() - HOUR; // an hour behind: the token lives two hours
    await fresh({ now: skewed }).set('k', { accessToken: 't', expiresAt: Date.now() + HOUR });
    expect(await raw.pttl(`${prefix}k`)).toBeGreaterThan(2 * HOUR - 5_000);
  });

  it('Redis forgets the token at expiresAt', async () => {
    await fresh().set('k', { accessToken: 't', expiresAt: Date.now() + 50 });
    expect(await store.get('k')).toBeDefined();
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.get('k')).toBeUndefined();
  });

  it('an already expired token is not stored', async () => {
    await fresh().set('k', { accessToken: 't', expiresAt: Date.now() - 1 });
    expect(await raw.exists(`${prefix}k`)).toBe(0);
  });

  it('an unreadable value under the key reads as no token', async () => {
    fresh();
    for (const value of ['not json', '{"accessToken":1,"expiresAt":2}', '[]', 'null']) {
      await raw.set(`${prefix}k`, value);
      expect(await store.get('k')).toBeUndefined();
    }
  });

  it('delete(key) deletes whatever the key holds', async () => {
    await fresh().set('k', { accessToken: 't', expiresAt: Date.now() + HOUR });
    await store.delete('k');
    expect(await raw.exists(`${prefix}k`)).toBe(0);
  });

  it('delete(key, token) deletes only while the key holds that token', async () => {
    await fresh().set('k', { accessToken: 'fresh', expiresAt: Date.now() + HOUR });
    await store.delete('k', 'refused');
    expect((await store.get('k'))?.accessToken).toBe('fresh');
    await store.delete('k', 'fresh');
    expect(await raw.exists(`${prefix}k`)).toBe(0);
    // A missing key, and a value that is not a token, are left alone without an error.
    await store.delete('k', 'fresh');
    await raw.set(`${prefix}k`, 'not json');
    await store.delete('k', 'fresh');
    expect(await raw.get(`${prefix}k`)).toBe('not json');
  });

  it('lock: one taker at a time, with a TTL; the release frees it', async () => {
    fresh();
    const release = await store.lock('k', 5_000);
    expect(release).toBeTypeOf('function');
    expect(await store.lock('k', 5_000)).toBeUndefined();
    const ttl = await raw.pttl(`${prefix}k:lock`);
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
    await release?.();
    expect(await raw.exists(`${prefix}k:lock`)).toBe(0);
    const again = await store.lock('k', 5_000);
    expect(again).toBeTypeOf('function');
    await again?.();
  });

  it("a lock expires; a late release leaves the next owner's lock alone", async () => {
    fresh();
    const late = await store.lock('k', 30);
    await new Promise((r) => setTimeout(r, 80));
    const next = await store.lock('k', 5_000);
    expect(next).toBeTypeOf('function');
    await late?.();
    expect(await raw.exists(`${prefix}k:lock`)).toBe(1);
    expect(await store.lock('k', 5_000)).toBeUndefined();
    await next?.();
    expect(await raw.exists(`${prefix}k:lock`)).toBe(0);
  });

  it('50 concurrent lock attempts: exactly one is taken', async () => {
    fresh();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.lock('k', 5_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('the default keyPrefix is empty', async () => {
    const key = `test:${randomUUID()}`;
    await createRedisTokenStore(redis.client).set(key, {
      accessToken: 't',
      expiresAt: Date.now() + HOUR,
    });
    expect(await raw.exists(key)).toBe(1);
  });
});

describe('createRedisTokenStore refuses', () => {
  it.each([
    ['undefined', undefined],
    ['a plain object', { get() {} }],
    ['a Map', new Map()],
  ])('%s as the client, naming both libraries', (_name, value) => {
    expect(() => createRedisTokenStore(value as never)).toThrow(
      new TypeError(
        '@tianman/token-store-redis: expected a node-redis (redis v5+, createClient()) or ioredis (new Redis()) client',
      ),
    );
  });

  it('a keyPrefix that is not a string', () => {
    expect(() => createRedisTokenStore(raw, { keyPrefix: 1 as never })).toThrow(
      '@tianman/token-store-redis: keyPrefix: expected string',
    );
  });
});

describe.each(LIBRARIES)('over %s, a Redis that is gone', (library) => {
  it('rejects (the client then uses its own token; see the fleet tests)', async () => {
    const redis = await connect(library, inject('redisUrl'));
    const store = createRedisTokenStore(redis.client);
    await redis.close();
    await expect(store.get('k')).rejects.toThrow();
  });
});
