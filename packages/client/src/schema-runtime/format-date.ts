const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
// Days of each month in a leap year; February is checked against the year below.
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `format: date`: an RFC 3339 `full-date`, `YYYY-MM-DD`, ASCII digits only, a day that exists
 * (February 29 in leap years of the Gregorian calendar only).
 */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= (month === 2 && !leap ? 28 : (DAYS[month - 1] as number))
  );
}
