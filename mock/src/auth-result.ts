import { ERR_AUTH, INFO_AUTH_FAILED } from './constants.js';

/** Why the gate refused a request's authentication; also sent as the `x-mock-reason` header. */
export type AuthReason =
  | 'missing-authorization'
  | 'authorization-too-large'
  | 'scheme'
  | 'malformed'
  | 'app-id'
  | 'timestamp-format'
  | 'timestamp-skew'
  | 'signature'
  | 'nonce-reused'
  | 'nonce-cache-full'
  | 'token-unknown'
  | 'token-expired'
  | 'token-revoked';

/**
 * The gateway's answer to a failed authentication: HTTP 412, `errCode` 1000, unless `status`
 * says otherwise (a check that cannot be made now rather than one that failed).
 */
export interface AuthRejection {
  ok: false;
  reason: AuthReason;
  errCode: string;
  errInfo: string;
  /** HTTP status, when not 412. */
  status?: number;
  /** Seconds for a `Retry-After` header, when waiting is the fix. */
  retryAfterSeconds?: number;
}

/** An authenticated request. */
export interface AuthAcceptance {
  ok: true;
  appId: string;
}

/**
 * A refusal whose `errInfo` starts with the gateway's own wording (`认证失败`, or another
 * `prefix`), so clients that match on it still do, followed by what to fix.
 */
export function rejectAuth(
  reason: AuthReason,
  detail: string,
  prefix = INFO_AUTH_FAILED,
): AuthRejection {
  return { ok: false, reason, errCode: ERR_AUTH, errInfo: `${prefix}: ${detail}` };
}
