import { BEIJING_OFFSET_MS } from './constants.js';
import type { Instant } from './types.js';
import { inputError, toEpochMs } from './validate.js';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats an instant as `yyyyMMddHHmmss` in Beijing time (UTC+8), the only form the platform
 * accepts. Shifting the epoch and reading UTC fields keeps the host's time zone out of it: a
 * server in UTC that formats local time is eight hours off and gets "认证失败".
 *
 * @param date - The instant; defaults to now.
 * @throws TypeError for an invalid date or a year outside 0000–9999.
 */
export function formatTimestamp(date: Instant = new Date()): string {
  return formatTimestampOf('date', date);
}

// Every request in the same second carries the same timestamp, and a busy signer makes many per
// second: remembering the last one keeps the Date and string work off the hot path.
let lastSecond = Number.NaN;
let lastText = '';

/** {@link formatTimestamp}, with errors naming the caller's option (`now`) rather than `date`. */
export function formatTimestampOf(field: string, date: Instant): string {
  const ms = toEpochMs(field, date);
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastText;
  const beijing = new Date(ms + BEIJING_OFFSET_MS);
  const year = beijing.getUTCFullYear();
  // Also catches an instant past the range of Date, whose fields read NaN.
  if (!(year >= 0 && year <= 9999)) throw inputError(field, 'must fall in the years 0000 to 9999');
  const text =
    pad(year, 4) +
    pad(beijing.getUTCMonth() + 1, 2) +
    pad(beijing.getUTCDate(), 2) +
    pad(beijing.getUTCHours(), 2) +
    pad(beijing.getUTCMinutes(), 2) +
    pad(beijing.getUTCSeconds(), 2);
  lastSecond = second;
  lastText = text;
  return text;
}
