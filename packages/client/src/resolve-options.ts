import { isValidAppId } from '@tianman/signer';
import { chooseTransport } from './choose-transport.js';
import type { TianmanClientOptions } from './client-options.js';
import type { Config } from './config.js';
import { ENVIRONMENTS } from './environments.js';
import { fail } from './errors.js';
import { findTracer } from './find-tracer.js';
import { isLoopback } from './is-loopback.js';
import { createLog, LOG_LEVELS, type LogLevel } from './log.js';
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
  // Checked by findTracer: a tracer or false.
  tracer: null,
};

/**
 * A credential from its option, else its environment variable (Node only): the value, and the
 * name a message should give its source by. A missing one is refused.
 */
function credential(
  option: string | undefined,
  name: string,
  variable: string,
): { value: string; name: string } {
  const fromEnv = option === undefined ? readEnv(variable) : undefined;
  const value = option ?? fromEnv;
  if (!value) {
    fail('ERR_INVALID_OPTION', `${name} is required (the ${name} option, or ${variable} on Node)`);
  }
  return { value, name: fromEnv === undefined ? name : variable };
}

/** Checks a client's options once and applies the defaults. */
export function resolveOptions(options: TianmanClientOptions | undefined): Config {
  // Object(): a missing options object reads as an empty one, and fails on appId below.
  const o = Object(options) as TianmanClientOptions;
  checkFields(o, OPTIONS, 'option ');
  const appId = credential(o.appId, 'appId', 'TIANMAN_APP_ID');
  // The signer puts the appId in a quoted header pair: visible ASCII without `"` or `\`.
  if (!isValidAppId(appId.value)) {
    fail(
      'ERR_INVALID_OPTION',
      `${appId.name}: visible ASCII only, no spaces, quotes or backslashes`,
    );
  }
  const appKey = credential(o.appKey, 'appKey', 'TIANMAN_APP_KEY');
  // White space around a key is a copy-paste or a file's newline, never part of the key: kept,
  // every signature would be wrong with no hint why.
  if (appKey.value.trim() !== appKey.value) {
    fail(
      'ERR_INVALID_OPTION',
      `${appKey.name}: starts or ends with white space${appKey.name === 'appKey' ? '' : ' (a newline from a file?)'}; remove it`,
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
  // Stryker disable next-line Regex: a URL's protocol is its scheme and one colon, always at the end, so /^https?:/ is the same test
  if (!url || !/^https?:$/.test(url.protocol)) {
    fail(
      'ERR_INVALID_OPTION',
      'pass environment (production, test or mock) or an http(s) baseUrl: there is no default',
    );
  }
  // A password in the URL would be in every error, log line and store key that names the URL.
  if (url.username || url.password) {
    fail(
      'ERR_INVALID_OPTION',
      'baseUrl: user info (user:password@) is not allowed: credentials in a URL end up in logs and errors; the platform authenticates with appId and appKey',
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
  // Warnings are on by default, through console.warn: an operator sees a store in trouble or a
  // retried call without opting in.
  const { log, debug } = createLog(o.logger ?? globalThis.console, o.logLevel ?? fromLog ?? 'warn');

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
    appId: appId.value,
    appKey: appKey.value,
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
    debug,
    log,
    tokenStore: o.tokenStore,
    tracer: findTracer(o.tracer),
  };
}
