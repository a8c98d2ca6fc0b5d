import { BEIJING_OFFSET_MS, ERROR_PREFIX } from './constants.js';
import { quoteExcerpt } from './quote-excerpt.js';

const SHAPE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Epoch milliseconds of a `yyyyMMddHHmmss` Beijing-time string, or `undefined` if not one. */
export function timestampToEpochMs(value: string): number | undefined {
  const match = SHAPE.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  // setUTCFullYear, unlike Date.UTC, does not map the years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // A day past the end of the month rolls over into the next one: that is how 0230 shows.
  if (date.getUTCMonth() !== month - 1) return undefined;
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() - BEIJING_OFFSET_MS;
}

/**
 * Reads a `yyyyMMddHHmmss` Beijing-time timestamp.
 *
 * @throws TypeError when `value` is not exactly 14 digits naming a real date and time.
 */
export function parseTimestamp(value: string): Date {
  const ms = typeof value === 'string' ? timestampToEpochMs(value) : undefined;
  if (ms === undefined) {
    throw new TypeError(
      `${ERROR_PREFIX}timestamp must be 14 digits yyyyMMddHHmmss naming a real date and time in Beijing time` +
        (typeof value === 'string' ? ` (got ${quoteExcerpt(value)})` : ` (got ${typeof value})`),
    );
  }
  return new Date(ms);
}
