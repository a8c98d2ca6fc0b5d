import type { MockCredentials } from './credentials.js';
import type { NonceCache } from './nonce-cache.js';
import type { TokenStore } from './token-store.js';

/** What the authentication checks need: the one application served, the clock and the state. */
export interface AuthContext {
  credentials: MockCredentials;
  /** Milliseconds since the epoch. */
  now: () => number;
  toleranceSeconds: number;
  nonces: NonceCache;
  tokens: TokenStore;
  maxLiveTokens: number;
}
