import { PREFIX } from './errors.js';
import type { TianmanLogger } from './options.js';

/** Sends one event to the caller's logger, if any. Callers pass redacted details only. */
export type Log = (level: 'debug' | 'warn', message: string, details: object) => void;

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
