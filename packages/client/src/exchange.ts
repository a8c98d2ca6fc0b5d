import { sleep } from './abort.js';
import type { Call } from './call-options.js';
import type { CallTrace } from './call-trace.js';
import type { Config } from './config.js';
import {
  ApiError,
  NetworkError,
  type RequestSummary,
  redactHeaders,
  type TianmanError,
  TimeoutError,
} from './errors.js';
import { type Answer, codeOf, field } from './response.js';
import { retryAfterMs, retryDelay, retryReason } from './retry.js';
import { scrubHeaders } from './scrub.js';
import { isResponseTooLarge, type WireResponse } from './transport.js';

/** One attempt's request: the exact bytes, the headers, and the secret they carry. */
export interface Attempt {
  /** The exact body; `undefined` for a request without one. */
  body: string | undefined;
  headers: Record<string, string>;
  /** The signature or token in `headers`: scrubbed from anything an error shows. */
  secret: string;
}

/** What {@link exchange} sends, and how each attempt is made. */
export interface ExchangeRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  /**
   * Makes one attempt's request: called afresh for every attempt, under the attempt's signal
   * (its timeout and the caller's abort), which a wait (for an access token) must honour.
   */
  prepare: (signal: AbortSignal) => Promise<Attempt>;
  call: Call;
  /**
   * The contract marks the operation idempotent (`x-tianman-idempotent`): a request the server
   * may have read is sent again after a failure without an answer. Otherwise such a failure
   * ends the call with `ERR_MAYBE_DELIVERED`.
   */
  idempotent: boolean;
  /** Token mode: drops a refused token, so the next attempt carries a new one. */
  refresh?: ((secret: string) => Promise<void>) | undefined;
  /** The call's span, when it is traced: told of each attempt and retry. */
  trace?: CallTrace | undefined;
}

// A host clock this far from the platform's `Date` is wrong, not just late: docs/platform.md.
const SKEW_MS = 60_000;

/**
 * Sends one request until an answer the retry policy lets through, and returns that answer for
 * `classify` to judge: the only place that decides success. Each attempt is prepared afresh (a
 * new signature: timestamp and nonce, or the current token), has its own timeout, and ends the
 * call at once when the caller's signal aborts. Transient failures are retried with backoff; when
 * retries run out, the last answer is returned, or the last failure without an answer (network,
 * timeout) thrown. A `1000` refusal whose `Date` shows the host clock is off is signed and sent
 * once more with the offset adopted; with `refresh` (token mode), a `1000` refusal drops
 * the token and is sent once more. Only failures without a usable answer throw: no answer at
 * all, or one over `maxResponseBytes`.
 */
export async function exchange(cfg: Config, request: ExchangeRequest): Promise<Answer> {
  const { method, url, prepare, call, trace } = request;
  let { refresh } = request;
  const { log, debug } = cfg;
  const { signal, timeoutMs, retry } = call;
  let skewFixed = false;
  for (let attempts = 1, retries = 0; ; attempts++) {
    signal?.throwIfAborted();
    // One controller for the attempt: its timeout and the caller's abort. (AbortSignal.timeout +
    // AbortSignal.any measured no faster here, leaves a live timer per call for `timeoutMs`, and
    // `any` needs Node 20.3.) Its timer starts before the attempt is prepared: the wait for an
    // access token is part of the attempt.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort);
    // The clock offset this attempt is signed with: another call may correct it meanwhile.
    const signedOffset = cfg.skew.offsetMs;
    let attempt: Attempt;
    try {
      attempt = await prepare(controller.signal);
      // The signal may have aborted while the attempt was prepared (a prepare that does not
      // watch it): the request must not go out.
      controller.signal.throwIfAborted();
    } catch (error) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      signal?.throwIfAborted();
      if (!timedOut) throw error;
      // Nothing was sent, but another attempt would wait on the same refresh: the call ends.
      throw new TimeoutError(
        `${method} ${url}: no access token within ${timeoutMs} ms; nothing sent (attempts: ${attempts})`,
        { code: 'ERR_TIMEOUT', attempts, cause: error },
      );
    }
    const { body, headers, secret } = attempt;
    // Built only when needed, an error or a logger: the hot path allocates as little as it can.
    const summary = (): RequestSummary => ({ method, url, headers: redactHeaders(headers) });
    // Stryker disable next-line ConditionalExpression: log drops a debug event the level does not let through; the guard only saves building the summary
    if (debug) log('debug', `${method} ${url}`, { attempt: attempts, request: summary() });
    let response: WireResponse | undefined;
    let cause: unknown;
    const progress = { written: false };
    try {
      response = await cfg.transport({
        method,
        url,
        headers,
        body,
        signal: controller.signal,
        maxResponseBytes: cfg.maxResponseBytes,
        progress,
      });
    } catch (error) {
      cause = error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (trace) {
      trace.attempts = attempts;
      trace.delivered ||= progress.written || response !== undefined;
      trace.status = isResponseTooLarge(cause) ? cause.status : response?.status;
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
          request: summary(),
          headers: scrubHeaders(cause.headers, secrets),
        },
      );
    }

    let reason: string;
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
        request: summary,
        secrets,
      };
      const code = codeOf(data);
      // Stryker disable next-line ConditionalExpression: log drops a debug event the level does not let through; the guard only saves an allocation
      if (debug) log('debug', `HTTP ${status}`, { attempt: attempts, status, code });
      // A redirect is never followed (classify says why) nor retried: it ends the exchange.
      if (status > 299 && status < 400) return answer;
      const auth = field(data, 'errCode');
      if (auth === '1000' || auth === '1001') {
        // The host clock may be off: the platform's Date says by how much. Adopt that offset and
        // sign again, once per call (octokit and the AWS SDKs do the same).
        // Stryker disable next-line StringLiteral: any string without a date parses to NaN like '', and a NaN skew is never corrected
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
          trace?.retry(attempts, 'clock skew', 0);
          continue;
        }
        // Credentials, permission or clock are wrong: retrying cannot help. A cached token may
        // have been revoked or expired early, though (a 1000): token mode refreshes it and sends
        // again. A 1001 is a permission the appId lacks, which no new token grants.
        if (refresh && auth === '1000') {
          log(
            'warn',
            `token refused (${auth}): refreshing it, sending again`,
            { attempt: attempts },
            `token refused ${auth}`,
          );
          trace?.retry(attempts, 'token refused', 0);
          await refresh(secret);
          refresh = undefined;
          continue;
        }
        return answer;
      }
      const retryable = retryReason(status, code);
      if (!retryable || retries >= retry.limit) return answer;
      reason = retryable;
      delay = retryAfterMs(response.headers['retry-after'], cfg.clock());
    } else {
      const inner = (cause as { cause?: { code?: string; message?: string }; code?: string })
        ?.cause;
      const why = (cause as { code?: string })?.code ?? inner?.code ?? inner?.message;
      reason = timedOut
        ? `timed out after ${timeoutMs} ms`
        : `network error${why ? ` ${why}` : ''}`;
      // The server may have read this request: sending it again could deliver it twice.
      const maybeDelivered = progress.written && !request.idempotent;
      if (maybeDelivered || retries >= retry.limit) {
        const error: TianmanError = new (timedOut ? TimeoutError : NetworkError)(
          maybeDelivered
            ? `${method} ${url}: ${reason} after the request was sent: it may have been delivered; check its outcome before sending it again (attempts: ${attempts})`
            : `${method} ${url}: ${reason} (attempts: ${attempts})`,
          {
            code: maybeDelivered ? 'ERR_MAYBE_DELIVERED' : timedOut ? 'ERR_TIMEOUT' : 'ERR_NETWORK',
            attempts,
            request: summary(),
            cause,
          },
        );
        throw error;
      }
    }
    retries++;
    delay = retryDelay(retry, retries, delay);
    log(
      'warn',
      `${method} ${url}: retrying in ${delay} ms: ${reason}`,
      { attempt: attempts, reason, delayMs: delay },
      `retry ${url} ${reason}`,
    );
    trace?.retry(attempts, reason, delay);
    await sleep(delay, signal);
  }
}
