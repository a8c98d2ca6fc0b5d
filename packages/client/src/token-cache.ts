import { abortable, sleep } from './abort.js';
import type { CallTrace } from './call-trace.js';
import { AuthError } from './errors.js';
import type { Log } from './log.js';
import { HEADER_SAFE } from './token-answer.js';
import { createTokenBackoff } from './token-backoff.js';
import type { StoredToken, TokenLockRelease, TokenStore } from './token-store.js';

/** The access token of one client: cached, refreshed once for all concurrent callers. */
export interface TokenCache {
  /**
   * The live token, from memory, the store, or a refresh. `signal` stops this caller's wait, not
   * the refresh others share; `timeoutMs` (the call's attempt, which the wait is part of) sets
   * the refresh lock's lifetime, and a quarter of it bounds each store call of a refresh this
   * caller starts, so that a store that hangs leaves the call time to request a token itself.
   * Within the pause after an unusable token answer, a refresh that would request a token
   * rejects at once with a copy of that answer's `AuthError`. `trace`, the traced call asking:
   * handed to `load` when this call starts the refresh, told when it waits for another's.
   */
  get(signal?: AbortSignal, timeoutMs?: number, trace?: CallTrace): Promise<string>;
  /**
   * Forgets a refused token, and deletes it from the store unless the store holds another one
   * already. Never rejects: store trouble is logged, an abort ends the wait quietly.
   */
  drop(token: string | undefined, signal?: AbortSignal, timeoutMs?: number): Promise<void>;
}

/**
 * A store call of a refresh may take this fraction of the caller's timeout: the wait for a token
 * is part of the call's attempt, and a store that hangs must leave it time to request its own.
 */
const STORE_SHARE = 4;

/** How long a store that failed is bypassed before the cache tries it again. */
const STORE_PAUSE_MS = 30_000;

/**
 * The refresh lock's lifetime is the call's timeout, but never under this: a lock that expires
 * while its holder's token request is still on the wire lets a second process request one too.
 */
const MIN_LOCK_MS = 1_000;

// While another process holds the lock, the store is polled from 10 ms, doubling up to 200 ms:
// against the mock a token arrives in a few ms; 200 ms keeps a large fleet's polling cheap.
const POLL_FIRST_MS = 10;
const POLL_MAX_MS = 200;

// Elapsed time for timeouts and the lock wait. Not the caller's `now`: that clock may be frozen
// or moved in tests, and a wait measured on it might never end.
const elapsed = (): number => performance.now();

// What a store call that failed returns, after the failure has been noted.
const FAILED: unique symbol = Symbol();
// What a store call that took too long rejects with.
const TIMEOUT: unique symbol = Symbol();

/**
 * A token cache over an optional shared `store`. The platform caps live tokens per appId at
 * about ten and asks callers not to fetch one per call, so:
 * - in a process, one refresh is shared by everyone waiting (single flight);
 * - across processes, a store with `lock` lets one process request the token while the others
 *   wait for it to appear in the store (polling, bounded by the lock's lifetime; a holder that
 *   died is replaced when its lock expires);
 * - a store in trouble (throws, rejects, hangs past the call's timeout) never fails a call: the
 *   process uses a token it requested itself, the store is bypassed for {@link STORE_PAUSE_MS},
 *   and one `warn` is logged per episode (until a store call succeeds again);
 * - an unusable token answer (an `AuthError` from `load`, or a token already expired on arrival)
 *   is remembered for a growing pause (`token-backoff.ts`): until it ends, a refresh that would
 *   request a token fails at once with a copy of that error, without a token request. A live
 *   token in memory or in the store is still used.
 *
 * @param key - The store key: base URL and appId.
 * @param store - Shared between processes; `undefined` keeps the token in memory only.
 * @param now - The clock that `expiresAt` is read against.
 * @param load - Obtains a new token from the platform; rejects with an `AuthError` when the
 *   platform's answer gives no usable token (remembered by the backoff), with anything else when
 *   there was no usable answer (not remembered). Given the trace of the call that started the
 *   refresh, if it is traced.
 * @param log - Receives the store's trouble; never a token.
 * @param timeoutMs - Bounds each store call when the caller gives no timeout of its own.
 */
export function createTokenCache(
  key: string,
  store: TokenStore | undefined,
  now: () => number,
  load: (trace?: CallTrace) => Promise<StoredToken>,
  log: Log = () => {},
  timeoutMs = 10_000,
): TokenCache {
  let memo: StoredToken | undefined;
  let inflight: Promise<StoredToken> | undefined;
  // The last token the platform refused: a store whose delete failed may still hand it out.
  let refused: string | undefined;
  let pausedUntil = 0;
  let troubled = false;

  // The last token this process requested: cut out of a failed `set`'s message.
  let loaded: string | undefined;
  const backoff = createTokenBackoff(elapsed);

  /**
   * A token from the platform, unless the backoff says not yet. An unusable answer is remembered;
   * so is a token expired on arrival (a clock moved while it was requested), which the cache
   * would otherwise hand out once and request again on every call.
   */
  async function request(trace: CallTrace | undefined): Promise<StoredToken> {
    backoff.check();
    try {
      const token = await load(trace);
      if (!(now() < token.expiresAt)) {
        throw new AuthError(
          'the token request gave a token already expired on arrival (expiresAt is not after now): not used',
          // At least the token request was sent; `load` does not say how many retries it took.
          { code: 'ERR_TOKEN_EXPIRED', attempts: 1 },
        );
      }
      backoff.succeeded();
      return token;
    } catch (error) {
      backoff.failed(error);
      throw error;
    }
  }

  /** `text` with every token this process knows cut out, at most 200 characters: loggable. */
  const redact = (text: string): string => {
    for (const t of [memo?.accessToken, refused, loaded])
      if (t) text = text.replaceAll(t, '[REDACTED]');
    return text.slice(0, 200);
  };

  const usable = (t: StoredToken | undefined): t is StoredToken =>
    typeof t?.accessToken === 'string' &&
    HEADER_SAFE.test(t.accessToken) &&
    // Stryker disable next-line OptionalChaining: the typeof t?.accessToken test above already rules out an undefined t
    t?.accessToken !== refused &&
    now() < (t?.expiresAt as number);

  /** One store call, bounded by `ms` and `signal`; {@link FAILED} when it did not succeed. */
  async function attempt<T>(
    operation: string,
    run: () => T | Promise<T>,
    ms: number,
    signal?: AbortSignal,
  ): Promise<T | typeof FAILED> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const value = await abortable(
        Promise.race([
          // A store that throws synchronously is caught like one that rejects.
          Promise.resolve().then(run),
          new Promise<never>((_, reject) => {
            timer = setTimeout(reject, ms, TIMEOUT);
          }),
        ]),
        signal,
      );
      // Answering again: the next trouble is a new episode, worth a new warn.
      troubled = false;
      return value;
    } catch (error) {
      // An abort is the caller giving up, not the store failing.
      if (!signal?.aborted) {
        pausedUntil = elapsed() + STORE_PAUSE_MS;
        if (!troubled) {
          // Never the token: the store's message may hold it, so known tokens are cut out first.
          const { name, code, message } = Object(error);
          const reason = redact(
            error === TIMEOUT
              ? `timed out after ${ms} ms`
              : `${name ?? typeof error}${code ? ` ${code}` : ''}: ${message}`,
          );
          log(
            'warn',
            `token store ${operation} failed (${reason}): this process uses its own token`,
            {
              operation,
              reason,
            },
          );
        }
        troubled = true;
      }
      return FAILED;
    } finally {
      clearTimeout(timer);
    }
  }

  async function refresh(timeout: number, trace: CallTrace | undefined): Promise<StoredToken> {
    const s = store;
    if (!s || elapsed() < pausedUntil) return request(trace);
    const lockMs = Math.max(MIN_LOCK_MS, timeout);
    const ms = Math.max(1, Math.ceil(timeout / STORE_SHARE));
    const deadline = elapsed() + lockMs;
    let release: unknown;
    try {
      for (let pause = POLL_FIRST_MS; ; pause = Math.min(2 * pause, POLL_MAX_MS)) {
        // Once the lock is ours this reads again: another process may have stored a token
        // between our read and our lock.
        const stored = await attempt('get', () => s.get(key), ms);
        if (stored === FAILED) return request(trace);
        if (usable(stored)) return stored;
        // No lock to take, ours already, or its holder never stored a token: request our own.
        if (!s.lock || release || elapsed() > deadline) break;
        // Stryker disable next-line OptionalChaining: the loop breaks before this line when the store has no lock
        release = await attempt('lock', () => s.lock?.(key, lockMs), ms);
        if (release === FAILED) return request(trace);
        // The store took the lock by repairing it (a lock key that could never expire): worth
        // one warn, since whatever left it there may do it again.
        const warning = (release as TokenLockRelease | undefined)?.warning;
        if (typeof warning === 'string' && warning) {
          const text = redact(warning);
          log(
            'warn',
            `token store lock: ${text}`,
            { operation: 'lock', warning: text },
            'token store lock repaired',
          );
        }
        // Another process holds it and is requesting the token: wait for it in the store.
        if (!release) await sleep(pause);
      }
      const token = await request(trace);
      loaded = token.accessToken;
      // A copy: the store must not be able to change the token this process uses.
      if (elapsed() >= pausedUntil) await attempt('set', () => s.set(key, { ...token }), ms);
      return token;
    } finally {
      if (typeof release === 'function') await attempt('unlock', release as () => unknown, ms);
    }
  }

  return {
    async get(signal, ms = timeoutMs, trace) {
      if (memo && now() < memo.expiresAt) return memo.accessToken;
      if (inflight) trace?.wait();
      inflight ??= refresh(ms, trace)
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
      // Compare-and-delete: a token another process stored since is kept.
      if (s && elapsed() >= pausedUntil)
        await attempt('delete', () => s.delete(key, token), ms, signal);
    },
  };
}
