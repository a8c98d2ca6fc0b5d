/**
 * @packageDocumentation
 * OPEN-BODY-SIG and access-token signatures for the ChinaUMS 天满 open platform.
 *
 * One entry for every runtime. The crypto primitives come from `#crypto`, which package.json
 * `imports` resolves per runtime: `node:crypto` (synchronous, fastest) under the `node`
 * condition (Node, Deno, Bun), WebCrypto everywhere else (edge runtimes, browsers). Nothing here
 * or in the modules it imports may reach for a Node API: only `crypto-node.ts` may.
 */
import { signerCrypto as crypto, timingSafeEqual } from '#crypto';
import { createBodyDigest } from './create-body-digest.js';
import { createNonceSource } from './create-nonce-source.js';
import { createSign } from './create-sign.js';
import { createSignTokenRequest } from './create-sign-token-request.js';
import { createSignerFactory } from './create-signer.js';
import { createVerify } from './create-verify.js';
import type {
  BodyDigestFunction,
  CreateSignerFunction,
  SignFunction,
  SignTokenRequestFunction,
  VerifyFunction,
} from './types.js';

export { constantTimeEqual } from './constant-time-equal.js';
export {
  ACCESS_TOKEN_PREFIX,
  ACCESS_TOKEN_SCHEME,
  APP_ID_PATTERN,
  AUTHORIZATION_HEADER,
  BODY_SIG_SCHEME,
} from './constants.js';
export type { AuthorizationProblem } from './errors.js';
export { AuthorizationFormatError } from './errors.js';
export { formatAuthorization } from './format-authorization.js';
export { formatTimestamp } from './format-timestamp.js';
export { isValidAppId } from './is-valid-app-id.js';
export { parseAuthorization } from './parse-authorization.js';
export { parseTimestamp } from './parse-timestamp.js';
export type {
  AppKeyLookup,
  AuthorizationParts,
  Body,
  BodyDigestFunction,
  CreateSignerFunction,
  Instant,
  ParsedAuthorization,
  Signer,
  SignerCredentials,
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
export const verify: VerifyFunction = /* @__PURE__ */ createVerify(crypto, timingSafeEqual);

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

/**
 * A {@link Signer} bound to one appId and appKey: `sign(body, now?, nonce?)` and
 * `signTokenRequest(now?, nonce?)` give the same results as `sign` and `signTokenRequest` with
 * those credentials, but the credentials are checked once, here, rather than on every call; each
 * call still checks its body, clock and nonce. For clients that sign many requests.
 */
export const createSigner: CreateSignerFunction = /* @__PURE__ */ createSignerFactory(
  crypto,
  createNonce,
);
