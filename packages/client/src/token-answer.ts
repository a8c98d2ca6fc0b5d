import { AuthError } from './errors.js';
import type { Log } from './log.js';
import { type Answer, answerError, field } from './response.js';
import type { StoredToken } from './token-store.js';

/**
 * What an access token may be: it goes into an HTTP header after the scheme, so 1 to 4096
 * visible ASCII characters. One with CR/LF or a space would split or corrupt the header (and a
 * transport would echo it in its error); one read from a shared store otherwise is not used.
 */
export const HEADER_SAFE = /^[\x21-\x7e]{1,4096}$/;

/**
 * The shortest lifetime, in seconds, an `expiresIn` is taken to mean. Tokens live about an
 * hour; a shorter figure (0, negative, a fraction) is not one a client can act on: read
 * literally, every call would request a token, and each request revokes one of the appId's ten
 * or so. Past 60 s, a token the platform really ended earlier is refused on use, dropped and
 * refreshed once, so the cost of the floor is bounded; the rate it leaves is at most one token
 * request a minute per process.
 */
export const MIN_EXPIRES_IN_S = 60;

/**
 * The longest lifetime, in seconds, an `expiresIn` is taken to mean: a day, 24 times the hour
 * tokens live. Beyond it (1e20, Infinity) the figure is no lifetime, and it would overflow what
 * a store can keep (Redis refuses a `SET … PX` past 2^63 ms). A token revoked earlier is refused,
 * dropped and refreshed.
 */
export const MAX_EXPIRES_IN_S = 86_400;

/** The lifetime assumed when `expiresIn` is missing or no number: the documented hour. */
export const DEFAULT_EXPIRES_IN_S = 3600;

/** A token's lifetime as the client uses it. */
export interface TokenLifetime {
  /** Whole milliseconds, within [{@link MIN_EXPIRES_IN_S}, {@link MAX_EXPIRES_IN_S}] s. */
  ms: number;
  /** True when `expiresIn` was a number outside that range. */
  clamped: boolean;
}

/**
 * The lifetime an `expiresIn` field means (seconds, as a number or a numeric string): within
 * [{@link MIN_EXPIRES_IN_S}, {@link MAX_EXPIRES_IN_S}] s, `clamped` when it had to be brought
 * there (±Infinity included); {@link DEFAULT_EXPIRES_IN_S} when it is missing, blank or no number.
 */
export function tokenLifetime(expiresIn: string | undefined): TokenLifetime {
  // `Number('')` and `Number(' ')` are 0: blank is no number, not an expired token.
  const seconds = expiresIn?.trim() ? Number(expiresIn) : Number.NaN;
  if (Number.isNaN(seconds)) return { ms: DEFAULT_EXPIRES_IN_S * 1000, clamped: false };
  // Whole milliseconds, compared after rounding: 59.9996 s is 60 s.
  const ms = Math.round(seconds * 1000);
  const kept = Math.min(Math.max(ms, MIN_EXPIRES_IN_S * 1000), MAX_EXPIRES_IN_S * 1000);
  return { ms: kept, clamped: kept !== ms };
}

/**
 * Reads a token request's answer into the token to use; throws when it holds none. `success` is
 * `classify`'s verdict on the answer: the one place that decides it.
 */
export type TokenAnswerReader = (answer: Answer, success: boolean) => StoredToken;

/**
 * A client's reader of token answers. The answer must be a success and carry an `accessToken`
 * that is a valid header value ({@link HEADER_SAFE}), else an {@link AuthError}
 * (`ERR_INVALID_TOKEN` for the latter, whose body and message never show it). The token is used
 * until min(60 s, 10 %) before its lifetime ({@link tokenLifetime}) ends, counted from `now()`
 * on arrival; the first answer whose `expiresIn` had to be clamped is logged as a `warn`, once
 * per reader.
 */
export function createTokenAnswerReader(now: () => number, log: Log): TokenAnswerReader {
  let warned = false;
  return (answer, success) => {
    const { data } = answer;
    const accessToken = field(data, 'accessToken');
    if (!success || !accessToken) {
      throw answerError(answer, AuthError, ': no access token');
    }
    if (!HEADER_SAFE.test(accessToken)) {
      // Never shown, however short: the body is left out of the error, only its codes kept.
      throw answerError(
        // Stryker disable next-line StringLiteral: answerError reads text only when data is undefined, and data is given (the codes alone)
        { ...answer, text: '', data: { errCode: field(data, 'errCode') } },
        AuthError,
        ': the access token is not a valid header value (1 to 4096 visible ASCII characters); not used',
        'ERR_INVALID_TOKEN',
      );
    }
    const expiresIn = field(data, 'expiresIn');
    const { ms, clamped } = tokenLifetime(expiresIn);
    if (clamped && !warned) {
      warned = true;
      const shown = (expiresIn as string).length > 32 ? `${expiresIn?.slice(0, 32)}…` : expiresIn;
      const usedSeconds = ms / 1000;
      log(
        'warn',
        `token answer: expiresIn ${shown} is outside ${MIN_EXPIRES_IN_S} to ${MAX_EXPIRES_IN_S} s: the token is used as if it lived ${usedSeconds} s`,
        { expiresIn: shown, usedSeconds },
      );
    }
    // Stop using it a little before it expires; whole milliseconds, never later than that.
    return { accessToken, expiresAt: now() + ms - Math.min(60_000, Math.ceil(ms / 10)) };
  };
}
