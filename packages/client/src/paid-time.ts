import { formatTimestamp } from '@tianman/signer';

/**
 * Formats an instant as `detail.paidTime`: 14 digits `yyyyMMddHHmmss` in Beijing time (UTC+8),
 * whatever the host's time zone. It is the signer's `formatTimestamp` under the name this field
 * needs.
 *
 * @param date - When the user paid: a `Date` or epoch milliseconds.
 * @throws TypeError for an invalid date.
 */
export const formatPaidTime: (date: Date | number) => string = formatTimestamp;

/**
 * The client's checks on a `paidTime` that passed the contract's pattern (the README says why):
 * an impossible value is rejected, the ambiguous date-only form only warned about.
 */
export function checkPaidTime(
  paidTime: string,
  now: number,
  report: (reject: boolean, rule: string, what: string) => void,
): void {
  if (!paidTime[8]) {
    report(false, 'paidTime.dateOnly', 'is date-only (ambiguous): send yyyyMMddHHmmss');
  }
  // The pattern has checked the digits and the ranges: only the day can be past the month's end.
  // 400 years later the calendar is the same, and Date.UTC has no two-digit-year quirk there.
  const day = +paidTime.slice(6, 8);
  if (
    new Date(Date.UTC(+paidTime.slice(0, 4) + 400, +paidTime.slice(4, 6) - 1, day)).getUTCDate() !==
    day
  ) {
    report(true, 'paidTime.realDate', 'is not a real date');
  } else if (paidTime.padEnd(14, '0') > formatTimestamp(now + 60_000)) {
    // The platform's ordering rule: paid time <= the sync call + 60 s. Digit strings of one
    // length compare as the instants they name; a date-only value at its earliest, 00:00:00.
    report(true, 'paidTime.notInFuture', 'is later than now + 60 s');
  }
}
