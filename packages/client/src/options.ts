import { isValidAppId } from '@tianman/signer';
import { createAgentTransport, defaultTransport } from '#transport';
import { PREFIX } from './errors.js';
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

const KNOWN = [
  'appId',
  'appKey',
  'environment',
  'baseUrl',
  'allowInsecureHttp',
  'auth',
  'timeoutMs',
  'retry',
  'maxResponseBytes',
  'successCodes',
  'fetch',
  'agent',
  'now',
  'createNonce',
  'logger',
  'logLevel',
  'tokenStore',
];
const RETRY_KEYS = ['limit', 'baseDelayMs', 'maxDelayMs', 'jitter'];
const LOG_LEVELS = ['off', 'warn', 'debug'];

// The longest delay setTimeout honours.
const MAX_MS = 2 ** 31 - 1;

function fail(message: string): never {
  throw new TypeError(PREFIX + message);
}

// Values are never echoed in messages: the appKey is one.
function checkUnknown(value: object, known: string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      fail(`unknown option ${where}${key}: remove it (known: ${known.join(', ')})`);
    }
  }
}

/**
 * A count or milliseconds: NaN or Infinity would retry forever, and setTimeout fires at once for
 * a delay past 2^31 - 1 ms.
 */
function checkCount(value: unknown, name: string): void {
  if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= MAX_MS)) {
    fail(`${name}: expected number from 0 to ${MAX_MS}`);
  }
}

function checkType(value: unknown, type: string, name: string): void {
  if (value !== undefined && typeof value !== type) fail(`${name}: expected ${type}`);
}

function checkOneOf(value: unknown, allowed: readonly string[], name: string): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    fail(`${name}: expected ${allowed.join(' or ')}`);
  }
}

/** A retry policy: the defaults, overridden by each part of `retry` that is set. */
export function resolveRetry(
  base: RetryPolicy,
  retry: RetryOptions | undefined,
  where: string,
): RetryPolicy {
  if (retry === undefined) return base;
  if (typeof retry !== 'object' || retry === null) fail(`${where}retry: expected object`);
  checkUnknown(retry, RETRY_KEYS, `${where}retry.`);
  checkCount(retry.limit, `${where}retry.limit`);
  checkCount(retry.baseDelayMs, `${where}retry.baseDelayMs`);
  checkCount(retry.maxDelayMs, `${where}retry.maxDelayMs`);
  checkType(retry.jitter, 'boolean', `${where}retry.jitter`);
  const policy = { ...base };
  for (const key of RETRY_KEYS) {
    const v = retry[key as keyof RetryOptions];
    if (v !== undefined) (policy as Record<string, unknown>)[key] = v;
  }
  if (policy.maxDelayMs < policy.baseDelayMs) {
    fail(`${where}retry.maxDelayMs must be >= retry.baseDelayMs`);
  }
  return policy;
}

/** Checks a per-call or client `timeoutMs` (see {@link checkCount}). */
export function checkTimeoutMs(ms: unknown, name = 'timeoutMs'): number {
  if (typeof ms !== 'number') fail(`${name}: expected number from 0 to ${MAX_MS}`);
  checkCount(ms, name);
  return ms;
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
  checkUnknown(o, KNOWN, '');
  const appId = o.appId ?? env('TIANMAN_APP_ID');
  const appKey = o.appKey ?? env('TIANMAN_APP_KEY');
  checkType(appId, 'string', 'appId');
  checkType(appKey, 'string', 'appKey');
  // The signer puts the appId in a quoted header pair: visible ASCII without `"` or `\`.
  if (!isValidAppId(appId) || !appKey) {
    fail(
      'appId and appKey are required (or TIANMAN_APP_ID and TIANMAN_APP_KEY on Node); appId: visible ASCII',
    );
  }
  checkOneOf(o.environment, Object.keys(ENVIRONMENTS), 'environment');
  checkType(o.baseUrl, 'string', 'baseUrl');
  checkType(o.allowInsecureHttp, 'boolean', 'allowInsecureHttp');
  checkOneOf(o.auth, ['signature', 'token'], 'auth');
  checkCount(o.timeoutMs, 'timeoutMs');
  checkCount(o.maxResponseBytes, 'maxResponseBytes');
  if (o.successCodes !== undefined && !Array.isArray(o.successCodes)) {
    fail('successCodes: expected array');
  }
  checkType(o.fetch, 'function', 'fetch');
  checkType(o.agent, 'object', 'agent');
  if (o.agent && o.fetch)
    fail('agent and fetch: pass one of them (agent is for the Node transport)');
  const agentTransport = o.agent ? createAgentTransport(o.agent) : undefined;
  if (o.agent && !agentTransport) fail('agent: needs Node (node:http); this runtime uses fetch');
  checkType(o.now, 'function', 'now');
  checkType(o.createNonce, 'function', 'createNonce');
  checkType(o.logger, 'object', 'logger');
  checkOneOf(o.logLevel, LOG_LEVELS, 'logLevel');
  checkType(o.tokenStore, 'object', 'tokenStore');
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
