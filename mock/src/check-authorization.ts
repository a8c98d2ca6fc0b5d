import { ACCESS_TOKEN_SCHEME, BODY_SIG_SCHEME } from '@tianman/signer';
import type { AuthContext } from './auth-context.js';
import { type AuthAcceptance, type AuthRejection, rejectAuth } from './auth-result.js';
import { AUTHORIZATION_SHAPE } from './authorization-shape.js';
import { checkAccessToken } from './check-access-token.js';
import { checkBodySignature } from './check-body-signature.js';

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
    return rejectAuth(
      'missing-authorization',
      `missing Authorization header; send ${AUTHORIZATION_SHAPE}`,
    );
  }
  // Stryker disable next-line StringLiteral: split with a limit of one always yields one element; the fallback only satisfies the type
  const scheme = header.trimStart().split(/\s/, 1)[0] ?? '';
  if (scheme.toUpperCase() === ACCESS_TOKEN_SCHEME) return checkAccessToken(header, ctx);
  if (scheme.toUpperCase() !== BODY_SIG_SCHEME) {
    return rejectAuth(
      'scheme',
      `unsupported Authorization scheme "${scheme.slice(0, 40)}"; send ${AUTHORIZATION_SHAPE}`,
    );
  }
  return checkBodySignature(header, body, ctx);
}
