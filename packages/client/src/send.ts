import { AUTHORIZATION_HEADER } from '@tianman/signer';
import type { Auth } from './auth.js';
import type { CallOptions } from './call-options.js';
import { fail } from './errors.js';
import { type Config, checkFields, type Rule, resolveRetry } from './options.js';
import { type Attempt, type Call, exchange } from './pipeline.js';
import type { Answer } from './response.js';

/** Sends a serialized, validated body: authorizes each attempt, then the pipeline. */
export type Send = (
  method: string,
  path: string,
  text: string,
  call: Call,
  headers: Record<string, string>,
) => Promise<Answer>;

// The client's own headers: a caller's copy would bypass the signature or change the bytes.
const RESERVED = [
  AUTHORIZATION_HEADER,
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
];
// RFC 9110 token characters for names; values: visible ASCII, spaces and tabs, no CR/LF.
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Extra request headers, checked: names lower-cased, reserved names and CR/LF refused. Values
 * are never echoed (a caller may pass a credential of their own).
 */
export function checkHeaders(headers: unknown, where: string): Record<string, string> {
  const out: Record<string, string> = { 'content-type': 'application/json' };
  if (headers === undefined) return out;
  if (typeof headers !== 'object' || headers === null) {
    fail(`${where}headers: expected object`);
  }
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!NAME.test(name)) fail(`${where}headers: invalid header name`);
    if (RESERVED.includes(lower)) {
      fail(`${where}headers.${lower}: set by the client, not by the caller`);
    }
    if (typeof value !== 'string' || !VALUE.test(value)) {
      fail(`${where}headers.${lower}: expected a string without control characters`);
    }
    out[lower] = value;
  }
  return out;
}

const CALL_OPTIONS: Record<keyof CallOptions, Rule> = {
  signal: null,
  timeoutMs: 'count',
  retry: null,
  headers: null,
};

/** A call's settings: the client's, overridden by what the call passes. */
export function resolveCall(cfg: Config, options: CallOptions | undefined): Call {
  if (options === undefined) {
    return { signal: undefined, timeoutMs: cfg.timeoutMs, retry: cfg.retry };
  }
  if (typeof options !== 'object' || options === null) {
    fail('call options: expected object');
  }
  // headers: checkHeaders; retry: resolveRetry.
  checkFields(options, CALL_OPTIONS, 'call option ');
  return {
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? cfg.timeoutMs,
    retry: resolveRetry(cfg.retry, options.retry, 'call option '),
  };
}

/** The client's {@link Send}. */
export function createSend(cfg: Config, auth: Auth): Send {
  return (method, path, text, call, headers) =>
    exchange(
      cfg,
      method,
      path,
      async (): Promise<Attempt> => {
        const [authorization, secret] = await auth.authorize(text, call);
        return {
          body: text,
          headers: { ...headers, [AUTHORIZATION_HEADER]: authorization },
          secret,
        };
      },
      call,
      auth.drop,
    );
}
