import { randomUUID } from 'node:crypto';
import { type RedisClientLike, redisCommands } from './redis-commands.js';
import { DELETE_IF_TOKEN, LOCK, UNLOCK } from './scripts.js';

/**
 * An access token as kept in the store: `@tianman/client`'s `StoredToken`, declared here so the
 * package needs no dependency on the client (TypeScript compares the shapes).
 */
export interface RedisStoredToken {
  /** The token. A secret. */
  accessToken: string;
  /** When clients stop using it, in epoch milliseconds. */
  expiresAt: number;
}

/**
 * What {@link RedisTokenStore.lock} resolves to when it took the lock: `@tianman/client`'s
 * `TokenLockRelease`, declared here for the same reason as {@link RedisStoredToken}.
 */
export interface RedisLockRelease {
  /** Deletes the lock, only while this taker still owns it (one Lua script). */
  (): Promise<void>;
  /**
   * Set when the lock was taken by replacing a lock key that had no expiry: what was repaired,
   * for the client to log once as a `warn`. Never a token.
   */
  readonly warning?: string;
}

/**
 * A token store over Redis: `@tianman/client`'s `TokenStore`, with the optional `lock` for
 * cross-process single flight. Pass it as the client's `tokenStore`.
 */
export interface RedisTokenStore {
  /** GET `<prefix><key>`: the token, or `undefined` when absent or unreadable. */
  get(key: string): Promise<RedisStoredToken | undefined>;
  /** SET `<prefix><key>` to the token's JSON with PX = `expiresAt` − now; skipped if expired. */
  set(key: string, token: RedisStoredToken): Promise<void>;
  /** DEL `<prefix><key>`; with `accessToken`, only while it holds that token (one Lua script). */
  delete(key: string, accessToken?: string): Promise<void>;
  /**
   * SET `<prefix><key>:lock` to a random owner id, NX PX `ttlMs` (one Lua script): the release
   * function when taken, `undefined` when another process holds it. The release deletes the lock
   * only while this owner holds it (one Lua script). A lock key found without an expiry would
   * never free: it is replaced by this owner's lock, and the release's `warning` says so.
   */
  lock(key: string, ttlMs: number): Promise<RedisLockRelease | undefined>;
}

/** Options of {@link createRedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /**
   * Put before every key, to share a Redis with other applications or environments. The client's
   * keys already start with `tianman:` and name the base URL and the appId (one key per pair).
   * @default ''
   */
  keyPrefix?: string;
  /**
   * The clock `expiresAt` is read against to set the key's TTL. Pass the client's `now` if you
   * gave it one.
   * @default Date.now
   */
  now?: () => number;
}

const PREFIX = '@tianman/token-store-redis: ';

const REPAIRED =
  "the refresh lock had no expiry (a holder that set none and crashed, a manual SET, or another program wrote it), so it would never have freed: replaced by this process's lock, which expires";

function parse(value: string | undefined): RedisStoredToken | undefined {
  if (value === undefined) return undefined;
  try {
    const { accessToken, expiresAt } = JSON.parse(value);
    // Anything else under the key (another program's value) reads as no token.
    if (typeof accessToken === 'string' && typeof expiresAt === 'number') {
      return { accessToken, expiresAt };
    }
  } catch {}
  return undefined;
}

/**
 * A `TokenStore` for `@tianman/client` over a connected node-redis (`redis` v5+) or ioredis
 * client, so that every process of a fleet shares one access token and, however many start
 * together, one token request reaches the platform.
 *
 * @example
 * ```ts
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const client = createTianmanClient({
 *   appId, appKey, environment: 'production', auth: 'token',
 *   tokenStore: createRedisTokenStore(redis),
 * });
 * ```
 * @throws TypeError when `redis` is neither client, or `keyPrefix` is not a string.
 */
export function createRedisTokenStore(
  redis: RedisClientLike,
  options: RedisTokenStoreOptions = {},
): RedisTokenStore {
  const commands = redisCommands(redis);
  const { keyPrefix = '', now = Date.now } = Object(options) as RedisTokenStoreOptions;
  if (typeof keyPrefix !== 'string') throw new TypeError(`${PREFIX}keyPrefix: expected string`);
  if (typeof now !== 'function') throw new TypeError(`${PREFIX}now: expected function`);
  return {
    async get(key) {
      return parse(await commands.get(keyPrefix + key));
    },
    async set(key, { accessToken, expiresAt }) {
      // Redis forgets the token when clients stop using it. PX takes whole milliseconds >= 1.
      const ms = Math.ceil(expiresAt - now());
      if (!(ms >= 1)) return;
      await commands.setPx(keyPrefix + key, JSON.stringify({ accessToken, expiresAt }), ms);
    },
    async delete(key, accessToken) {
      if (accessToken === undefined) {
        // EVAL rather than DEL: one fewer command the client object must have.
        await commands.eval("return redis.call('DEL', KEYS[1])", keyPrefix + key, '');
      } else {
        await commands.eval(DELETE_IF_TOKEN, keyPrefix + key, accessToken);
      }
    },
    async lock(key, ttlMs) {
      const lockKey = `${keyPrefix + key}:lock`;
      const owner = randomUUID();
      const ms = String(Math.max(1, Math.ceil(ttlMs)));
      const taken = Number(await commands.eval(LOCK, lockKey, owner, ms));
      if (taken !== 1 && taken !== 2) return undefined;
      const release = async (): Promise<void> => {
        await commands.eval(UNLOCK, lockKey, owner);
      };
      return taken === 1 ? release : Object.assign(release, { warning: REPAIRED });
    },
  };
}
