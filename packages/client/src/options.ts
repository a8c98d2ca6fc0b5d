import { isValidAppId } from '@tianman/signer';
import { createAgentTransport, defaultTransport } from '#transport';
import { fail } from './errors.js';
import { createLog, type Log } from './log.js';
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from './retry.js';
import type { StoredToken, TokenStore } from './token-store.js';
import type { Transport } from './transport.js';
import { createFetchTransport } from './transport-fetch.js';

export type { StoredToken, TokenStore };

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
  /** Retries (reason, delay), token refreshes, a corrected clock, and a date-only `paidTime`. */
  warn?(message: string, details: Record<string, unknown>): void;
}

/** Options of {@link createTianmanClient}: checked once, unknown keys refused. */
export interface TianmanClientOptions {
  /**
   * The appId the platform assigned.
   * @default process.env.TIANMAN_APP_ID on Node
   */
  appId?: string;
  /**
   * The appKey the platform assigned. Kept in a closure; never sent, logged or shown.
   * @default process.env.TIANMAN_APP_KEY on Node
   */
  appKey?: string;
  /** Which platform to call. This or `baseUrl` is required: there is no default. */
  environment?: TianmanEnvironment;
  /**
   * A base URL instead of `environment` (a proxy, your own mock). `https://`, or `http://` to a
   * loopback host (127.0.0.0/8, `::1`, `localhost`) unless `allowInsecureHttp` is set.
   */
  baseUrl?: string;
  /**
   * Allows a plain `http://` `baseUrl` to a non-loopback host: signatures and access tokens (a
   * bearer credential) then cross the network in clear. Logged once as a warning.
   * @default false
   */
  allowInsecureHttp?: boolean;
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
   * The most bytes of an answer's body read; a longer one fails the call (`ERR_RESPONSE_TOO_LARGE`,
   * not retried) and its connection is dropped. The platform's answers are a few hundred bytes.
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number;
  /**
   * `respCode` values that mean success. The endpoint's success code is not confirmed publicly;
   * `0000` is the platform's usual one.
   * @default ['0000']
   */
  successCodes?: readonly string[];
  /**
   * A fetch to send requests with (tests, other runtimes). Without it, Node uses `node:http(s)`
   * with a keep-alive agent and other runtimes the global `fetch`.
   */
  fetch?: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /**
   * An `http.Agent`/`https.Agent` for Node's transport: a corporate proxy (e.g. `HttpsProxyAgent`),
   * a custom CA (`new https.Agent({ ca })`) or mutual TLS (`cert`, `key`). Node only; not with
   * `fetch`.
   * @default a shared keep-alive agent per protocol
   */
  agent?: object;
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
  /**
   * Which events reach `logger`.
   * @default process.env.TIANMAN_LOG on Node (which also sends events to `console` when no
   * `logger` is given), else 'debug' (every event the logger takes)
   */
  logLevel?: 'off' | 'warn' | 'debug';
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
  maxResponseBytes: number;
  successCodes: readonly string[];
  transport: Transport;
  /** The local clock: token expiry. */
  now: () => number;
  /** The platform's clock as far as we know: the local one plus the measured skew. */
  clock: () => number;
  /** The offset adopted from the platform's `Date` after a `1000` (shared by every call). */
  skew: { offsetMs: number };
  createNonce: (() => string) | undefined;
  /** The logger when it takes debug events (the pipeline builds their details only then). */
  logger: TianmanLogger | undefined;
  /** Sends to `logger`, which can never break a call. */
  log: Log;
  tokenStore: TokenStore | undefined;
}

// The longest delay setTimeout honours.
const MAX_MS = 2 ** 31 - 1;

/**
 * How a field is checked: a `typeof`, `'array'`, `'count'` (a number from 0 to {@link MAX_MS}:
 * NaN or Infinity would retry forever, and setTimeout fires at once for a delay past it), the
 * allowed values, or `null` when it is checked elsewhere.
 */
export type Rule =
  | 'string'
  | 'boolean'
  | 'function'
  | 'object'
  | 'array'
  | 'count'
  | readonly string[]
  | null;

const LOG_LEVELS = ['off', 'warn', 'debug'];

// The known options, in the order the unknown-option message lists them.
const OPTIONS: Record<keyof TianmanClientOptions, Rule> = {
  appId: 'string',
  appKey: 'string',
  environment: Object.keys(ENVIRONMENTS),
  baseUrl: 'string',
  allowInsecureHttp: 'boolean',
  auth: ['signature', 'token'],
  timeoutMs: 'count',
  retry: null,
  maxResponseBytes: 'count',
  successCodes: 'array',
  fetch: 'function',
  agent: 'object',
  now: 'function',
  createNonce: 'function',
  logger: 'object',
  logLevel: LOG_LEVELS,
  tokenStore: 'object',
};
const RETRY: Record<keyof RetryPolicy, Rule> = {
  limit: 'count',
  baseDelayMs: 'count',
  maxDelayMs: 'count',
  jitter: 'boolean',
};

/** Checks one field by its {@link Rule}; `undefined` is absent. Values are never echoed. */
function check(value: unknown, rule: Rule, name: string): void {
  if (value === undefined || rule === null) return;
  if (rule === 'count') {
    if (!(typeof value === 'number' && value >= 0 && value <= MAX_MS)) {
      fail(`${name}: expected number from 0 to ${MAX_MS}`);
    }
  } else if (typeof rule !== 'string') {
    if (!rule.includes(value as string)) fail(`${name}: expected ${rule.join(' or ')}`);
  } else if (rule === 'array' ? !Array.isArray(value) : typeof value !== rule) {
    fail(`${name}: expected ${rule}`);
  }
}

/**
 * Refuses a key `rules` does not know (the message names it, `what` says what it is, and lists
 * the known ones), then checks each field, named `prefix` + key.
 */
export function checkFields(
  value: object,
  rules: Record<string, Rule>,
  what: string,
  prefix = '',
): void {
  const known = Object.keys(rules);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      fail(`unknown ${what}${key}: remove it (known: ${known.join(', ')})`);
    }
  }
  for (const key of known)
    check((value as Record<string, unknown>)[key], rules[key] ?? null, prefix + key);
}

/** A retry policy: the defaults, overridden by each part of `retry` that is set. */
export function resolveRetry(
  base: RetryPolicy,
  retry: RetryOptions | undefined,
  where: string,
): RetryPolicy {
  if (retry === undefined) return base;
  if (typeof retry !== 'object' || retry === null) fail(`${where}retry: expected object`);
  checkFields(retry, RETRY, `option ${where}retry.`, `${where}retry.`);
  const policy = { ...base };
  for (const key in RETRY) {
    const v = retry[key as keyof RetryOptions];
    if (v !== undefined) (policy as Record<string, unknown>)[key] = v;
  }
  if (policy.maxDelayMs < policy.baseDelayMs) {
    fail(`${where}retry.maxDelayMs must be >= retry.baseDelayMs`);
  }
  return policy;
}

/** True for a loopback host: a plain-http request to it never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The environment, on Node only: other runtimes have no `process` (or one without our keys). */
function env(name: string): string | undefined {
  const p = (globalThis as { process?: { versions?: { node?: string }; env?: object } }).process;
  return p?.versions?.node ? (p.env as Record<string, string | undefined>)[name] : undefined;
}

/** Checks the options once and applies the defaults. */
export function resolveOptions(options: TianmanClientOptions | undefined): Config {
  // Object(): a missing options object reads as an empty one, and fails on appId below.
  const o = Object(options) as TianmanClientOptions;
  checkFields(o, OPTIONS, 'option ');
  const appId = o.appId ?? env('TIANMAN_APP_ID');
  const appKey = o.appKey ?? env('TIANMAN_APP_KEY');
  // The signer puts the appId in a quoted header pair: visible ASCII without `"` or `\`.
  if (!isValidAppId(appId) || !appKey) {
    fail(
      'appId and appKey are required (or TIANMAN_APP_ID and TIANMAN_APP_KEY on Node); appId: visible ASCII',
    );
  }
  if (o.agent && o.fetch)
    fail('agent and fetch: pass one of them (agent is for the Node transport)');
  const agentTransport = o.agent ? createAgentTransport(o.agent) : undefined;
  if (o.agent && !agentTransport) fail('agent: needs Node (node:http); this runtime uses fetch');
  const retry = resolveRetry(DEFAULT_RETRY, o.retry, '');

  const fromEnv = o.environment && ENVIRONMENTS[o.environment];
  const baseUrl = o.baseUrl?.replace(/\/+$/, '') ?? fromEnv;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl as string);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol)) {
    fail('pass environment (production, test or mock) or an http(s) baseUrl: there is no default');
  }
  if (fromEnv && fromEnv !== baseUrl) fail('environment and baseUrl disagree: pass one of them');
  const auth = o.auth ?? 'signature';
  if (o.tokenStore && auth !== 'token') fail("tokenStore needs auth: 'token'");

  // An unknown TIANMAN_LOG is ignored rather than fatal: an environment variable is no place
  // for a client to refuse to start.
  const fromEnvLog = env('TIANMAN_LOG');
  const fromLog = LOG_LEVELS.includes(fromEnvLog as string) ? fromEnvLog : undefined;
  const level = o.logLevel ?? fromLog ?? 'debug';
  // TIANMAN_LOG without a logger prints to the console: the events are redacted, and a variable
  // that turns logging on should need no code change.
  const target: TianmanLogger | undefined =
    o.logger ?? (fromLog && fromLog !== 'off' ? globalThis.console : undefined);
  const logger: TianmanLogger | undefined =
    level === 'off' ? undefined : level === 'warn' ? { warn: target?.warn?.bind(target) } : target;
  const log = createLog(logger);

  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    if (!o.allowInsecureHttp) {
      fail(
        'baseUrl: plain http:// is refused except to a loopback host: signatures and tokens would cross the network in clear (use https://, or set allowInsecureHttp: true)',
      );
    }
    log('warn', 'allowInsecureHttp: requests go over plain http:// to a non-loopback host', {
      host: url.host,
    });
  }

  const now = o.now ?? Date.now;
  const skew = { offsetMs: 0 };
  return {
    appId: appId as string,
    appKey: appKey as string,
    baseUrl: baseUrl as string,
    auth,
    timeoutMs: o.timeoutMs ?? 10_000,
    retry,
    maxResponseBytes: o.maxResponseBytes ?? 1024 * 1024,
    successCodes: o.successCodes ?? ['0000'],
    transport: o.fetch
      ? createFetchTransport(o.fetch as typeof fetch)
      : (agentTransport ?? defaultTransport),
    now,
    clock: () => now() + skew.offsetMs,
    skew,
    createNonce: o.createNonce,
    logger: logger?.debug ? logger : undefined,
    log,
    tokenStore: o.tokenStore,
  };
}
