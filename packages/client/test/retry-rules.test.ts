import { describe, expect, it } from 'vitest';
import { retryAfterMs, retryReason } from '../src/retry.js';
import { NOW } from './helpers.js';

describe('retryReason at the edges', () => {
  it('retries from 500 up, not 499', () => {
    expect(retryReason(499, undefined)).toBeUndefined();
    expect(retryReason(500, undefined)).toBe('HTTP 500');
  });

  it('retries 9200 only on a 412, and a 412 only with 9200', () => {
    expect(retryReason(400, '9200')).toBeUndefined();
    expect(retryReason(412, '9999')).toBeUndefined();
    expect(retryReason(412, undefined)).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds only when the whole value is digits (with spaces around)', () => {
    expect(retryAfterMs(' 7 ', NOW)).toBe(7000);
  });

  it('reads a date that begins and ends with digits as a date, not as seconds', () => {
    // NOW is 2026-11-25T06:32:00Z.
    expect(retryAfterMs('2026-11-25T06:32:05+00:00', NOW)).toBe(5000);
  });

  it('is undefined when absent', () => {
    expect(retryAfterMs('', NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });
});
