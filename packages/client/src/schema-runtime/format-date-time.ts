import { isDate } from './format-date.js';
import { isTime } from './format-time.js';

/**
 * `format: date-time`: an RFC 3339 `date-time`, a date and a time with its zone joined by `T`
 * (or `t`): `2026-11-25T14:30:00+08:00`.
 */
export function isDateTime(s: string): boolean {
  const t = s.charAt(10);
  return (t === 'T' || t === 't') && isDate(s.slice(0, 10)) && isTime(s.slice(11));
}
