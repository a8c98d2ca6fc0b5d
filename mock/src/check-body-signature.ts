import { parseAuthorization, parseTimestamp, verify } from '@tianman/signer';
import type { AuthContext } from './auth-context.js';
import { type AuthAcceptance, type AuthRejection, rejectAuth } from './auth-result.js';
import { AUTHORIZATION_SHAPE } from './authorization-shape.js';
import { ENV_APP_ID, INFO_TIMESTAMP_UNPARSABLE } from './constants.js';
import { describeSkew } from './describe-skew.js';
import { rememberNonce } from './remember-nonce.js';

/**
 * Checks an OPEN-BODY-SIG header against the exact bytes received, with the signer's `verify`,
 * then remembers its nonce. Each refusal names what the developer sent (never the signature) and
 * what to fix.
 */
export async function checkBodySignature(
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
    // before, case-insensitively as verify does.)
    switch (result.reason) {
      case 'app-id':
        return rejectAuth(
          'app-id',
          `unknown AppId ${JSON.stringify(parseAuthorization(header).appId)}; this mock serves AppId "${credentials.appId}" (set ${ENV_APP_ID} to change it)`,
        );
      case 'timestamp-format':
        return rejectAuth(
          'timestamp-format',
          `Timestamp ${JSON.stringify(parseAuthorization(header).timestamp)} is not yyyyMMddHHmmss (14 digits, Beijing time UTC+8)`,
          INFO_TIMESTAMP_UNPARSABLE,
        );
      case 'timestamp-skew':
        return rejectAuth(
          'timestamp-skew',
          describeSkew(parseAuthorization(header).timestamp, now, toleranceSeconds),
        );
      case 'signature':
        return rejectAuth(
          'signature',
          `signature mismatch for AppId "${parseAuthorization(header).appId}": expected Base64 HMAC-SHA256(appKey, appId + timestamp + nonce + lower-hex SHA-256 of the exact body bytes sent); check the appKey and that the body was not re-serialized after signing`,
        );
      default:
        return rejectAuth(result.reason, `${result.message}; expected ${AUTHORIZATION_SHAPE}`);
    }
  }
  // `verify` reads the clock in whole seconds: the timestamp still passes until the end of the
  // second `timestamp + tolerance`, so the nonce is kept until then too.
  const expiresAt = parseTimestamp(result.timestamp).getTime() + toleranceSeconds * 1000 + 999;
  const replay = rememberNonce(ctx, result.appId, result.nonce, expiresAt, now, 'Nonce');
  return replay ?? { ok: true, appId: result.appId };
}
