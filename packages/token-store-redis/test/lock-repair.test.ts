import { randomUUID } from 'node:crypto';
import { createTianmanClient, formatPaidTime } from '@tianman/client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createRedisTokenStore } from '../src/index.js';
import { type Connected, connect, LIBRARIES } from './helpers.js';
import { orderBody, startPlatform } from './platform.js';

const APP_ID = '12345678901234567890123456789012';
const APP_KEY = '67890123456789012345678901234567';

let raw: Redis;
beforeAll(() => {
  raw = new Redis(inject('redisUrl'));
});
afterAll(() => raw.disconnect());

describe.each(LIBRARIES)('a lock key without an expiry, over %s', (library) => {
  let redis: Connected;
  beforeAll(async () => {
    redis = await connect(library, inject('redisUrl'));
  });
  afterAll(() => redis.close());

  it('lock takes it over with a TTL, and its release says what it repaired', async () => {
    const prefix = `test:${randomUUID()}:`;
    const store = createRedisTokenStore(redis.client, { keyPrefix: prefix });
    // Left by a crashed holder that set no expiry, or by a manual SET.
    await raw.set(`${prefix}k:lock`, 'stale');
    const release = await store.lock('k', 5_000);
    expect(release).toBeTypeOf('function');
    expect(release?.warning).toMatch(
      /^the refresh lock had no expiry .+: replaced by this process's lock/,
    );
    const ttl = await raw.pttl(`${prefix}k:lock`);
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
    expect(await raw.get(`${prefix}k:lock`)).not.toBe('stale');
    // Held now, with an expiry: the next taker waits, and is told nothing.
    expect(await store.lock('k', 5_000)).toBeUndefined();
    await release?.();
    expect(await raw.exists(`${prefix}k:lock`)).toBe(0);
    const next = await store.lock('k', 5_000);
    expect(next?.warning).toBeUndefined();
    await next?.();
  });

  it('a lock with an expiry, however long, is left to its holder', async () => {
    const prefix = `test:${randomUUID()}:`;
    const store = createRedisTokenStore(redis.client, { keyPrefix: prefix });
    await raw.set(`${prefix}k:lock`, 'theirs', 'PX', 3_600_000);
    expect(await store.lock('k', 5_000)).toBeUndefined();
    expect(await raw.get(`${prefix}k:lock`)).toBe('theirs');
  });

  it('5 clients starting together on a TTL-less lock: one token request, one warning', async () => {
    const platform = await startPlatform();
    onTestFinished(() => platform.close());
    const prefix = `test:${randomUUID()}:`;
    const key = `tianman:${platform.url.replaceAll(':', '%3A')}:${APP_ID}`;
    await raw.set(`${prefix}${key}:lock`, 'stale');
    const warnings: string[] = [];
    const clients = Array.from({ length: 5 }, () =>
      createTianmanClient({
        appId: APP_ID,
        appKey: APP_KEY,
        baseUrl: platform.url,
        auth: 'token',
        tokenStore: createRedisTokenStore(redis.client, { keyPrefix: prefix }),
        // The lock's lifetime, and so how long a client waits for a lock that never frees.
        timeoutMs: 2_000,
        logger: { warn: (message) => warnings.push(message) },
      }),
    );
    const body = orderBody(formatPaidTime);
    await Promise.all(
      clients.flatMap((client) => Array.from({ length: 4 }, () => client.syncPayScoreOrder(body))),
    );
    expect(platform.tokenRequests).toHaveLength(1);
    expect(platform.syncs).toHaveLength(20);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^@tianman\/client: token store lock: the refresh lock had no expiry .+: replaced by this process's lock/,
    );
    expect(await raw.exists(`${prefix}${key}:lock`)).toBe(0);
  });
});
