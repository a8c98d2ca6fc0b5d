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

/**
 * Validates the shared inputs of `sign` and `signTokenRequest` and fills in the defaults: the
 * timestamp from the clock, a fresh nonce. The clock is read here, once, and nowhere deeper.
 */
export function resolveCredentials(
  input: CredentialsInput,
  createNonce: () => string,
): ResolvedCredentials {
  if (typeof input !== 'object' || input === null) {
    throw inputError('options', 'must be an object', input);
  }
  const { appId, appKey, timestamp, nonce, now } = input;
  assertHeaderValue('appId', appId);
  assertAppKey(appKey);
  if (timestamp !== undefined && now !== undefined) {
    throw inputError('timestamp', 'and now are exclusive: pass one of them, or neither');
  }
  if (timestamp !== undefined) assertTimestamp(timestamp);
  if (nonce !== undefined) assertNonce(nonce);
  return {
    appId,
    appKey,
    timestamp: timestamp ?? formatTimestampOf('now', now ?? Date.now()),
    nonce: nonce ?? createNonce(),
  };
}
