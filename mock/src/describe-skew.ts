import { formatTimestamp, parseTimestamp } from '@tianman/signer';

/**
 * Why a timestamp is outside the window, in words: how far ahead or behind the gateway clock,
 * the clock itself, the tolerance, and the likely cause. An offset of about ±8 h is the classic
 * bug (the host's UTC or local time was formatted), so it is named.
 */
export function describeSkew(timestamp: string, now: number, toleranceSeconds: number): string {
  let offset = Number.NaN;
  try {
    offset = Math.round((parseTimestamp(timestamp).getTime() - now) / 1000);
  } catch {
    // Unreachable after the format check; the message below still reads.
  }
  // Stryker disable next-line EqualityOperator: only called past the tolerance (at least 1 s: startMock refuses 0), so the rounded offset is never 0
  const direction = offset < 0 ? 'behind' : 'ahead of';
  const hours = Math.abs(offset) / 3600;
  const hint =
    Math.abs(hours - 8) < 0.25
      ? '; an 8-hour offset means the timestamp was formatted in UTC or host-local time instead of Beijing time (UTC+8)'
      : '; check the clock of the sending machine';
  return `Timestamp ${JSON.stringify(timestamp)} is ${Math.abs(offset)} s ${direction} the gateway clock (${formatTimestamp(now)} Beijing time); allowed ±${toleranceSeconds} s${hint}`;
}
