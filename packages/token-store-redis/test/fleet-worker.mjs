// One process of a fleet: the BUILT @tianman/client, in token mode, optionally over the shared
// Redis store (node-redis or ioredis). Driven by its parent over IPC: `calls` runs that many
// concurrent order syncs and reports, `exit` ends it. Public client API only.
import { createTianmanClient, formatPaidTime } from '@tianman/client';

const { FLEET_BASE_URL, FLEET_APP_ID, FLEET_APP_KEY, FLEET_LIBRARY, FLEET_REDIS_URL } = process.env;
const { FLEET_STORE_MODULE, FLEET_TIMEOUT_MS } = process.env;

let tokenStore;
let closeRedis = () => {};
if (FLEET_LIBRARY !== 'none') {
  const { createRedisTokenStore } = await import(FLEET_STORE_MODULE);
  if (FLEET_LIBRARY === 'node-redis') {
    const { createClient } = await import('redis');
    // Fail fast while disconnected (the README's advice): without it, commands wait in the
    // offline queue and the client waits for them up to the call's timeout.
    const redis = createClient({ url: FLEET_REDIS_URL, disableOfflineQueue: true });
    // A client without an error listener crashes the process when Redis goes away.
    redis.on('error', () => {});
    await redis.connect();
    closeRedis = () => redis.destroy();
    tokenStore = createRedisTokenStore(redis);
  } else {
    const { Redis } = await import('ioredis');
    const redis = new Redis(FLEET_REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    redis.on('error', () => {});
    await redis.connect();
    closeRedis = () => redis.disconnect();
    tokenStore = createRedisTokenStore(redis);
  }
}

const warnings = [];
const client = createTianmanClient({
  appId: FLEET_APP_ID,
  appKey: FLEET_APP_KEY,
  baseUrl: FLEET_BASE_URL,
  auth: 'token',
  tokenStore,
  timeoutMs: Number(FLEET_TIMEOUT_MS),
  logger: { warn: (message) => warnings.push(message) },
});

let order = 0;
async function call() {
  try {
    await client.syncPayScoreOrder({
      fenOrderId: `FLEET${process.pid}N${order++}`,
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid',
      detail: { paidTime: formatPaidTime(Date.now() - 60_000) },
    });
    return undefined;
  } catch (error) {
    return `${error?.name} ${error?.code ?? ''}`.trim();
  }
}

process.on('message', async (message) => {
  if (message.type === 'calls') {
    const failures = (await Promise.all(Array.from({ length: message.count }, call))).filter(
      Boolean,
    );
    process.send({ type: 'done', failures, warnings: warnings.splice(0) });
  } else if (message.type === 'exit') {
    closeRedis();
    process.exit(0);
  }
});
process.send({ type: 'ready' });
