import { sleep } from './abort.js';
import {
  ApiError,
  AuthError,
  NetworkError,
  type RequestSummary,
  redactHeaders,
  type TianmanError,
  TimeoutError,
} from './errors.js';
import type { Config } from './options.js';
import { type Answer, answerError, codeOf, field, scrubHeaders } from './response.js';
import { type RetryPolicy, retryAfterMs, retryDelay, retryReason } from './retry.js';
import { isResponseTooLarge, type WireResponse } from './transport.js';

/** One attempt's request: the exact bytes, the headers, and the secret they carry. */
export interface Attempt {
  body: string;
  headers: Record<string, string>;
  /** The signature or token in `headers`: scrubbed from anything an error shows. */
  secret: string;
}

/** A call's settings, the client's with the call's overrides applied. */
export interface Call {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  /**
   * `client.api`: an answer the policy does not retry, a refused one included, is returned for
   * openapi-fetch to read, not thrown. Only failures without an answer throw.
   */
  raw?: boolean;
}

// A host clock this far from the platform's `Date` is wrong, not just late: platform.md.
const SKEW_MS = 60_000;

/**
 * Sends one operation's request until an answer the retry policy lets through, and classifies
 * it: success or final answer (returned), auth refusal, redirect, oversize body (thrown as typed
 * errors). Each attempt is prepared afresh (a new signature: timestamp and nonce, or the current
 * token), has its own timeout, and ends the call at once when the caller's signal aborts.
 * Transient failures are retried with backoff; the last one is thrown. A `1000`/`1001` refusal
 * is an {@link AuthError}, unless the answer's `Date` shows the host clock is off (the offset is
 * adopted and the request signed and sent once more), or `refresh` is given (token mode: the
 * token is dropped and the request sent once more).
 */
export async function exchange(
  cfg: Config,
  method: string,
  path: string,
  prepare: () => Promise<Attempt>,
  call: Call,
  refresh?: (secret: string) => Promise<void>,
): Promise<Answer> {
  const { log, logger } = cfg;
  const { signal, timeoutMs, retry } = call;
  const url = cfg.baseUrl + path;
  let skewFixed = false;
  for (let attempts = 1, retries = 0; ; attempts++) {
    signal?.throwIfAborted();
    // The clock offset this attempt is signed with: another call may correct it meanwhile.
    const signedOffset = cfg.skew.offsetMs;
    const { body, headers, secret } = await prepare();
    // The signal may have aborted while the attempt was prepared: its listener below would then
    // never fire, and the request would go out.
    signal?.throwIfAborted();
    // Built only when needed, an error or a logger: the hot path allocates as little as it can.
    const request = (): RequestSummary => ({ method, url, headers: redactHeaders(headers) });
    if (logger) log('debug', `${method} ${url}`, { attempt: attempts, request: request() });
    // One controller for the attempt: its timeout and the caller's abort. (AbortSignal.timeout +
    // AbortSignal.any measured no faster here, leaves a live timer per call for `timeoutMs`, and
    // `any` needs Node 20.3.)
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort);
    let response: WireResponse | undefined;
    let cause: unknown;
    try {
      response = await cfg.transport({
        method,
        url,
        headers,
        body,
        signal: controller.signal,
        maxResponseBytes: cfg.maxResponseBytes,
      });
    } catch (error) {
      cause = error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    // A caller's abort ends the call at once, as with fetch: no retry, the signal's reason.
    signal?.throwIfAborted();
    const secrets = [cfg.appKey, secret];

    if (isResponseTooLarge(cause)) {
      // Not retried: the same request would bring the same answer, read again.
      throw new ApiError(
        `${method} ${url}: response body over ${cause.limit} bytes (maxResponseBytes), not read (HTTP ${cause.status}, attempts: ${attempts})`,
        {
          code: 'ERR_RESPONSE_TOO_LARGE',
          status: cause.status,
          attempts,
          request: request(),
          headers: scrubHeaders(cause.headers, secrets),
        },
      );
    }

    let error: TianmanError;
    let reason: string | undefined;
    let delay: number | undefined;
    if (response) {
      const { status, text } = response;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {}
      const answer: Answer = {
        url,
        status,
        headers: response.headers,
        text,
        data,
        attempts,
        request,
        secrets,
      };
      const code = codeOf(data);
      if (logger) log('debug', `HTTP ${status}`, { attempt: attempts, status, code });
      if (status > 299 && status < 400 && !call.raw) {
        // Never followed: the signature or token would go to the new location, and a 302 would
        // turn the POST into a GET.
        const location = response.headers.location;
        throw answerError(
          answer,
          ApiError,
          `: redirect to ${location === undefined ? '(no Location)' : JSON.stringify(location)} not followed (a signed request never is)`,
          'ERR_REDIRECT',
        );
      }
      const auth = field(data, 'errCode');
      if (auth === '1000' || auth === '1001') {
        // The host clock may be off: the platform's Date says by how much. Adopt that offset and
        // sign again, once per call (octokit and the AWS SDKs do the same).
        const server = Date.parse(response.headers.date ?? '');
        const skew = server - (cfg.now() + signedOffset);
        if (auth === '1000' && !skewFixed && Math.abs(skew) > SKEW_MS) {
          skewFixed = true;
          // Set, not added: calls refused together must not add their skews up; and logged only
          // by the call that changes it.
          const offset = Math.round((server - cfg.now()) / 1000) * 1000;
          if (Math.abs(offset - cfg.skew.offsetMs) > SKEW_MS) {
            log(
              'warn',
              `clock off by ${Math.round(skew / 1000)} s from the platform's: corrected, signing again`,
              {
                attempt: attempts,
                skewMs: skew,
              },
            );
          }
          cfg.skew.offsetMs = offset;
          continue;
        }
        // Credentials, permission or clock are wrong: retrying cannot help. A cached token may
        // have been revoked or expired early, though: token mode refreshes it and sends again.
        if (refresh) {
          log('warn', `token refused (${auth}): refreshing it, sending again`, {
            attempt: attempts,
          });
          await refresh(secret);
          refresh = undefined;
          continue;
        }
        if (call.raw) return answer;
        throw answerError(
          answer,
          AuthError,
          auth === '1000' ? ': check appId, appKey and the clock' : ': no permission for this API',
        );
      }
      reason = retryReason(status, code);
      if (!reason) return answer;
      error = answerError(answer);
      delay = retryAfterMs(response.headers['retry-after'], cfg.clock());
      if (retries >= retry.limit && call.raw) return answer;
    } else {
      const inner = (cause as { cause?: { code?: string; message?: string }; code?: string })
        ?.cause;
      const why = (cause as { code?: string })?.code ?? inner?.code ?? inner?.message;
      reason = timedOut
        ? `timed out after ${timeoutMs} ms`
        : `network error${why ? ` ${why}` : ''}`;
      error = new (timedOut ? TimeoutError : NetworkError)(
        `${method} ${url}: ${reason} (attempts: ${attempts})`,
        { code: timedOut ? 'ERR_TIMEOUT' : 'ERR_NETWORK', attempts, request: request(), cause },
      );
    }
    if (retries++ >= retry.limit) throw error;
    delay = retryDelay(retry, retries, delay);
    log('warn', `retrying in ${delay} ms: ${reason}`, {
      attempt: attempts,
      reason,
      delayMs: delay,
    });
    await sleep(delay, signal);
  }
}
