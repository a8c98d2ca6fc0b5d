import { isValidAppId } from '@tianman/signer';
import { chooseTransport } from './choose-transport.js';
import type { TianmanClientOptions } from './client-options.js';
import type { Config } from './config.js';
import { ENVIRONMENTS } from './environments.js';
import { fail } from './errors.js';
import { isLoopback } from './is-loopback.js';
import { createLog, LOG_LEVELS, type LogLevel, loggerAt, type TianmanLogger } from './log.js';
import { checkFields, type Rule } from './option-rules.js';
import { readEnv } from './read-env.js';
import { DEFAULT_RETRY, resolveRetry } from './retry.js';

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

/** Checks a client's options once and applies the defaults. */
export function resolveOptions(options: TianmanClientOptions | undefined): Config {
  // Object(): a missing options object reads as an empty one, and fails on appId below.
  const o = Object(options) as TianmanClientOptions;
  checkFields(o, OPTIONS, 'option ');
  const appId = o.appId ?? readEnv('TIANMAN_APP_ID');
  const appKey = o.appKey ?? readEnv('TIANMAN_APP_KEY');
  // The signer puts the appId in a quoted header pair: visible ASCII without `"` or `\`.
  if (!isValidAppId(appId) || !appKey) {
    fail(
      'ERR_INVALID_OPTION',
      'appId and appKey are required (or TIANMAN_APP_ID and TIANMAN_APP_KEY on Node); appId: visible ASCII',
    );
  }
  const transport = chooseTransport(o.fetch as typeof fetch | undefined, o.agent);
  const retry = resolveRetry(DEFAULT_RETRY, o.retry, '');

  const fromEnv = o.environment && ENVIRONMENTS[o.environment];
  const baseUrl = o.baseUrl?.replace(/\/+$/, '') ?? fromEnv;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl as string);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol)) {
    fail(
      'ERR_INVALID_OPTION',
      'pass environment (production, test or mock) or an http(s) baseUrl: there is no default',
    );
  }
  if (fromEnv && fromEnv !== baseUrl) {
    fail('ERR_INVALID_OPTION', 'environment and baseUrl disagree: pass one of them');
  }
  const auth = o.auth ?? 'signature';
  if (o.tokenStore && auth !== 'token')
    fail('ERR_INVALID_OPTION', "tokenStore needs auth: 'token'");

  // An unknown TIANMAN_LOG is ignored rather than fatal: an environment variable is no place
  // for a client to refuse to start.
  const fromEnvLog = readEnv('TIANMAN_LOG') as LogLevel | undefined;
  const fromLog = fromEnvLog && LOG_LEVELS.includes(fromEnvLog) ? fromEnvLog : undefined;
  // TIANMAN_LOG without a logger prints to the console: the events are redacted, and a variable
  // that turns logging on should need no code change.
  const target: TianmanLogger | undefined =
    o.logger ?? (fromLog && fromLog !== 'off' ? globalThis.console : undefined);
  const logger = loggerAt(target, o.logLevel ?? fromLog ?? 'debug');
  const log = createLog(logger);

  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    if (!o.allowInsecureHttp) {
      fail(
        'ERR_INVALID_OPTION',
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
    transport,
    now,
    clock: () => now() + skew.offsetMs,
    skew,
    createNonce: o.createNonce,
    logger: logger?.debug ? logger : undefined,
    log,
    tokenStore: o.tokenStore,
  };
}
