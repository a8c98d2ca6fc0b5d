import { PREFIX } from './errors.js';

/**
 * Receives redacted events only: the `Authorization` value is reduced to its scheme, and no
 * appKey, token or signature is ever passed. `console` fits.
 */
export interface TianmanLogger {
  /** Each attempt (method, URL, redacted headers) and each response (status, code). */
  debug?(message: string, details: Record<string, unknown>): void;
  /** Retries (reason, delay), token refreshes, a corrected clock, and a date-only `paidTime`. */
  warn?(message: string, details: Record<string, unknown>): void;
}

/** Which events reach the logger: none, warnings only, or every event. */
export type LogLevel = 'off' | 'warn' | 'debug';

/** The levels {@link LogLevel} allows, for option and environment checks. */
export const LOG_LEVELS: readonly LogLevel[] = ['off', 'warn', 'debug'];

/** Sends one event to the caller's logger, if any. Callers pass redacted details only. */
export type Log = (level: 'debug' | 'warn', message: string, details: object) => void;

/**
 * The logger a level lets through: `undefined` for `off`, only `warn` for `warn`, else the logger
 * itself (its methods bound, so `console` works).
 */
export function loggerAt(
  logger: TianmanLogger | undefined,
  level: LogLevel,
): TianmanLogger | undefined {
  if (!logger || level === 'off') return undefined;
  return level === 'warn' ? { warn: logger.warn?.bind(logger) } : logger;
}

/** The client's {@link Log} over the caller's logger. */
export function createLog(logger: TianmanLogger | undefined): Log {
  return (level, message, details) => {
    try {
      logger?.[level]?.(PREFIX + message, details as Record<string, unknown>);
    } catch {
      // A broken logger must not break a payment call.
    }
  };
}
