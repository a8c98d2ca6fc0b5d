import { AuthError } from './errors.js';
import type { Log } from './log.js';
import { type Answer, answerError, field } from './response.js';
import { MAX_EXPIRES_IN_S, MIN_EXPIRES_IN_S, tokenLifetime } from './token-lifetime.js';
import type { StoredToken } from './token-store.js';

/**
 * What an access token may be: it goes into an HTTP header after the scheme, so 1 to 4096
 * visible ASCII characters. One with CR/LF or a space would split or corrupt the header (and a
 * transport would echo it in its error); one read from a shared store otherwise is not used.
 */
export const HEADER_SAFE = /^[\x21-\x7e]{1,4096}$/;

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
