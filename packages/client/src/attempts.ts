import { sleep } from './abort.js';
import {
  AuthError,
  NetworkError,
  type RequestSummary,
  redactHeaders,
  type TianmanError,
  TimeoutError,
} from './errors.js';
import { type Config, checkTimeoutMs } from './options.js';
import { type Answer, answerError, codeOf, field } from './response.js';
import { retryAfterMs, retryDelay, retryReason } from './retry.js';

/** Per-call options. */
export interface CallOptions {
  /**
   * Cancels the call, retries and waits included. The call then rejects with the signal's
   * `reason` (a `DOMException` named `AbortError` unless you gave another), as `fetch` does.
   */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for each attempt of this call. */
  timeoutMs?: number;
}

/** One attempt's request: the exact bytes, the headers, and the secret they carry. */
export interface Attempt {
  body: string;
  headers: Record<string, string>;
  /** The signature or token in `headers`: scrubbed from anything an error shows. */
  secret: string;
}

/**
 * POSTs to `path` until an answer the retry policy lets through: that answer, read. Each attempt
 * is prepared afresh (a new signature: timestamp and nonce), has its own timeout, and ends the
 * call at once when the caller's signal aborts. Transient failures are retried with backoff;
 * the last one is thrown. A `1000`/`1001` auth refusal is an {@link AuthError}, unless `refresh`
 * is given (token mode): it then drops the token and sends once more.
 */
export async function exchange(
  cfg: Config,
  path: string,
  prepare: () => Promise<Attempt>,
  { signal, timeoutMs = cfg.timeoutMs }: CallOptions,
  refresh?: (secret: string) => Promise<void>,
): Promise<Answer> {
  checkTimeoutMs(timeoutMs);
  const { log, logger } = cfg;
  const url = cfg.baseUrl + path;
  for (let attempts = 1, retries = 0; ; attempts++) {
    signal?.throwIfAborted();
    const { body, headers, secret } = await prepare();
    // The signal may have aborted while the attempt was prepared: its listener below would then
    // never fire, and the request would go out.
    signal?.throwIfAborted();
    // Built only when needed, an error or a logger: the hot path allocates as little as it can.
    const request = (): RequestSummary => ({
      method: 'POST',
      url,
      headers: redactHeaders(headers),
    });
    if (logger) log('debug', `POST ${url}`, { attempt: attempts, request: request() });
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
    let response: Response | undefined;
    let text = '';
    let cause: unknown;
    try {
      // Looked up at each request when not injected, so a fetch installed later (a test's mock
      // agent) is honoured. Never patched.
      response = await (cfg.fetch ?? fetch)(url, {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      // The timeout covers the body too: a server may send headers, then nothing.
      text = await response.text();
    } catch (error) {
      cause = error;
      response = undefined;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    // A caller's abort ends the call at once, as with fetch: no retry, the signal's reason.
    signal?.throwIfAborted();

    let error: TianmanError;
    let reason: string | undefined;
    let delay: number | undefined;
    if (response) {
      const { status } = response;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {}
      const answer: Answer = {
        url,
        status,
        text,
        data,
        attempts,
        request,
        response,
        secrets: [cfg.appKey, secret],
      };
      const code = codeOf(data);
      if (logger) log('debug', `HTTP ${status}`, { attempt: attempts, status, code });
      const auth = field(data, 'errCode');
      if (auth === '1000' || auth === '1001') {
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
        throw answerError(
          answer,
          AuthError,
          auth === '1000' ? ': check appId, appKey and the clock' : ': no permission for this API',
        );
      }
      reason = retryReason(status, code);
      if (!reason) return answer;
      error = answerError(answer);
      delay = retryAfterMs(response.headers.get('retry-after'), cfg.now());
    } else {
      const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
      const why = inner?.code ?? inner?.message;
      reason = timedOut
        ? `timed out after ${timeoutMs} ms`
        : `network error${why ? ` ${why}` : ''}`;
      error = new (timedOut ? TimeoutError : NetworkError)(
        `POST ${url}: ${reason} (attempts: ${attempts})`,
        { code: timedOut ? 'ERR_TIMEOUT' : 'ERR_NETWORK', attempts, request: request(), cause },
      );
    }
    if (retries++ >= cfg.retry.limit) throw error;
    delay = retryDelay(cfg.retry, retries, delay);
    log('warn', `retrying in ${delay} ms: ${reason}`, {
      attempt: attempts,
      reason,
      delayMs: delay,
    });
    await sleep(delay, signal);
  }
}
