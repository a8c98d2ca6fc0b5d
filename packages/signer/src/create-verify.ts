import { BODY_SIG_SCHEME, DEFAULT_TOLERANCE_SECONDS } from './constants.js';
import type { SignerCrypto, TimingSafeEqual } from './crypto.js';
import { AuthorizationFormatError } from './errors.js';
import { formatTimestamp } from './format-timestamp.js';
import { parseAuthorization } from './parse-authorization.js';
import { timestampToEpochMs } from './parse-timestamp.js';
import { quoteExcerpt } from './quote-excerpt.js';
import { stringToSign } from './string-to-sign.js';
import type {
  AppKeyLookup,
  ParsedAuthorization,
  VerifyFailure,
  VerifyFailureReason,
  VerifyFunction,
} from './types.js';
import { assertAppKeyOrLookup, assertBody, inputError, toEpochMs } from './validate.js';

function failure(reason: VerifyFailureReason, message: string): VerifyFailure {
  return { ok: false, reason, message };
}

function parse(authorization: unknown): ParsedAuthorization | VerifyFailure {
  if (typeof authorization !== 'string') {
    return failure('malformed', 'Authorization header: is missing');
  }
  try {
    return parseAuthorization(authorization);
  } catch (error) {
    if (error instanceof AuthorizationFormatError) return failure('malformed', error.message);
    throw error;
  }
}

async function lookUpKey(
  appKey: string | AppKeyLookup,
  appId: string,
): Promise<string | undefined> {
  if (typeof appKey === 'string') return appKey;
  const key = await appKey(appId);
  if (key === undefined || key === null) return undefined;
  // An empty key would make any HMAC computed with an empty key pass: fail closed, loudly.
  const rule = 'must resolve to a non-empty string, undefined or null';
  if (typeof key !== 'string') throw inputError('appKey lookup', rule, key);
  if (key === '') throw inputError('appKey lookup', rule);
  return key;
}

function describeNow(ms: number): string {
  try {
    return `${formatTimestamp(ms)} Beijing time`;
  } catch {
    return 'a clock outside the years 0000-9999';
  }
}

function assertTolerance(value: unknown): asserts value is number {
  const rule = 'must be a number >= 0 (Infinity turns the check off)';
  if (typeof value !== 'number') throw inputError('toleranceSeconds', rule, value);
  if (Number.isNaN(value) || value < 0) throw inputError('toleranceSeconds', rule);
}

/** Binds `verify` to a crypto implementation and its constant-time comparison. */
export function createVerify(
  crypto: SignerCrypto,
  timingSafeEqual: TimingSafeEqual,
): VerifyFunction {
  return async function verify(input) {
    if (typeof input !== 'object' || input === null) {
      throw inputError('options', 'must be an object', input);
    }
    const { authorization, body, appKey, now = Date.now() } = input;
    const { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = input;
    // Mistakes of the server's own configuration throw; only what the client sent is a reason.
    assertBody(body);
    assertAppKeyOrLookup(appKey);
    assertTolerance(toleranceSeconds);
    const nowMs = toEpochMs('now', now);

    const parsed = parse(authorization);
    if ('ok' in parsed) return parsed;
    const { scheme, appId, timestamp, nonce, signature } = parsed;
    if (scheme.toUpperCase() !== BODY_SIG_SCHEME) {
      return failure(
        'scheme',
        `expected the ${BODY_SIG_SCHEME} scheme, got ${quoteExcerpt(scheme)}`,
      );
    }

    const key = await lookUpKey(appKey, appId);
    if (key === undefined) return failure('app-id', `unknown appId ${quoteExcerpt(appId, 64)}`);

    const signedAtMs = timestampToEpochMs(timestamp);
    if (signedAtMs === undefined) {
      return failure(
        'timestamp-format',
        `Timestamp must be 14 digits yyyyMMddHHmmss naming a real date and time in Beijing time`,
      );
    }
    // The header speaks in whole seconds, so the clock is read at that resolution too: "at the
    // tolerance" then means what a reader of the two timestamps would say.
    const skewSeconds = Math.floor(nowMs / 1000) - signedAtMs / 1000;
    if (Math.abs(skewSeconds) > toleranceSeconds) {
      return failure(
        'timestamp-skew',
        `Timestamp ${timestamp} is ${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? 'behind' : 'ahead of'} ` +
          `now (${describeNow(nowMs)}); the tolerance is ${toleranceSeconds} s`,
      );
    }

    const digest = await crypto.sha256Hex(body);
    const expected = await crypto.hmacSha256Base64(
      key,
      stringToSign(appId, timestamp, nonce, digest),
    );
    // Compared as strings, not decoded bytes: the platform signs canonical padded Base64, and a
    // decoder would let a changed padding bit through.
    if (!timingSafeEqual(signature, expected)) {
      return failure(
        'signature',
        `Signature does not match the body (body digest ${digest}); check the key and that the ` +
          'bytes signed are the bytes sent',
      );
    }
    return { ok: true, appId, timestamp, nonce };
  };
}
