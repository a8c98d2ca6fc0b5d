import { AuthError, isAuthError, PREFIX } from './errors.js';

/** The first pause after an unusable token answer. */
const BACKOFF_FIRST_MS = 1_000;

/** The longest pause: each unusable answer in a row doubles it up to this. */
const BACKOFF_MAX_MS = 30_000;

/**
 * The memory of a client's last unusable token answer (a negative cache). The platform caps
 * live tokens per appId at about ten and asks callers not to request one per call; an answer
 * that gives no usable token (a failure `errCode`, a `1000` refusal of the token request, no
 * token, one that is no valid header value, one expired on arrival) would otherwise be asked
 * for again by every call.
 *
 * Only an {@link AuthError} is remembered: the platform answered, and retrying at once cannot
 * change the answer. Network failures, timeouts and transient answers (5xx, 429, 412 `9200`:
 * an `ApiError` once the retries are spent) are not: the retry policy already spaced them out,
 * they issue no token (nothing counts against the cap), and the platform itself says they clear
 * within seconds, so a pause would only delay the recovery.
 */
export interface TokenBackoff {
  /**
   * While the pause lasts, throws a copy of the remembered error saying when the next token
   * request will be made (same class, code and platform fields; `attempts` 0; `cause` the
   * original).
   */
  check(): void;
  /** Remembers `error` if it is an unusable answer: the pause starts now, twice the last one. */
  failed(error: unknown): void;
  /** A usable token arrived: forgets the failure, and the next pause starts at the first. */
  succeeded(): void;
}

/**
 * A {@link TokenBackoff} on `clock`, a monotonic clock in ms (not the caller's `now`, which may
 * be frozen or moved).
 */
export function createTokenBackoff(clock: () => number): TokenBackoff {
  let last: AuthError | undefined;
  let until = 0;
  let delay = 0;
  return {
    check() {
      const left = until - clock();
      if (!last || left <= 0) return;
      // Its own fields, as the platform's answer gave them (already scrubbed of secrets); its
      // headers are not enumerable, so copied by name.
      const { name: _, ...fields } = last as AuthError & Record<string, unknown>;
      throw new AuthError(
        `next token request in ${Math.ceil(left)} ms (backoff after an unusable token answer): ${last.message.slice(PREFIX.length)}`,
        { ...(fields as { code: string }), headers: last.headers, attempts: 0, cause: last },
      );
    },
    failed(error) {
      if (!isAuthError(error)) return;
      last = error;
      delay = Math.min(delay ? 2 * delay : BACKOFF_FIRST_MS, BACKOFF_MAX_MS);
      until = clock() + delay;
    },
    succeeded() {
      last = undefined;
      delay = 0;
    },
  };
}
