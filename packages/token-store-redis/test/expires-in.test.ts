import { randomUUID } from 'node:crypto';
import { createTianmanClient, formatPaidTime } from '@tianman/client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createRedisTokenStore } from '../src/index.js';
import { type Connected, connect, LIBRARIES } from './helpers.js';
import { orderBody, startPlatform } from './platform.js';

const APP_ID = '12345678901234567890123456789012';
const APP_KEY = '67890123456789012345678901234567';
const DAY = 86_400_000;

let raw: Redis;
beforeAll(() => {
  raw = new Redis(inject('redisUrl'));
});
afterAll(() => raw.disconnect());

describe.each(LIBRARIES)("a token answer's expiresIn, stored in Redis over %s", (library) => {
  let redis: Connected;
  beforeAll(async () => {
    redis = await connect(library, inject('redisUrl'));
  });
  afterAll(() => redis.close());

  // The key's TTL is the token's use: its lifetime, clamped to [60 s, 24 h], minus
  // min(60 s, 10 %).
  it.each([
    [1e20, DAY - 60_000],
    ['Infinity', DAY - 60_000],
    [0, 54_000],
    [-3600, 54_000],
    [0.25, 54_000],
  ])('%s: stored with a TTL Redis accepts', async (expiresIn, ttl) => {
    const platform = await startPlatform(() => ({
      errCode: '0000',
      accessToken: `token-${randomUUID()}`,
      expiresIn,
    }));
    onTestFinished(() => platform.close());
    const prefix = `test:${randomUUID()}:`;
    const warnings: string[] = [];
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: platform.url,
      auth: 'token',
      tokenStore: createRedisTokenStore(redis.client, { keyPrefix: prefix }),
      logger: { warn: (message) => warnings.push(message) },
    });
    await client.syncPayScoreOrder(orderBody(formatPaidTime));
    const key = `${prefix}tianman:${platform.url.replaceAll(':', '%3A')}:${APP_ID}`;
    const pttl = await raw.pttl(key);
    expect(pttl).toBeGreaterThan(ttl - 10_000);
    expect(pttl).toBeLessThanOrEqual(ttl);
    // The clamp's warn only: no store trouble.
    expect(warnings).toEqual([expect.stringMatching(/token answer: expiresIn .+ is outside/)]);
  });
});
