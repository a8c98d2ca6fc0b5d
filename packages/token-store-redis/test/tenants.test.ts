import { randomUUID } from 'node:crypto';
import { createTianmanClient, formatPaidTime } from '@tianman/client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createRedisTokenStore, type RedisTokenStore } from '../src/index.js';
import { type Connected, connect, LIBRARIES } from './helpers.js';
import { orderBody, startPlatform } from './platform.js';

const APP_KEY = '67890123456789012345678901234567';

// The client's documented key format (`TokenStore`): `%` and `:` escaped in each part.
const escapePart = (part: string) => part.replaceAll('%', '%25').replaceAll(':', '%3A');
const keyOf = (baseUrl: string, appId: string) =>
  `tianman:${escapePart(baseUrl)}:${escapePart(appId)}`;

let raw: Redis;
beforeAll(() => {
  raw = new Redis(inject('redisUrl'));
});
afterAll(() => raw.disconnect());

describe.each(LIBRARIES)('tenants whose `:`-joined keys collide, over %s', (library) => {
  let redis: Connected;
  beforeAll(async () => {
    redis = await connect(library, inject('redisUrl'));
  });
  afterAll(() => redis.close());

  it("each gets its own key, token and lock; none waits for or overwrites another's", async () => {
    const platform = await startPlatform();
    onTestFinished(() => platform.close());
    const prefix = `test:${randomUUID()}:`;
    const store: RedisTokenStore = createRedisTokenStore(redis.client, { keyPrefix: prefix });
    const u = platform.url;
    // Unescaped, a and b share the key `tianman:<u>/t:app:z`, and c's key is a's lock key.
    const tenants = {
      a: [`${u}/t:app`, 'z'],
      b: [`${u}/t`, 'app:z'],
      c: [`${u}/t:app:z`, 'lock'],
    } as const;
    const clients = Object.fromEntries(
      Object.entries(tenants).map(([name, [baseUrl, appId]]) => [
        name,
        createTianmanClient({ appId, appKey: APP_KEY, baseUrl, auth: 'token', tokenStore: store }),
      ]),
    );
    const body = orderBody(formatPaidTime);
    // a's token answer is held: a holds its refresh lock while b and c start. Each must request
    // a token of its own meanwhile; a's answer is released when both have.
    let release = () => {};
    platform.hold = new Promise((resolve) => {
      release = resolve;
    });
    const a = clients.a?.syncPayScoreOrder(body);
    while (platform.tokenRequests.length < 1) await new Promise((r) => setTimeout(r, 5));
    platform.hold = undefined;
    const others = [clients.b?.syncPayScoreOrder(body), clients.c?.syncPayScoreOrder(body)];
    // Without escaping, b waits for a's lock and never asks: a is let go after 2 s, and b then
    // uses a's token (asserted below).
    const fallback = setTimeout(release, 2_000);
    while (platform.tokenRequests.length < 3 && platform.syncs.length < 1) {
      await new Promise((r) => setTimeout(r, 5));
    }
    release();
    clearTimeout(fallback);
    await Promise.all([a, ...others]);

    expect(platform.tokenRequests.map((r) => `${r.base} ${r.appId}`).sort()).toEqual([
      '/t app:z',
      '/t:app z',
      '/t:app:z lock',
    ]);
    const tokenOf = (appId: string) =>
      `token-${platform.tokenRequests.findIndex((r) => r.appId === appId) + 1}-${appId.replace(/[^\w-]/g, '_')}`;
    expect(platform.syncs.sort()).toEqual(
      [`/t ${tokenOf('app:z')}`, `/t:app ${tokenOf('z')}`, `/t:app:z ${tokenOf('lock')}`].sort(),
    );
    // Redis holds exactly the three documented keys, each with its tenant's token; no lock left.
    const keys = (await raw.keys(`${prefix}*`)).map((k) => k.slice(prefix.length)).sort();
    expect(keys).toEqual(
      Object.values(tenants)
        .map(([b, id]) => keyOf(b, id))
        .sort(),
    );
    for (const [baseUrl, appId] of Object.values(tenants)) {
      expect((await store.get(keyOf(baseUrl, appId)))?.accessToken).toBe(tokenOf(appId));
    }
  });

  it("holding one tenant's lock leaves every other tenant's lock free", async () => {
    const store = createRedisTokenStore(redis.client, { keyPrefix: `test:${randomUUID()}:` });
    const pairs = [
      ['http://h/t:app', 'z'],
      ['http://h/t', 'app:z'],
      ['http://h/t:app:z', 'lock'],
      ['http://h/t:app:z:lock', 'lock'],
    ] as const;
    for (const [baseUrl, appId] of pairs) {
      const held = await store.lock(keyOf(baseUrl, appId), 5_000);
      expect(held).toBeTypeOf('function');
      for (const [otherUrl, otherId] of pairs) {
        if (otherUrl === baseUrl && otherId === appId) continue;
        const other = await store.lock(keyOf(otherUrl, otherId), 5_000);
        expect(other).toBeTypeOf('function');
        await other?.();
      }
      await held?.();
    }
  });
});
