/**
 * @tianman/token-store-redis — a Redis token store for `@tianman/client`: one access token for
 * every process, and one token request however many start together.
 * @packageDocumentation
 */

export type {
  RedisLockRelease,
  RedisStoredToken,
  RedisTokenStore,
  RedisTokenStoreOptions,
} from './create-redis-token-store.js';
export { createRedisTokenStore } from './create-redis-token-store.js';
export type { RedisClientLike } from './redis-commands.js';
