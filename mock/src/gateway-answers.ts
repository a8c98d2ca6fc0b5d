import type { AuthReason, AuthRejection } from './auth-result.js';
import type { DriftEntry } from './drift-entry.js';

/** Why the gate itself answered instead of Prism; sent as the `x-mock-reason` header. */
export type GateReason =
  | AuthReason
  | 'content-type'
  | 'encoding'
  | 'malformed-json'
  | 'duplicate-key'
  | 'body-too-large'
  | 'prefer'
  | 'client-closed'
  | 'internal'
  // Proxy mode: the mock answers itself when the upstream gives no answer to relay.
  | 'upstream-unreachable'
  | 'upstream-timeout'
  | 'upstream-too-large';

/** What the gate sends back for one request, whoever decided it (the gate or Prism). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** Set when the gate answered itself. */
  reason?: GateReason;
  /** For the log when the body cannot carry it (nothing is sent for a client that left). */
  info?: string;
  /** Proxy mode: where the upstream's answer disagrees with the spec. */
  drift?: readonly DriftEntry[];
}

/** A JSON answer, UTF-8. */
export function jsonAnswer(status: number, value: unknown, reason?: GateReason): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    // Buffer.from encodes a string as UTF-8.
    body: Buffer.from(JSON.stringify(value)),
    ...(reason ? { reason } : {}),
  };
}

/** An answer in the gateway's own dialect, `{ errCode, errInfo }`. */
export function gatewayError(
  status: number,
  errCode: string,
  errInfo: string,
  reason: GateReason,
): Answer {
  return jsonAnswer(status, { errCode, errInfo }, reason);
}

/** The answer to a refused authentication: 412 unless the refusal says otherwise. */
export function authRefusal(rejection: AuthRejection): Answer {
  const answer = gatewayError(
    rejection.status ?? 412,
    rejection.errCode,
    rejection.errInfo,
    rejection.reason,
  );
  if (rejection.retryAfterSeconds !== undefined) {
    answer.headers['retry-after'] = String(rejection.retryAfterSeconds);
  }
  return answer;
}
