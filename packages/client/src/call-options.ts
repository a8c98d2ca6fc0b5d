import type { RetryOptions } from './retry.js';

/**
 * Per-call options: each overrides the client's own for this call only (Stainless-style).
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
   * `content-length` and `host` are the client's and are refused.
   */
  headers?: Record<string, string>;
}
