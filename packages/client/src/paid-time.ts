import { formatTimestamp, parseTimestamp } from '@tianman/signer';

/**
 * Formats an instant as `detail.paidTime`: 14 digits `yyyyMMddHHmmss` in Beijing time (UTC+8),
 * whatever the host's time zone. It is the signer's `formatTimestamp` under the name this field
 * needs.
 *
 * @param date - When the user paid: a `Date` or epoch milliseconds.
 * @throws TypeError for an invalid date.
 */
export function formatPaidTime(date: Date | number): string {
  return formatTimestamp(date);
}

/**
 * The client's checks on a `paidTime` that passed the contract's pattern (the README says why):
 * an impossible value is rejected, the ambiguous date-only form only warned about.
 */
export function checkPaidTime(
  paidTime: string,
  now: number,
  report: (reject: boolean, rule: string, what: string) => void,
): void {
  const dateOnly = !paidTime[8];
  if (dateOnly) report(false, 'paidTime.dateOnly', 'is date-only (ambiguous): send yyyyMMddHHmmss');
  let at: number;
  try {
    // A date-only value is checked at its earliest reading, 00:00:00: it is in the future only
    // if every reading is.
    at = parseTimestamp(dateOnly ? `${paidTime}000000` : paidTime).getTime();
  } catch {
    report(true, 'paidTime.realDate', 'is not a real date');
    return;
  }
  // The platform's ordering rule: paid time <= the sync call + 60 s.
  if (at > now + 60_000) report(true, 'paidTime.notInFuture', 'is later than now + 60 s');
}
