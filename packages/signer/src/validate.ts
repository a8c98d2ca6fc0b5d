import { APP_ID_PATTERN, ERROR_PREFIX, MAX_NONCE_LENGTH } from './constants.js';
import type { AppKeyLookup, Body, Instant } from './types.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return 'Uint8Array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}

/**
 * The error for a bad argument: names the field and the rule and, when a value of the wrong type
 * is passed along, its type. Never a value: it may be a key.
 */
export function inputError(field: string, rule: string, ...wrongType: [unknown?]): TypeError {
  const got = wrongType.length > 0 ? ` (got ${describe(wrongType[0])})` : '';
  return new TypeError(`${ERROR_PREFIX}${field} ${rule}${got}`);
}

/** Asserts a value fit for a quoted header pair (the appId rule, {@link APP_ID_PATTERN}). */
export function assertHeaderValue(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !APP_ID_PATTERN.test(value)) {
    const rule = "must be a non-empty string of visible ASCII characters without '\"' or '\\'";
    throw typeof value === 'string' ? inputError(field, rule) : inputError(field, rule, value);
  }
}

/** Asserts a nonce the platform accepts. */
export function assertNonce(value: unknown): asserts value is string {
  assertHeaderValue('nonce', value);
  if (value.length > MAX_NONCE_LENGTH) {
    throw inputError('nonce', `must be at most ${MAX_NONCE_LENGTH} characters`);
  }
}

/** Asserts an appKey; the message never holds the key. */
export function assertAppKey(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw inputError('appKey', 'must be a non-empty string', value);
  if (value.length === 0) throw inputError('appKey', 'must be a non-empty string');
}

/** Asserts a verifier's key or key lookup. */
export function assertAppKeyOrLookup(value: unknown): asserts value is string | AppKeyLookup {
  if (typeof value !== 'function') assertAppKey(value);
}

/** Asserts a body the signer can hash without guessing an encoding. */
export function assertBody(value: unknown): asserts value is Body {
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
    throw inputError('body', 'must be a string or a Uint8Array', value);
  }
}

/** Milliseconds since the epoch of a valid instant. */
export function toEpochMs(field: string, value: Instant): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw inputError(field, 'must be a valid Date or a finite number of milliseconds', value);
  }
  return ms;
}
