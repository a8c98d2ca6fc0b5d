/**
 * Every literal of the OPEN-BODY-SIG and OPEN-ACCESS-TOKEN protocols lives here, so a change on
 * the platform's side is a change to one file.
 */

/**
 * The name of the header that carries either scheme. Lower case, as `Headers` and Node's
 * `IncomingMessage.headers` report it; HTTP header names are case-insensitive.
 */
export const AUTHORIZATION_HEADER = 'authorization';

/**
 * The `Authorization` scheme of body-signed calls:
 * `OPEN-BODY-SIG AppId="…",Timestamp="…",Nonce="…",Signature="…"`.
 */
export const BODY_SIG_SCHEME = 'OPEN-BODY-SIG';

/**
 * The `Authorization` scheme of token-authenticated calls:
 * `OPEN-ACCESS-TOKEN AccessToken=<token>`.
 */
export const ACCESS_TOKEN_SCHEME = 'OPEN-ACCESS-TOKEN';

/**
 * What follows {@link ACCESS_TOKEN_SCHEME} and one space, before the token itself: the
 * platform's form is unquoted, `OPEN-ACCESS-TOKEN AccessToken=<token>`.
 */
export const ACCESS_TOKEN_PREFIX = 'AccessToken=';

/**
 * The rule for an appId (and a nonce): visible ASCII without `"`, which would end the quoted
 * header value, and without `\`, a quoted-string escape some parsers honour and others do not.
 * A value from this set means the same thing to every parser on the way. Test with
 * {@link isValidAppId} or `APP_ID_PATTERN.test(value)` (no `g` flag: it keeps no state).
 */
export const APP_ID_PATTERN: RegExp = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Header pair names, in the order the platform's page shows them: first the application. */
export const PAIR_APP_ID = 'AppId';
/** Then the `yyyyMMddHHmmss` Beijing-time timestamp. */
export const PAIR_TIMESTAMP = 'Timestamp';
/** Then the nonce. */
export const PAIR_NONCE = 'Nonce';
/** Last the Base64 HMAC. */
export const PAIR_SIGNATURE = 'Signature';

/** The signer emits one separator consistently; the parser also accepts `, ` (see docs/platform.md). */
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
