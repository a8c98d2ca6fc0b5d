import type { AuthContext } from './auth-context.js';
import { type AuthRejection, rejectAuth } from './auth-result.js';

/**
 * Records an accepted request's nonce until `expiresAt`; a refusal when the pair was seen
 * within its window (a replay). `label` is the nonce's name where the caller sent it: `Nonce`
 * in the header, `nonce` in a token request's body.
 */
export function rememberNonce(
  ctx: AuthContext,
  appId: string,
  nonce: string,
  expiresAt: number,
  now: number,
  label: 'Nonce' | 'nonce',
): AuthRejection | undefined {
  if (ctx.nonces.remember(appId, nonce, expiresAt, now)) return undefined;
  return rejectAuth(
    'nonce-reused',
    `${label} ${JSON.stringify(nonce)} was already used; send a fresh nonce with every request, retries included`,
  );
}
