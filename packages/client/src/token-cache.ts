import { abortable, sleep } from './abort.js';
import type { Log } from './log.js';
import type { StoredToken, TokenStore } from './token-store.js';

/** The access token of one client: cached, refreshed once for all concurrent callers. */
export interface TokenCache {
  /**
   * The live token, from memory, the store, or a refresh. `signal` stops this caller's wait, not
   * the refresh others share; `timeoutMs` (the call's) bounds each store call of a refresh this
   * caller starts.
   */
  get(signal?: AbortSignal, timeoutMs?: number): Promise<string>;
  /**
   * Forgets a refused token, and deletes it from the store unless the store holds another one
   * already. Never rejects: store trouble is logged, an abort ends the wait quietly.
   */
  drop(token: string | undefined, signal?: AbortSignal, timeoutMs?: number): Promise<void>;
}

/** How long a store that failed is bypassed before the cache tries it again. */
export const STORE_PAUSE_MS = 30_000;

/**
 * The refresh lock's lifetime is the call's timeout, but never under this: a lock that expires
 * while its holder's token request is still on the wire lets a second process request one too.
 */
export const MIN_LOCK_MS = 1_000;

// While another process holds the lock, the store is polled from 10 ms, doubling up to 200 ms:
// against the mock a token arrives in a few ms; 200 ms keeps a large fleet's polling cheap.
const POLL_FIRST_MS = 10;
const POLL_MAX_MS = 200;

// A token goes into an HTTP header: anything else read from a shared store is not used.
const HEADER_SAFE = /^[\x21-\x7e]{1,4096}$/;

// Elapsed time for timeouts and the lock wait. Not the caller's `now`: that clock may be frozen
// or moved in tests, and a wait measured on it might never end.
const elapsed = (): number => performance.now();

// What a store call that failed returns, after the failure has been noted.
const FAILED: unique symbol = Symbol('failed');

class StoreTimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'StoreTimeoutError';
  }
}

/**
 * A token cache over an optional shared `store`. The platform caps live tokens per appId at
 * about ten and asks callers not to fetch one per call, so:
 * - in a process, one refresh is shared by everyone waiting (single flight);
 * - across processes, a store with `lock` lets one process request the token while the others
 *   wait for it to appear in the store (polling, bounded by the lock's lifetime; a holder that
 *   died is replaced when its lock expires);
 * - a store in trouble (throws, rejects, hangs past the call's timeout) never fails a call: the
 *   process uses a token it requested itself, the store is bypassed for {@link STORE_PAUSE_MS},
 *   and one `warn` is logged per episode (a `debug` when the store answers again).
 *
 * @param key - The store key: base URL and appId.
 * @param store - Shared between processes; `undefined` keeps the token in memory only.
 * @param now - The clock that `expiresAt` is read against.
 * @param load - Obtains a new token from the platform.
 * @param log - Receives the store's trouble; never a token.
 * @param timeoutMs - Bounds each store call when the caller gives no timeout of its own.
 */
export function createTokenCache(
  key: string,
  store: TokenStore | undefined,
  now: () => number,
  load: () => Promise<StoredToken>,
  log: Log = () => {},
  timeoutMs = 10_000,
): TokenCache {
  let memo: StoredToken | undefined;
  let inflight: Promise<StoredToken> | undefined;
  // The last token the platform refused: a store whose delete failed may still hand it out.
  let refused: string | undefined;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let troubled = false;

  const usable = (token: unknown): token is StoredToken => {
    const t = token as StoredToken | undefined;
    return (
      typeof t?.accessToken === 'string' &&
      typeof t.expiresAt === 'number' &&
      HEADER_SAFE.test(t.accessToken) &&
      t.accessToken !== refused &&
      now() < t.expiresAt
    );
  };

  /** One store call, bounded by `ms` and `signal`; {@link FAILED} when it did not succeed. */
  async function attempt<T>(
    operation: string,
    run: () => Promise<T>,
    ms: number,
    signal?: AbortSignal,
    secret?: string,
  ): Promise<T | typeof FAILED> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const value = await abortable(
        Promise.race([
          // A store that throws synchronously is caught like one that rejects.
          Promise.resolve().then(run),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new StoreTimeoutError(ms)), ms);
          }),
        ]),
        signal,
      );
      if (troubled) {
        troubled = false;
        log('debug', `token store answering again (${operation})`, { operation });
      }
      return value;
    } catch (error) {
      // The caller gave up: not the store's fault.
      if (signal?.aborted) return FAILED;
      pausedUntil = elapsed() + STORE_PAUSE_MS;
      if (!troubled) {
        troubled = true;
        const reason = describe(error, [secret, memo?.accessToken, refused]);
        log(
          'warn',
          `token store ${operation} failed (${reason}): using this process's own token, store bypassed for ${STORE_PAUSE_MS / 1000} s`,
          { operation, reason, bypassMs: STORE_PAUSE_MS },
        );
      }
      return FAILED;
    } finally {
      clearTimeout(timer);
    }
  }

  const bypassed = (): boolean => !store || elapsed() < pausedUntil;

  /** A new token from the platform, offered to the store (a failed `set` is only logged). */
  async function loadAndShare(s: TokenStore, ms: number): Promise<StoredToken> {
    const token = await load();
    // A copy: the store must not be able to change the token this process uses.
    const copy = { accessToken: token.accessToken, expiresAt: token.expiresAt };
    if (!bypassed()) await attempt('set', () => s.set(key, copy), ms, undefined, copy.accessToken);
    return token;
  }

  async function refresh(ms: number): Promise<StoredToken> {
    const s = store;
    if (!s || bypassed()) return load();
    const lockMs = Math.max(MIN_LOCK_MS, ms);
    const deadline = elapsed() + lockMs;
    for (let pause = POLL_FIRST_MS; ; pause = Math.min(2 * pause, POLL_MAX_MS)) {
      const stored = await attempt('get', () => s.get(key), ms);
      if (stored === FAILED) return load();
      if (usable(stored)) return stored;
      const lock = s.lock;
      if (!lock) return loadAndShare(s, ms);
      const release = await attempt('lock', () => lock.call(s, key, lockMs), ms);
      if (release === FAILED) return load();
      if (typeof release === 'function') {
        try {
          // Another process may have stored a token between our get and our lock.
          const again = await attempt('get', () => s.get(key), ms);
          if (again === FAILED) return load();
          if (usable(again)) return again;
          return await loadAndShare(s, ms);
        } finally {
          await attempt('unlock', release, ms);
        }
      }
      // Another process holds the lock and is requesting the token. Its lock expires after
      // `lockMs` if it died; past that, stop waiting and request our own.
      if (elapsed() >= deadline) break;
      await sleep(pause);
    }
    log('warn', `no token in the store after ${lockMs} ms of waiting: requesting one`, {
      waitedMs: lockMs,
    });
    return loadAndShare(s, ms);
  }

  return {
    async get(signal, ms = timeoutMs) {
      if (memo && now() < memo.expiresAt) return memo.accessToken;
      inflight ??= refresh(ms)
        .then((token) => (memo = token))
        .finally(() => {
          inflight = undefined;
        });
      return (await abortable(inflight, signal)).accessToken;
    },
    async drop(token, signal, ms = timeoutMs) {
      if (token === undefined) return;
      refused = token;
      if (memo?.accessToken === token) memo = undefined;
      const s = store;
      if (!s || bypassed()) return;
      // Compare-and-delete: a token another process stored since is kept.
      await attempt('delete', () => s.delete(key, token), ms, signal, token);
    },
  };
}

/** What went wrong, for a log line: name, code and message, with known tokens cut out. */
function describe(error: unknown, secrets: (string | undefined)[]): string {
  if (!(error instanceof Error)) return `threw a ${error === null ? 'null' : typeof error}`;
  const code = (error as { code?: unknown }).code;
  let text = `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  for (const secret of secrets) if (secret) text = text.split(secret).join('[REDACTED]');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
