import { abortable } from './abort.js';
import type { StoredToken, TokenStore } from './token-store.js';

/** The access token of one client: cached, refreshed once for all concurrent callers. */
export interface TokenCache {
  /** The live token, from the cache or from a refresh; `signal` stops the wait, not the refresh. */
  get(signal?: AbortSignal): Promise<string>;
  /** Forgets a refused token, unless another caller has replaced it already. */
  drop(token: string | undefined): Promise<void>;
}

/**
 * A token cache over an optional shared `store`. The platform caps live tokens per appId at
 * about ten and asks callers not to fetch one per call: so one refresh is shared by everyone
 * waiting (single flight), and a store lets several processes share one token.
 *
 * @param key - The store key: base URL and appId.
 * @param load - Obtains a new token from the platform.
 */
export function createTokenCache(
  key: string,
  store: TokenStore | undefined,
  now: () => number,
  load: () => Promise<StoredToken>,
): TokenCache {
  let memo: StoredToken | undefined;
  let inflight: Promise<StoredToken> | undefined;

  async function refresh(): Promise<StoredToken> {
    const stored = await store?.get(key);
    if (stored && now() < stored.expiresAt) return stored;
    const token = await load();
    await store?.set(key, token);
    return token;
  }

  return {
    async get(signal) {
      if (memo && now() < memo.expiresAt) return memo.accessToken;
      inflight ??= refresh()
        .then((token) => (memo = token))
        .finally(() => {
          inflight = undefined;
        });
      return (await abortable(inflight, signal)).accessToken;
    },
    async drop(token) {
      if (memo?.accessToken === token) memo = undefined;
      if ((await store?.get(key))?.accessToken === token) await store?.delete(key);
    },
  };
}
