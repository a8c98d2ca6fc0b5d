import { formatTimestampOf } from './format-timestamp.js';
import { assertTimestamp } from './parse-timestamp.js';
import type { Instant } from './types.js';
import { assertAppKey, assertHeaderValue, assertNonce, inputError } from './validate.js';

/** What a signature of either kind is made from, before the body. */
export interface ResolvedCredentials {
  appId: string;
  appKey: string;
  timestamp: string;
  nonce: string;
}

interface CredentialsInput {
  appId: string;
  appKey: string;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  now?: Instant | undefined;
}

/** Asserts the object the caller passed, by the name the caller knows it as. */
export function assertObject(field: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null)
    throw inputError(field, 'must be an object', value);
}

/** Asserts an appId and an appKey, in that order. */
export function assertCredentials(appId: unknown, appKey: unknown): asserts appId is string {
  assertHeaderValue('appId', appId);
  assertAppKey(appKey);
}

/**
 * The timestamp and nonce of one signature from the clock: the caller's nonce (checked) or a
 * fresh one, the timestamp of `now`. The clock is read here, once, and nowhere deeper.
 */
export function resolveMoment(
  now: Instant | undefined,
  nonce: string | undefined,
  createNonce: () => string,
): { timestamp: string; nonce: string } {
  if (nonce !== undefined) assertNonce(nonce);
  return {
    timestamp: formatTimestampOf('now', now ?? Date.now()),
    nonce: nonce ?? createNonce(),
  };
}

/**
 * Validates the shared inputs of `sign` and `signTokenRequest` and fills in the defaults: the
 * timestamp from the clock, a fresh nonce.
 */
export function resolveCredentials(
  input: CredentialsInput,
  createNonce: () => string,
): ResolvedCredentials {
  assertObject('options', input);
  const { appId, appKey, timestamp, nonce, now } = input;
  assertCredentials(appId, appKey);
  if (timestamp !== undefined && now !== undefined) {
    throw inputError('timestamp', 'and now are exclusive: pass one of them, or neither');
  }
  if (timestamp === undefined) return { appId, appKey, ...resolveMoment(now, nonce, createNonce) };
  assertTimestamp(timestamp);
  if (nonce !== undefined) assertNonce(nonce);
  return { appId, appKey, timestamp, nonce: nonce ?? createNonce() };
}
