import { fail } from './errors.js';
import { checkFields, type Rule } from './option-rules.js';

/** When and how fast a call is retried. Every field has a default; see {@link DEFAULT_RETRY}. */
export interface RetryPolicy {
  /**
   * Retries after the first attempt (so at most `limit + 1` requests), a whole number up to 10.
   * 0 turns retries off.
   * @default 2
   */
  limit: number;
  /**
   * Delay before the first retry; each later one doubles it (exponential backoff). At most
   * 600000 (10 minutes).
   * @default 1000
   */
  baseDelayMs: number;
  /**
   * Cap on any delay, a server's `Retry-After` included. At most 600000 (10 minutes).
   * @default 10000
   */
  maxDelayMs: number;
  /**
   * Spread the backoff delays randomly over [50 %, 100 %] of their value, so clients that failed
   * together do not retry together. `Retry-After` is honoured as given.
   * @default true
   */
  jitter: boolean;
}

/** The `retry` option: any subset of {@link RetryPolicy}. */
export type RetryOptions = Partial<RetryPolicy>;

/**
 * The defaults: two retries, 1 s then 2 s (the sandbox's transient `9200` "cleared on retry a
 * few seconds later"), capped at 10 s, with jitter.
 */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  limit: 2,
  baseDelayMs: 1000,
  maxDelayMs: 10_000,
  jitter: true,
});

/**
 * Why an answer deserves another attempt (one line per rule of docs/platform.md), or `undefined` when
 * it does not. Auth failures (`1000`/`1001`) are decided before this and never reach it.
 *
 * @param status - HTTP status.
 * @param code - `respCode`, else `errCode`, of the parsed body.
 */
export function retryReason(status: number, code: string | undefined): string | undefined {
  // Rate limited (Retry-After, when sent, says how long to wait), or the platform failed: its
  // advice is to retry later with the same parameters.
  if (status === 429 || (status > 499 && status < 600)) return `HTTP ${status}`;
  // A sporadic gateway answer seen in the sandbox that clears on retry a few seconds later.
  if (status === 412 && code === '9200') return 'gateway 9200';
  // WeChat's relayed codes: SYSTEM_ERROR means retry later, FREQUENCY_LIMITED slow down.
  if (code === 'SYSTEM_ERROR' || code === 'FREQUENCY_LIMITED') return code;
}

/**
 * Milliseconds a `Retry-After` header asks for (delay-seconds or an HTTP date), or `undefined`
 * when absent or unreadable.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  // Stryker disable next-line ConditionalExpression: an empty or missing header fails the digits test and Date.parse gives NaN: undefined either way
  if (!header) return undefined;
  const ms = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * The delay before retry number `retry` (1-based): exponential backoff with a cap and optional
 * jitter, or the server's `Retry-After` (capped) when it gave one.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxDelayMs);
  const backoff = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return policy.jitter ? Math.round(backoff * (0.5 + random() / 2)) : backoff;
}

const RETRY: Record<keyof RetryPolicy, Rule> = {
  limit: 'retries',
  baseDelayMs: 'delay',
  maxDelayMs: 'delay',
  jitter: 'boolean',
};

/**
 * A retry policy: `base`, overridden by each part of `retry` that is set. `where` names the
 * option in messages (`''` for the client's, `'call option '` for a call's).
 */
export function resolveRetry(
  base: RetryPolicy,
  retry: RetryOptions | undefined,
  where: string,
): RetryPolicy {
  if (retry === undefined) return base;
  if (typeof retry !== 'object' || retry === null) {
    fail('ERR_INVALID_OPTION', `${where}retry: expected object`);
  }
  checkFields(retry, RETRY, `option ${where}retry.`, `${where}retry.`);
  const policy = { ...base };
  for (const key in RETRY) {
    const v = retry[key as keyof RetryOptions];
    if (v !== undefined) (policy as Record<string, unknown>)[key] = v;
  }
  if (policy.maxDelayMs < policy.baseDelayMs) {
    fail('ERR_INVALID_OPTION', `${where}retry.maxDelayMs must be >= retry.baseDelayMs`);
  }
  return policy;
}
