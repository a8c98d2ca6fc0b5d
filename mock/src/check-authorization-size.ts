import { type AuthRejection, rejectAuth } from './auth-result.js';
import { MAX_AUTHORIZATION_LENGTH } from './constants.js';

/**
 * Refuses an `Authorization` longer than {@link MAX_AUTHORIZATION_LENGTH}, looking only at its
 * length: the first check of every request, on every path, before anything parses the header
 * or forwards it to Prism. Answered like the gateway's other refusals of a bad header (412,
 * `errCode` 1000), because the header is what the caller must fix, and a client already treats
 * that answer as final rather than retrying it.
 */
export function checkAuthorizationSize(header: string | undefined): AuthRejection | undefined {
  if (header === undefined || header.length <= MAX_AUTHORIZATION_LENGTH) return undefined;
  return rejectAuth(
    'authorization-too-large',
    `Authorization header is ${header.length} characters; the gateway reads at most ${MAX_AUTHORIZATION_LENGTH} (a real one is about 200)`,
  );
}
