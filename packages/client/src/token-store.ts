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
 * database) to stay under the platform's cap of about ten live tokens per appId. The key names
 * the base URL and the appId. Without a store, each client keeps its token in memory.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: StoredToken): Promise<void>;
  delete(key: string): Promise<void>;
}
