import type { IncomingMessage } from 'node:http';
import type { DriftEntry } from './drift-entry.js';
import type { Answer, GateReason } from './gateway-answers.js';

/** One line of the mock's request log (what `tianman-mock` prints). */
export interface MockRequestLog {
  /** HTTP method. */
  method: string;
  /** Path and query as received. */
  path: string;
  /**
   * Status answered; `CLIENT_CLOSED` (499) when the client hung up before sending the
   * whole body, so nothing was answered.
   */
  status: number;
  /** `errCode` or `respCode` of the answer, when it has one. */
  code?: string;
  /** Set when the gate refused the request itself. */
  reason?: GateReason;
  /** `errInfo` of a refusal: what the caller should fix. */
  info?: string;
  /** Time from the request's arrival to the answer, in milliseconds. */
  durationMs: number;
  /**
   * Proxy mode: where the upstream's answer disagrees with the spec, as written to the drift
   * report. Absent when it agrees.
   */
  drift?: readonly DriftEntry[];
}

/**
 * nginx's "client closed request": the log's status for a request whose client hung up before
 * sending the whole body. Nothing is answered; it is not the mock failing.
 */
export const CLIENT_CLOSED = 499;

/** The log entry of one answered request: the codes its body carries, and the gate's reason. */
export function requestLogEntry(
  req: IncomingMessage,
  result: Answer,
  durationMs: number,
): MockRequestLog {
  const entry: MockRequestLog = {
    // Stryker disable next-line StringLiteral: a request a server received always has a method
    method: req.method ?? 'GET',
    // Stryker disable next-line StringLiteral: a request a server received always has a url
    path: req.url ?? '/',
    status: result.status,
    durationMs: Math.round(durationMs * 10) / 10,
  };
  try {
    const parsed = JSON.parse(result.body.toString('utf8')) as Record<string, unknown>;
    const code = parsed.errCode ?? parsed.respCode;
    if (typeof code === 'string') entry.code = code;
    if (result.reason) {
      // Stryker disable next-line ConditionalExpression: every answer with a reason is the gate's own, whose errInfo is a string
      if (typeof parsed.errInfo === 'string') entry.info = parsed.errInfo;
    }
  } catch {
    // Prism's problem+json and empty bodies have no code; the status says enough.
  }
  if (result.info !== undefined) entry.info = result.info;
  if (result.reason) entry.reason = result.reason;
  if (result.drift !== undefined && result.drift.length > 0) entry.drift = result.drift;
  return entry;
}
