import { BEIJING_OFFSET_MS, ERROR_PREFIX, TIMESTAMP_LENGTH } from './constants.js';
import { quoteExcerpt } from './quote-excerpt.js';

const ZERO = 48;

/** The number in `digits` characters of `value` from `at`, or NaN if one is not an ASCII digit. */
function digitsAt(value: string, at: number, digits: number): number {
  let n = 0;
  for (let i = at; i < at + digits; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

interface TimestampFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The fields of a `yyyyMMddHHmmss` string naming a real date and time, or `undefined`. Read
 * character by character, without a regular expression or a `Date`: every `sign` with a given
 * timestamp passes through here, and this keeps it to tens of nanoseconds.
 */
function readTimestamp(value: string): TimestampFields | undefined {
  if (value.length !== TIMESTAMP_LENGTH) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 4, 2);
  const day = digitsAt(value, 6, 2);
  const hour = digitsAt(value, 8, 2);
  const minute = digitsAt(value, 10, 2);
  const second = digitsAt(value, 12, 2);
  // digitsAt gives a number >= 0 or NaN, and NaN fails every comparison: a non-digit anywhere
  // ends up as undefined too. So the year needs `>= 0` (its only check) and the time fields only
  // their upper bounds.
  const valid =
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  return valid ? { year, month, day, hour, minute, second } : undefined;
}

/** Epoch milliseconds of a `yyyyMMddHHmmss` Beijing-time string, or `undefined` if not one. */
export function timestampToEpochMs(value: string): number | undefined {
  const fields = readTimestamp(value);
  if (fields === undefined) return undefined;
  const { year, month, day, hour, minute, second } = fields;
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS;
  // Date.UTC maps the years 0–99 to 1900–1999; setUTCFullYear takes them as they are.
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() - BEIJING_OFFSET_MS;
}

function timestampError(value: unknown): TypeError {
  return new TypeError(
    `${ERROR_PREFIX}timestamp must be 14 digits yyyyMMddHHmmss naming a real date and time in Beijing time` +
      (typeof value === 'string' ? ` (got ${quoteExcerpt(value)})` : ` (got ${typeof value})`),
  );
}

/** Asserts a valid timestamp without computing the instant it names. */
export function assertTimestamp(value: unknown): asserts value is string {
  if (typeof value !== 'string' || readTimestamp(value) === undefined) throw timestampError(value);
}

/**
 * Reads a `yyyyMMddHHmmss` Beijing-time timestamp.
 *
 * @throws TypeError when `value` is not exactly 14 digits naming a real date and time.
 */
export function parseTimestamp(value: string): Date {
  const ms = typeof value === 'string' ? timestampToEpochMs(value) : undefined;
  if (ms === undefined) throw timestampError(value);
  return new Date(ms);
}
