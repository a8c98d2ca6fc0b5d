import { timingSafeEqual } from 'node:crypto';
import {
  ACCESS_TOKEN_PREFIX,
  ACCESS_TOKEN_SCHEME,
  BODY_SIG_SCHEME,
  formatTimestamp,
  parseAuthorization,
  parseTimestamp,
  signTokenRequest,
  verify,
} from '@tianman/signer';
import {
  ENV_APP_ID,
  ERR_AUTH,
  INFO_AUTH_FAILED,
  INFO_TIMESTAMP_UNPARSABLE,
  TOKEN_PATH,
} from './constants.js';
import type { MockCredentials } from './credentials.js';
import type { NonceCache } from './nonce-cache.js';
import type { TokenStore } from './token-store.js';

/** Why the gate refused a request's authentication; also sent as the `x-mock-reason` header. */
export type AuthReason =
  | 'missing-authorization'
  | 'scheme'
  | 'malformed'
  | 'app-id'
  | 'timestamp-format'
  | 'timestamp-skew'
  | 'signature'
  | 'nonce-reused'
  | 'token-unknown'
  | 'token-expired'
  | 'token-revoked';

/** The gateway's answer to a failed authentication: HTTP 412, `errCode` 1000. */
export interface AuthRejection {
  ok: false;
  reason: AuthReason;
  errCode: string;
  errInfo: string;
}

/** An authenticated request. */
export interface AuthAcceptance {
  ok: true;
  appId: string;
}

/** What the checks need: the one application served, the clock and the shared state. */
export interface AuthContext {
  credentials: MockCredentials;
  /** Milliseconds since the epoch. */
  now: () => number;
  toleranceSeconds: number;
  nonces: NonceCache;
  tokens: TokenStore;
  maxLiveTokens: number;
}

const HEADER_SHAPE = `${BODY_SIG_SCHEME} AppId="…",Timestamp="yyyyMMddHHmmss",Nonce="…",Signature="…" or ${ACCESS_TOKEN_SCHEME} ${ACCESS_TOKEN_PREFIX}…`;
// `AccessToken`, the pair's name: the gate tolerates spaces around `=` and quotes the platform
// does not send.
const TOKEN_PAIR = new RegExp(
  `^\\s*\\S+\\s+${ACCESS_TOKEN_PREFIX.replace(/=$/, '')}\\s*=\\s*"?([^"\\s,]+)"?\\s*$`,
);

function reject(reason: AuthReason, detail: string, prefix = INFO_AUTH_FAILED): AuthRejection {
  return { ok: false, reason, errCode: ERR_AUTH, errInfo: `${prefix}: ${detail}` };
}

/**
 * Checks the `Authorization` of a business call: an OPEN-BODY-SIG signature over the exact bytes
 * received, or a live OPEN-ACCESS-TOKEN. Every refusal says what to fix.
 */
export async function checkAuthorization(
  header: string | undefined,
  body: Uint8Array,
  ctx: AuthContext,
): Promise<AuthAcceptance | AuthRejection> {
  if (header === undefined || header.trim() === '') {
    return reject('missing-authorization', `missing Authorization header; send ${HEADER_SHAPE}`);
  }
  const scheme = header.trimStart().split(/\s/, 1)[0] ?? '';
  if (scheme.toUpperCase() === ACCESS_TOKEN_SCHEME) return checkAccessToken(header, ctx);
  if (scheme.toUpperCase() !== BODY_SIG_SCHEME) {
    return reject(
      'scheme',
      `unsupported Authorization scheme "${scheme.slice(0, 40)}"; send ${HEADER_SHAPE}`,
    );
  }
  return checkBodySignature(header, body, ctx);
}

async function checkBodySignature(
  header: string,
  body: Uint8Array,
  ctx: AuthContext,
): Promise<AuthAcceptance | AuthRejection> {
  const { credentials, toleranceSeconds } = ctx;
  const now = ctx.now();
  const result = await verify({
    authorization: header,
    body,
    appKey: (appId) => (appId === credentials.appId ? credentials.appKey : undefined),
    now,
    toleranceSeconds,
  });
  if (!result.ok) {
    // `verify` says what failed. For every reason but 'malformed' it parsed the header, so
    // parsing it again cannot fail: it gets the values a developer needs to see next to the
    // reason. The signature is never echoed. ('scheme' cannot come back: the scheme was checked
    // above, case-insensitively as verify does.)
    switch (result.reason) {
      case 'app-id':
        return reject(
          'app-id',
          `unknown AppId ${JSON.stringify(parseAuthorization(header).appId)}; this mock serves AppId "${credentials.appId}" (set ${ENV_APP_ID} to change it)`,
        );
      case 'timestamp-format':
        return reject(
          'timestamp-format',
          `Timestamp ${JSON.stringify(parseAuthorization(header).timestamp)} is not yyyyMMddHHmmss (14 digits, Beijing time UTC+8)`,
          INFO_TIMESTAMP_UNPARSABLE,
        );
      case 'timestamp-skew':
        return reject(
          'timestamp-skew',
          describeSkew(parseAuthorization(header).timestamp, now, toleranceSeconds),
        );
      case 'signature':
        return reject(
          'signature',
          `signature mismatch for AppId "${parseAuthorization(header).appId}": expected Base64 HMAC-SHA256(appKey, appId + timestamp + nonce + lower-hex SHA-256 of the exact body bytes sent); check the appKey and that the body was not re-serialized after signing`,
        );
      default:
        return reject(result.reason, `${result.message}; expected ${HEADER_SHAPE}`);
    }
  }
  // `verify` reads the clock in whole seconds: the timestamp still passes until the end of the
  // second `timestamp + tolerance`, so the nonce is kept until then too.
  const expiresAt = parseTimestamp(result.timestamp).getTime() + toleranceSeconds * 1000 + 999;
  if (!ctx.nonces.remember(result.appId, result.nonce, expiresAt, now)) {
    return reject(
      'nonce-reused',
      `Nonce ${JSON.stringify(result.nonce)} was already used; send a fresh nonce with every request, retries included`,
    );
  }
  return { ok: true, appId: result.appId };
}

function checkAccessToken(header: string, ctx: AuthContext): AuthAcceptance | AuthRejection {
  // The platform's form is unquoted (`AccessToken=abc`); quoted values are tolerated.
  const match = TOKEN_PAIR.exec(header);
  if (match?.[1] === undefined) {
    return reject(
      'malformed',
      `${ACCESS_TOKEN_SCHEME} header is not "${ACCESS_TOKEN_SCHEME} ${ACCESS_TOKEN_PREFIX}<token>"`,
    );
  }
  const now = ctx.now();
  const result = ctx.tokens.check(match[1], now);
  if (result.ok) return { ok: true, appId: result.appId };
  switch (result.problem) {
    case 'expired':
      return reject(
        'token-expired',
        `access token expired at ${formatTimestamp(result.expiredAt ?? now)} (Beijing time); request a new one from POST ${TOKEN_PATH} shortly before expiresIn elapses`,
      );
    case 'revoked':
      return reject(
        'token-revoked',
        `access token was revoked because more than ${ctx.maxLiveTokens} tokens were requested for this AppId; cache one token and share it instead of requesting one per call`,
      );
    default:
      return reject(
        'token-unknown',
        `unknown access token; obtain one from POST ${TOKEN_PATH} (tokens do not survive a restart of the mock)`,
      );
  }
}

/** The body of `POST /v1/token/access`, after Prism has checked it against the schema. */
export interface TokenRequestBody {
  appId: string;
  timestamp: string;
  nonce: string;
  signMethod: string;
  signature: string;
}

/**
 * Checks an access-token request (appId, timestamp, nonce, plain SHA-256 signature) the way the
 * gateway does; on success the caller issues a token.
 */
export async function checkTokenRequest(
  request: TokenRequestBody,
  ctx: AuthContext,
): Promise<AuthAcceptance | AuthRejection> {
  const { credentials, toleranceSeconds } = ctx;
  const now = ctx.now();
  if (request.appId !== credentials.appId) {
    return reject(
      'app-id',
      `unknown appId ${JSON.stringify(request.appId)}; this mock serves appId "${credentials.appId}" (set ${ENV_APP_ID} to change it)`,
    );
  }
  let signedAt: number;
  try {
    signedAt = parseTimestamp(request.timestamp).getTime();
  } catch {
    return reject(
      'timestamp-format',
      `timestamp ${JSON.stringify(request.timestamp)} is not a valid yyyyMMddHHmmss (Beijing time UTC+8)`,
      INFO_TIMESTAMP_UNPARSABLE,
    );
  }
  if (Math.abs(now - signedAt) > toleranceSeconds * 1000) {
    return reject('timestamp-skew', describeSkew(request.timestamp, now, toleranceSeconds));
  }
  let expected: Awaited<ReturnType<typeof signTokenRequest>>;
  try {
    expected = await signTokenRequest({
      appId: credentials.appId,
      appKey: credentials.appKey,
      timestamp: request.timestamp,
      nonce: request.nonce,
    });
  } catch (error) {
    // The schema counts code points and allows any character; the platform's nonce is visible
    // ASCII of at most 128 characters, and the signer says which rule broke (never the value).
    if (!(error instanceof TypeError)) throw error;
    return reject('malformed', error.message.replace(/^@tianman\/signer: /, ''));
  }
  if (!constantTimeEqual(expected.signature, request.signature)) {
    return reject(
      'signature',
      'token signature mismatch: expected lower-case hex SHA-256 (plain, no HMAC) of appId + timestamp + nonce + appKey; check the appKey',
    );
  }
  if (!ctx.nonces.remember(request.appId, request.nonce, signedAt + toleranceSeconds * 1000, now)) {
    return reject(
      'nonce-reused',
      `nonce ${JSON.stringify(request.nonce)} was already used; send a fresh nonce with every request, retries included`,
    );
  }
  return { ok: true, appId: request.appId };
}

function describeSkew(timestamp: string, now: number, toleranceSeconds: number): string {
  let offset = Number.NaN;
  try {
    offset = Math.round((parseTimestamp(timestamp).getTime() - now) / 1000);
  } catch {
    // Unreachable after the format check; the message below still reads.
  }
  const direction = offset < 0 ? 'behind' : 'ahead of';
  // An offset of about ±8 h is the classic bug: the host's UTC or local time was formatted.
  const hours = Math.abs(offset) / 3600;
  const hint =
    Math.abs(hours - 8) < 0.25
      ? '; an 8-hour offset means the timestamp was formatted in UTC or host-local time instead of Beijing time (UTC+8)'
      : '; check the clock of the sending machine';
  return `Timestamp ${JSON.stringify(timestamp)} is ${Math.abs(offset)} s ${direction} the gateway clock (${formatTimestamp(now)} Beijing time); allowed ±${toleranceSeconds} s${hint}`;
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
