import { PREFIX } from './errors.js';

/**
 * Receives the client's events, redacted: the `Authorization` value is reduced to its scheme,
 * and no appKey, token or signature is ever passed. `console` fits, and is the default.
 */
export interface TianmanLogger {
  /** Nothing the client does today: every failure reaches the caller as a typed error. */
  error?(message: string, details: Record<string, unknown>): void;
  /**
   * Something an operator should know: retries (reason, delay), a token refused and refreshed, a
   * corrected clock, a token store in trouble (and bypassed), a date-only `paidTime`, an
   * `expiresIn` out of range, plain http. Each cause at most once a minute, with how many
   * were held back.
   */
  warn?(message: string, details: Record<string, unknown>): void;
  /** The client's work at a glance: each access token obtained. */
  info?(message: string, details: Record<string, unknown>): void;
  /** Each attempt (method, URL, redacted headers) and each answer (status, code). */
  debug?(message: string, details: Record<string, unknown>): void;
}

/** Which events reach the logger: none, or those of this level and the more severe ones. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** The levels, most severe first (after `off`), for option and environment checks. */
export const LOG_LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/**
 * Sends one event to the logger, if its level lets it through. An event with a `cause` (a
 * warning that may repeat call after call) is sent once per {@link ONCE_PER_MS} for that cause;
 * the next one sent says how many were held back meanwhile.
 */
export type Log = (
  level: Exclude<LogLevel, 'off'>,
  message: string,
  details: object,
  cause?: string,
) => void;

/** The window within which a repeated warning of one cause is logged once. */
const ONCE_PER_MS = 60_000;

/** The client's {@link Log} over `logger` at `level`, and whether debug events get through. */
export function createLog(
  logger: TianmanLogger | undefined,
  level: LogLevel,
): { log: Log; debug: boolean } {
  const rank = LOG_LEVELS.indexOf(level);
  // Per cause: when it was last sent, and how many were held back since.
  const sent = new Map<string, { at: number; held: number }>();
  const log: Log = (event, message, details, cause) => {
    if (!logger || LOG_LEVELS.indexOf(event) > rank) return;
    let text = message;
    let fields = details as Record<string, unknown>;
    if (cause !== undefined) {
      // Elapsed time, not the caller's clock: that one may be frozen or moved in tests.
      const now = performance.now();
      const last = sent.get(cause);
      if (last && now - last.at < ONCE_PER_MS) {
        last.held++;
        return;
      }
      if (last?.held) {
        text += ` (${last.held} more like it held back in the last minute)`;
        fields = { ...fields, heldBack: last.held };
      }
      sent.set(cause, { at: now, held: 0 });
    }
    try {
      // Stryker disable next-line OptionalChaining: inside the try: calling a missing method throws and is swallowed, as the optional chain skips it
      logger[event]?.(PREFIX + text, fields);
    } catch {
      // A broken logger must not break a payment call.
    }
  };
  return { log, debug: Boolean(logger?.debug) && rank >= LOG_LEVELS.indexOf('debug') };
}
