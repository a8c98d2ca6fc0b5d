/**
 * @packageDocumentation
 * OPEN-BODY-SIG and access-token signatures for the ChinaUMS 天满 open platform.
 *
 * Non-Node entry (Deno, Bun, Workers, browsers): WebCrypto only. Nothing reachable from here
 * may import `node:` modules or use `Buffer` or `process`; keep its public surface identical to
 * `index.node.ts`.
 */

import { constantTimeEqual } from './constant-time-equal.js';
import { createBodyDigest } from './create-body-digest.js';
import { createNonceSource } from './create-nonce-source.js';
import { createSign } from './create-sign.js';
import { createSignTokenRequest } from './create-sign-token-request.js';
import { createVerify } from './create-verify.js';
import { webCrypto as crypto } from './crypto-web.js';
import type {
  BodyDigestFunction,
  SignFunction,
  SignTokenRequestFunction,
  VerifyFunction,
} from './types.js';

export type { AuthorizationProblem } from './errors.js';
export { AuthorizationFormatError } from './errors.js';
export { formatAuthorization } from './format-authorization.js';
export { formatTimestamp } from './format-timestamp.js';
export { parseAuthorization } from './parse-authorization.js';
export { parseTimestamp } from './parse-timestamp.js';
export type {
  AppKeyLookup,
  AuthorizationParts,
  Body,
  BodyDigestFunction,
  Instant,
  ParsedAuthorization,
  SignFunction,
  SignInput,
  SignResult,
  SignTokenRequestFunction,
  TokenRequest,
  TokenRequestInput,
  VerifyFailure,
  VerifyFailureReason,
  VerifyFunction,
  VerifyInput,
  VerifyResult,
  VerifySuccess,
} from './types.js';

/**
 * A fresh nonce: 32 lower-case hex characters (128 bits) from a cryptographically secure
 * generator. Use a new one for every attempt, retries included.
 */
export const createNonce: () => string = /* @__PURE__ */ createNonceSource(crypto.fillRandom);

/**
 * Signs the exact body bytes with OPEN-BODY-SIG: HMAC-SHA256, keyed by the appKey, of
 * appId + timestamp + nonce + lower-case hex SHA-256 of the body; Base64 with padding.
 * Resolves with the `Authorization` header and its parts. Rejects with a `TypeError` naming the
 * field and the rule for bad input; never with the key in the message.
 */
export const sign: SignFunction = /* @__PURE__ */ createSign(crypto, createNonce);

/**
 * Checks an `Authorization` header against the exact body received. Resolves `{ ok: true }` or
 * `{ ok: false, reason, message }`, the checks running in the order of the reasons: `malformed`,
 * `scheme`, `app-id`, `timestamp-format`, `timestamp-skew` (default ±300 s, the bound
 * included), `signature` (compared in constant time). Rejects only for the caller's own mistakes
 * (a bad option, a lookup that throws). It does not remember nonces: a server that must refuse
 * replays keeps the nonces it saw for the tolerance window.
 */
export const verify: VerifyFunction = /* @__PURE__ */ createVerify(crypto, constantTimeEqual);

/** Lower-case hex SHA-256 of a body, the digest inside the string to sign; for debugging. */
export const bodyDigest: BodyDigestFunction = /* @__PURE__ */ createBodyDigest(crypto);

/**
 * The JSON body of `POST /v1/token/access` (OPEN-ACCESS-TOKEN): `signature` is the lower-case hex
 * SHA-256, not an HMAC, of appId + timestamp + nonce + appKey. The appKey is not in the result.
 */
export const signTokenRequest: SignTokenRequestFunction = /* @__PURE__ */ createSignTokenRequest(
  crypto,
  createNonce,
);
