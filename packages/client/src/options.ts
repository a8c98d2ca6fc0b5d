import { PREFIX } from './errors.js';
import { createLog, type Log } from './log.js';
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from './retry.js';
import type { TokenStore } from './token-store.js';

/** Base URL of each environment (the spec's `servers`). */
export const ENVIRONMENTS = {
  production: 'https://api-mop.chinaums.com',
  test: 'https://test-api-open.chinaums.com',
  mock: 'http://127.0.0.1:4010',
} as const;

/** `production`, the `test` sandbox, or the local `mock` (`pnpm mock`). */
export type TianmanEnvironment = keyof typeof ENVIRONMENTS;

/**
 * Receives redacted events only: the `Authorization` value is reduced to its scheme, and no
 * appKey, token or signature is ever passed. `console` fits.
 */
export interface TianmanLogger {
  /** Each attempt (method, URL, redacted headers) and each response (status, code). */
  debug?(message: string, details: Record<string, unknown>): void;
  /** Retries (reason, delay), token refreshes, and a date-only `paidTime`. */
  warn?(message: string, details: Record<string, unknown>): void;
}

export type { StoredToken, TokenStore } from './token-store.js';

/** Options of {@link createTianmanClient}: checked once, unknown keys refused. */
export interface TianmanClientOptions {
  /** The appId the platform assigned. */
  appId: string;
  /** The appKey the platform assigned. Kept in a closure; never sent, logged or shown. */
  appKey: string;
  /** Which platform to call. This or `baseUrl` is required: there is no default. */
  environment?: TianmanEnvironment;
  /** A base URL instead of `environment` (a proxy, your own mock). */
  baseUrl?: string;
  /**
   * `'signature'`: each request carries `OPEN-BODY-SIG` over its body. `'token'`: requests carry
   * `OPEN-ACCESS-TOKEN`, obtained from `/v1/token/access` and cached.
   * @default 'signature'
   */
  auth?: 'signature' | 'token';
  /**
   * Time allowed for one attempt, reading the response body included.
   * @default 10000
   */
  timeoutMs?: number;
  /** When and how fast to retry: any part of {@link RetryPolicy}. `{ limit: 0 }` turns retries off. */
  retry?: RetryOptions;
  /**
   * `respCode` values that mean success. The endpoint's success code is not confirmed publicly;
   * `0000` is the platform's usual one.
   * @default ['0000']
   */
  successCodes?: readonly string[];
  /**
   * The fetch to use (tests, proxies, other runtimes).
   * @default globalThis.fetch, looked up at each request
   */
  fetch?: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /**
   * The clock in epoch milliseconds: timestamps, token expiry, `paidTime` checks, `Retry-After`.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Nonces for signatures and token requests.
   * @default the signer's createNonce (32 hex characters from a CSPRNG)
   */
  createNonce?: () => string;
  /** Receives redacted debug and warn events. */
  logger?: TianmanLogger;
  /** Token cache for `auth: 'token'`. @default in memory, per client */
  tokenStore?: TokenStore;
}

/** The options after checking, defaults applied. */
export interface Config {
  appId: string;
  appKey: string;
  baseUrl: string;
  auth: 'signature' | 'token';
  timeoutMs: number;
  retry: RetryPolicy;
  successCodes: readonly string[];
  fetch: TianmanClientOptions['fetch'];
  now: () => number;
  createNonce: (() => string) | undefined;
  logger: TianmanLogger | undefined;
  /** Sends to `logger`, which can never break a call. */
  log: Log;
  tokenStore: TokenStore | undefined;
}

// What each option must be: a `typeof`, `array`, or the list of allowed strings; `retry` nests.
// Checked once. Values are never echoed in messages: the appKey is one.
type Spec = Record<string, string | string[] | Record<string, string>>;
const OPTIONS: Spec = {
  appId: 'string',
  appKey: 'string',
  environment: Object.keys(ENVIRONMENTS),
  baseUrl: 'string',
  auth: ['signature', 'token'],
  timeoutMs: 'number',
  retry: { limit: 'number', baseDelayMs: 'number', maxDelayMs: 'number', jitter: 'boolean' },
  successCodes: 'array',
  fetch: 'function',
  now: 'function',
  createNonce: 'function',
  logger: 'object',
  tokenStore: 'object',
};

// The longest delay setTimeout honours.
const MAX_MS = 2 ** 31 - 1;

function fail(message: string): never {
  throw new TypeError(PREFIX + message);
}

/**
 * Checks a per-call `timeoutMs` like the client's own: NaN, Infinity or a delay past 2^31 - 1 ms
 * would make setTimeout fire at once and every attempt time out.
 */
export function checkTimeoutMs(ms: unknown): number {
  if (typeof ms !== 'number' || !(ms >= 0 && ms <= MAX_MS)) {
    fail(`timeoutMs: expected number from 0 to ${MAX_MS}`);
  }
  return ms;
}

/**
 * Checks the keys and values of `value` against `spec` (`retry` recurses), and returns a copy
 * without the `undefined` values, so that those take the default.
 */
function check<T>(value: object, spec: Spec, where: string): T {
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const type = spec[key];
    const name = where + key;
    if (!type) fail(`unknown option ${name}: remove it (known: ${Object.keys(spec).join(', ')})`);
    if (v === undefined) continue;
    const nested = typeof type === 'object' && !Array.isArray(type);
    if (
      !(Array.isArray(type)
        ? type.includes(v as string)
        : nested ||
          ((Array.isArray(v) ? 'array' : typeof v) === type &&
            // Counts and milliseconds: NaN or Infinity would retry forever, and setTimeout fires
            // at once for a delay past 2^31 - 1 ms.
            (type !== 'number' || ((v as number) >= 0 && (v as number) <= MAX_MS))))
    ) {
      fail(
        `${name}: expected ${[type].flat().join(' or ')}${type === 'number' ? ` from 0 to ${MAX_MS}` : ''}`,
      );
    }
    copy[key] = nested ? check(Object(v), type, `${name}.`) : v;
  }
  return copy as T;
}

/** Checks the options once and applies the defaults. */
export function resolveOptions(options: TianmanClientOptions): Config {
  // Object(): a missing options object reads as an empty one, and fails on appId below.
  const o = check<TianmanClientOptions>(Object(options), OPTIONS, '');
  const { appId, appKey, environment, auth = 'signature' } = o;
  // The signer puts the appId in a quoted header pair: visible ASCII without `"` or `\`.
  if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(appId ?? '') || !appKey) {
    fail('appId and appKey are required (appId: visible ASCII)');
  }
  const fromEnv = environment && ENVIRONMENTS[environment];
  const baseUrl = o.baseUrl?.replace(/\/+$/, '') ?? fromEnv;
  if (!/^https?:\/\/./.test(baseUrl as string)) {
    fail('pass environment (production, test or mock) or an http(s) baseUrl: there is no default');
  }
  if (fromEnv && fromEnv !== baseUrl) fail('environment and baseUrl disagree: pass one of them');
  if (o.tokenStore && auth !== 'token') fail("tokenStore needs auth: 'token'");
  const retry = { ...DEFAULT_RETRY, ...o.retry };
  if (retry.maxDelayMs < retry.baseDelayMs) fail('retry.maxDelayMs must be >= retry.baseDelayMs');
  return {
    timeoutMs: 10_000,
    now: Date.now,
    successCodes: ['0000'],
    ...o,
    baseUrl,
    auth,
    retry,
    log: createLog(o.logger),
  } as Config;
}
