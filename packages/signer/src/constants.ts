/**
 * Every literal of the OPEN-BODY-SIG and OPEN-ACCESS-TOKEN protocols lives here, so a change on
 * the platform's side is a change to one file.
 */

/** The Authorization scheme of body-signed calls. */
export const SCHEME = 'OPEN-BODY-SIG';

/** Header pair names, in the order the platform's page shows them: first the application. */
export const PAIR_APP_ID = 'AppId';
/** Then the `yyyyMMddHHmmss` Beijing-time timestamp. */
export const PAIR_TIMESTAMP = 'Timestamp';
/** Then the nonce. */
export const PAIR_NONCE = 'Nonce';
/** Last the Base64 HMAC. */
export const PAIR_SIGNATURE = 'Signature';

/** The signer emits one separator consistently; the parser also accepts `, ` (see platform.md). */
export const PAIR_SEPARATOR = ',';

/** `yyyyMMddHHmmss`. */
export const TIMESTAMP_LENGTH = 14;

/** The platform reads timestamps as Beijing time: UTC+8 all year, China has no DST. */
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The platform's limit on the nonce. */
export const MAX_NONCE_LENGTH = 128;

/** 16 random bytes give the common 32-hex-character nonce. */
export const NONCE_BYTES = 16;

/**
 * The platform does not publish its skew window; WeChat and similar gateways use ±300 s, so a
 * verifier defaults to the same.
 */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `signMethod` of the access-token request: a plain SHA-256, not an HMAC. */
export const TOKEN_SIGN_METHOD = 'SHA256';

/** Prefix of every input error, so a message in a log names its source. */
export const ERROR_PREFIX = '@tianman/signer: ';
