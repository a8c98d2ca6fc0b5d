import type { Config } from './config.js';
import { fail } from './errors.js';
import { checkFields, type Rule } from './option-rules.js';
import { type RetryOptions, type RetryPolicy, resolveRetry } from './retry.js';

/**
 * Per-call options: each overrides the client's own for this call only (Stainless-style). The
 * methods take them as their second argument; `createTianmanApi`'s in its options beside `body`.
 */
export interface CallOptions {
  /**
   * Cancels the call, retries and waits included. The call then rejects with the signal's
   * `reason` (a `DOMException` named `AbortError` unless you gave another), as `fetch` does.
   */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for each attempt of this call. */
  timeoutMs?: number;
  /** Overrides parts of the client's retry policy for this call (`{ limit: 0 }`: no retry). */
  retry?: RetryOptions;
  /**
   * Extra request headers (a request id, a trace header). `authorization`, `content-type`,
   * `content-length`, `host` and `transfer-encoding` are the client's and are refused.
   */
  headers?: Record<string, string>;
}

/** A call's settings, the client's with the call's overrides applied. */
export interface Call {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
}

const CALL_OPTIONS: Record<keyof CallOptions, Rule> = {
  signal: 'signal',
  timeoutMs: 'count',
  retry: null,
  headers: null,
};

/**
 * A call's settings: the client's, overridden by what the call passes. `headers` are checked
 * apart (`checkHeaders`), `where` names the caller in messages.
 */
export function resolveCall(
  cfg: Config,
  options: CallOptions | undefined,
  where = 'call option ',
): Call {
  if (options === undefined) {
    return { signal: undefined, timeoutMs: cfg.timeoutMs, retry: cfg.retry };
  }
  if (typeof options !== 'object' || options === null) {
    fail('ERR_INVALID_OPTION', 'call options: expected object');
  }
  checkFields(options, CALL_OPTIONS, where, where);
  return {
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? cfg.timeoutMs,
    retry: resolveRetry(cfg.retry, options.retry, where),
  };
}
