/** An access token as kept in a {@link TokenStore}. */
export interface StoredToken {
  /** The token. Treat it as a secret. */
  accessToken: string;
  /**
   * When clients stop using it, in epoch milliseconds: the platform's expiry (`expiresIn`) minus
   * a safety margin of min(60 s, 10 % of `expiresIn`).
   */
  expiresAt: number;
}

/**
 * Where access tokens are kept (`auth: 'token'`). Share one store between processes (Redis, a
 * database) to stay under the platform's cap of about ten live tokens per appId: with `lock`,
 * however many processes start together, one token request reaches the platform. Without a
 * store, each client keeps its token in memory.
 *
 * Keys: `tianman:<baseUrl>:<appId>`, with `%` written `%25` and `:` written `%3A` in each part, so
 * each (base URL, appId) pair has its own key and a key holds exactly two colons. A store that
 * needs keys of its own derives them by appending `:<suffix>` (the Redis store's lock is
 * `<key>:lock`): with three colons, such a key is never a client's key.
 *
 * A store in trouble never fails a call by itself: each of its calls is bounded by the call's
 * timeout and signal, and a store that throws, rejects or hangs is bypassed for a while (one
 * `warn` log) while the process uses a token of its own. `@tianman/token-store-redis` implements
 * this interface for node-redis and ioredis.
 */
export interface TokenStore {
  /** The token kept under `key`, or `undefined`. An expired token is ignored by the client. */
  get(key: string): Promise<StoredToken | undefined>;
  /** Keeps `token` under `key`; the store may forget it at `token.expiresAt`. */
  set(key: string, token: StoredToken): Promise<void>;
  /**
   * Deletes the key; when `accessToken` is given, only while the store still holds that token
   * (compare-and-delete), so a refused token is dropped once for everyone, never a fresh one
   * another process just stored.
   */
  delete(key: string, accessToken?: string): Promise<void>;
  /**
   * Optional, for cross-process single flight: takes the refresh lock for `key` for `ttlMs`.
   * Resolves to a release function when taken, `undefined` when another process holds it. The
   * lock must expire on its own after `ttlMs` (its holder may die). A lock that can never expire
   * (one found without a TTL) must not be waited for: take it over, and say so in the release's
   * `warning`. The release must free the lock only while this taker still holds it (it may have
   * expired and been taken by another process since).
   */
  lock?(key: string, ttlMs: number): Promise<TokenLockRelease | undefined>;
}

/** What {@link TokenStore.lock} resolves to when it took the lock. */
export interface TokenLockRelease {
  /** Frees the lock, only while this taker still holds it. */
  (): Promise<void>;
  /**
   * Set when taking the lock meant repairing it (a lock key without an expiry, replaced): the
   * client logs it once as a `warn`, prefixed `token store lock: `. Never put a token in it.
   */
  readonly warning?: string;
}
