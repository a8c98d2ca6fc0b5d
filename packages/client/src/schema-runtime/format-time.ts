const TIME = /^(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:z|([+-])(\d\d):(\d\d))$/i;

/**
 * `format: time`: an RFC 3339 `full-time`, `hh:mm:ss[.fraction]` and a time zone (`Z` or
 * `±hh:mm`). A leap second (`:60`) is valid only at 23:59 UTC.
 */
export function isTime(s: string): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3]);
  const sign = m[4] === '-' ? -1 : 1;
  const offsetHour = Number(m[5] ?? 0);
  const offsetMinute = Number(m[6] ?? 0);
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return false;
  if (second < 60) return true;
  // The same instant in UTC must be 23:59 (of some day).
  const utc = hour * 60 + minute - sign * (offsetHour * 60 + offsetMinute);
  return ((utc % 1440) + 1440) % 1440 === 23 * 60 + 59;
}
