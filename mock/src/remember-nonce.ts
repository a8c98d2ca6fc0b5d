import type { AuthContext } from './auth-context.js';
import { type AuthRejection, rejectAuth } from './auth-result.js';
import { ERR_SYSTEM, INFO_BUSY } from './constants.js';

/**
 * Records an accepted request's nonce until `expiresAt`; a refusal when the pair was seen
 * within its window (a replay), or when the cache is full of nonces still inside their windows:
 * then the request is not checked for a replay, so it cannot pass, and the caller is told to
 * wait until the earliest window ends (503 with `Retry-After`, the gateway's "busy" wording).
 * `label` is the nonce's name where the caller sent it: `Nonce` in the header, `nonce` in a
 * token request's body.
 */
export function rememberNonce(
  ctx: AuthContext,
  appId: string,
  nonce: string,
  expiresAt: number,
  now: number,
  label: 'Nonce' | 'nonce',
): AuthRejection | undefined {
  const verdict = ctx.nonces.remember(appId, nonce, expiresAt, now);
  if (verdict === 'new') return undefined;
  if (verdict === 'full') {
    const seconds = Math.ceil(ctx.nonces.retryAfterMs(now) / 1000);
    return {
      ok: false,
      reason: 'nonce-cache-full',
      errCode: ERR_SYSTEM,
      errInfo: `${INFO_BUSY}: the mock remembers at most ${ctx.nonces.maxEntries} nonces for the replay check and all are inside their window; it forgets none early (that would let a replay pass), so retry in ${seconds} s`,
      status: 503,
      retryAfterSeconds: seconds,
    };
  }
  return rejectAuth(
    'nonce-reused',
    `${label} ${JSON.stringify(nonce)} was already used; send a fresh nonce with every request, retries included`,
  );
}
