/**
 * The exact request body. A string is signed as its UTF-8 bytes; a `Uint8Array` (a `Buffer` is
 * one) is signed as given, only the bytes of the view.
 */
export type Body = string | Uint8Array;

/** An instant: a `Date` or milliseconds since the Unix epoch. */
export type Instant = Date | number;

/** Input of {@link SignFunction}. */
export interface SignInput {
  /** The application id the platform assigned (visible ASCII, no `"` or `\`). */
  appId: string;
  /** The application key the platform assigned; used as the HMAC key, never sent or echoed. */
  appKey: string;
  /** The exact bytes that will be sent. Serialize once, sign that, send that. */
  body: Body;
  /**
   * `yyyyMMddHHmmss` in Beijing time.
   * @default formatTimestamp(now)
   */
  timestamp?: string;
  /**
   * 1 to 128 visible ASCII characters without `"` or `\`. Use a fresh one for every attempt.
   * @default createNonce()
   */
  nonce?: string;
  /**
   * The clock, used only when `timestamp` is not given (passing both is refused).
   * @default new Date()
   */
  now?: Instant;
}

/** Output of {@link SignFunction}. */
export interface SignResult {
  /** The complete `Authorization` header value. */
  authorization: string;
  appId: string;
  timestamp: string;
  nonce: string;
  /** Base64 (with padding) of the HMAC-SHA256. */
  signature: string;
}

/** Looks up the key of an application; `undefined` (or `null`) means the appId is unknown. */
export type AppKeyLookup = (
  appId: string,
) => string | undefined | null | Promise<string | undefined | null>;

/** Input of {@link VerifyFunction}. */
export interface VerifyInput {
  /** The `Authorization` header as received; a missing header is reported as `'malformed'`. */
  authorization: string | null | undefined;
  /** The exact bytes received. */
  body: Body;
  /** The key of the one application served, or a lookup for servers that host several. */
  appKey: string | AppKeyLookup;
  /**
   * The clock the timestamp is checked against.
   * @default new Date()
   */
  now?: Instant;
  /**
   * Accepted clock skew in seconds, either way. `Infinity` turns the check off (for debugging
   * captured headers).
   * @default 300
   */
  toleranceSeconds?: number;
}

/** Why a verification failed, in the order the checks run. */
export type VerifyFailureReason =
  | 'malformed'
  | 'scheme'
  | 'app-id'
  | 'timestamp-format'
  | 'timestamp-skew'
  | 'signature';

/** A header that verified. */
export interface VerifySuccess {
  ok: true;
  appId: string;
  timestamp: string;
  nonce: string;
}

/** A header that did not verify. */
export interface VerifyFailure {
  ok: false;
  reason: VerifyFailureReason;
  /** For people and logs: what was wrong. Never holds a key or a signature. */
  message: string;
}

/** Output of {@link VerifyFunction}. */
export type VerifyResult = VerifySuccess | VerifyFailure;

/** The four pairs of an OPEN-BODY-SIG header. */
export interface AuthorizationParts {
  appId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/** A parsed `Authorization` header. */
export interface ParsedAuthorization extends AuthorizationParts {
  /** The scheme as written; compare it case-insensitively (RFC 9110 §11.1). */
  scheme: string;
}

/** Input of {@link SignTokenRequestFunction}. */
export interface TokenRequestInput {
  appId: string;
  appKey: string;
  /** @default formatTimestamp(now) */
  timestamp?: string;
  /** @default createNonce() */
  nonce?: string;
  /**
   * Used only when `timestamp` is not given.
   * @default new Date()
   */
  now?: Instant;
}

/** The JSON body of `POST /v1/token/access`; it never holds the appKey. */
export interface TokenRequest {
  appId: string;
  timestamp: string;
  nonce: string;
  signMethod: 'SHA256';
  /** Lower-case hex SHA-256 of appId + timestamp + nonce + appKey. */
  signature: string;
}

/** Signs a body: see the package README for the algorithm. */
export type SignFunction = (input: SignInput) => Promise<SignResult>;

/** Checks an `Authorization` header against a body; resolves, never rejects, for bad headers. */
export type VerifyFunction = (input: VerifyInput) => Promise<VerifyResult>;

/** Lower-case hex SHA-256 of a body. */
export type BodyDigestFunction = (body: Body) => Promise<string>;

/** Builds the signed body of an access-token request. */
export type SignTokenRequestFunction = (input: TokenRequestInput) => Promise<TokenRequest>;

/** The credentials a {@link Signer} is bound to, checked once when it is made. */
export interface SignerCredentials {
  /** As {@link SignInput.appId}. */
  appId: string;
  /** As {@link SignInput.appKey}; kept inside the signer, never in a result or a message. */
  appKey: string;
}

/**
 * `sign` and `signTokenRequest` bound to one appId and appKey, for a caller that signs many
 * requests: the credentials are checked once, each call checks only the body, the clock and the
 * nonce. The timestamp always comes from the clock.
 */
export interface Signer {
  /**
   * As {@link SignFunction} with these credentials.
   * @param now - The clock; defaults to now.
   * @param nonce - Defaults to a fresh `createNonce()`.
   */
  sign(body: Body, now?: Instant, nonce?: string): Promise<SignResult>;
  /**
   * As {@link SignTokenRequestFunction} with these credentials.
   * @param now - The clock; defaults to now.
   * @param nonce - Defaults to a fresh `createNonce()`.
   */
  signTokenRequest(now?: Instant, nonce?: string): Promise<TokenRequest>;
}

/** Makes a {@link Signer}; throws a `TypeError` naming the field for bad credentials. */
export type CreateSignerFunction = (credentials: SignerCredentials) => Signer;
