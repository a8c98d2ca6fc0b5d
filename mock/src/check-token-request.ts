import { constantTimeEqual, parseTimestamp, signTokenRequest } from '@tianman/signer';
import type { AuthContext } from './auth-context.js';
import { type AuthAcceptance, type AuthRejection, rejectAuth } from './auth-result.js';
import { ENV_APP_ID, INFO_TIMESTAMP_UNPARSABLE } from './constants.js';
import { describeSkew } from './describe-skew.js';
import { rememberNonce } from './remember-nonce.js';

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
 * gateway does, then remembers its nonce; on success the caller issues a token.
 */
export async function checkTokenRequest(
  request: TokenRequestBody,
  ctx: AuthContext,
): Promise<AuthAcceptance | AuthRejection> {
  const { credentials, toleranceSeconds } = ctx;
  const now = ctx.now();
  if (request.appId !== credentials.appId) {
    return rejectAuth(
      'app-id',
      `unknown appId ${JSON.stringify(request.appId)}; this mock serves appId "${credentials.appId}" (set ${ENV_APP_ID} to change it)`,
    );
  }
  let signedAt: number;
  try {
    signedAt = parseTimestamp(request.timestamp).getTime();
  } catch {
    return rejectAuth(
      'timestamp-format',
      `timestamp ${JSON.stringify(request.timestamp)} is not a valid yyyyMMddHHmmss (Beijing time UTC+8)`,
      INFO_TIMESTAMP_UNPARSABLE,
    );
  }
  if (Math.abs(now - signedAt) > toleranceSeconds * 1000) {
    return rejectAuth('timestamp-skew', describeSkew(request.timestamp, now, toleranceSeconds));
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
    // Stryker disable next-line ConditionalExpression: signTokenRequest throws only TypeErrors for bad input, and no test can make it throw anything else; another error is a defect that must not turn into a refusal
    if (!(error instanceof TypeError)) throw error;
    // Stryker disable next-line Regex: the signer's prefix only ever starts its messages, so dropping the anchor changes nothing
    return rejectAuth('malformed', error.message.replace(/^@tianman\/signer: /, ''));
  }
  if (!constantTimeEqual(expected.signature, request.signature)) {
    return rejectAuth(
      'signature',
      'token signature mismatch: expected lower-case hex SHA-256 (plain, no HMAC) of appId + timestamp + nonce + appKey; check the appKey',
    );
  }
  const expiresAt = signedAt + toleranceSeconds * 1000;
  const replay = rememberNonce(ctx, request.appId, request.nonce, expiresAt, now, 'nonce');
  return replay ?? { ok: true, appId: request.appId };
}
