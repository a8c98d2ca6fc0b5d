import { describe, expect, it } from 'vitest';
import { NonceCache } from '../src/nonce-cache.js';

describe('NonceCache', () => {
  it('refuses a nonce seen before while it has not expired', () => {
    const cache = new NonceCache();
    expect(cache.remember('app', 'n1', 2000, 1000)).toBe('new');
    expect(cache.remember('app', 'n1', 2000, 1500)).toBe('replay');
    expect(cache.remember('app', 'n1', 2000, 2000)).toBe('replay');
  });

  it('keys by appId: two applications may pick the same nonce', () => {
    const cache = new NonceCache();
    expect(cache.remember('a', 'n', 2000, 1000)).toBe('new');
    expect(cache.remember('b', 'n', 2000, 1000)).toBe('new');
    // The pair is the key, not the concatenation: ("ab", "c") is not ("a", "bc").
    expect(cache.remember('ab', 'c', 2000, 1000)).toBe('new');
    expect(cache.remember('a', 'bc', 2000, 1000)).toBe('new');
  });

  it('forgets a nonce once its timestamp could no longer pass, so it stays bounded', () => {
    const cache = new NonceCache();
    for (let i = 0; i < 100; i++) cache.remember('app', `n${i}`, 2000, 1000);
    expect(cache.size).toBe(100);
    expect(cache.remember('app', 'late', 10_000, 5000)).toBe('new');
    expect(cache.size).toBe(1);
    expect(cache.remember('app', 'n1', 10_000, 5000)).toBe('new');
  });
});

describe('NonceCache at its size limit', () => {
  it('holds at most maxEntries nonces and refuses a new one while all are inside their window', () => {
    const cache = new NonceCache(3);
    for (const nonce of ['n1', 'n2', 'n3'])
      expect(cache.remember('app', nonce, 9000, 1000)).toBe('new');
    expect(cache.remember('app', 'n4', 9000, 1000)).toBe('full');
    expect(cache.size).toBe(3);
  });

  it('never forgets a nonce early to make room: a replay is still a replay when full', () => {
    const cache = new NonceCache(3);
    for (const nonce of ['n1', 'n2', 'n3']) cache.remember('app', nonce, 9000, 1000);
    for (let i = 0; i < 10; i++) expect(cache.remember('app', `new${i}`, 9000, 1500)).toBe('full');
    for (const nonce of ['n1', 'n2', 'n3'])
      expect(cache.remember('app', nonce, 9000, 8999)).toBe('replay');
  });

  it('takes new nonces again as soon as the oldest window ends, and says when that is', () => {
    const cache = new NonceCache(2);
    cache.remember('app', 'early', 5000, 1000);
    cache.remember('app', 'late', 9000, 1000);
    expect(cache.remember('app', 'x', 9000, 1200)).toBe('full');
    expect(cache.retryAfterMs(1200)).toBe(3801);
    // One millisecond past the earlier window: its entry goes, within the same second.
    expect(cache.remember('app', 'x', 9000, 5001)).toBe('new');
    expect(cache.remember('app', 'early', 9000, 5001)).toBe('full');
    expect(cache.remember('app', 'late', 9000, 5001)).toBe('replay');
  });

  it('a nonce remembered after the last sweep with an earlier window is counted too', () => {
    const cache = new NonceCache(2);
    cache.remember('app', 'a', 9000, 1000);
    // Signed long ago: its window ends first, though it arrived second.
    cache.remember('app', 'b', 3000, 1100);
    expect(cache.remember('app', 'c', 9000, 1200)).toBe('full');
    expect(cache.retryAfterMs(1200)).toBe(1801);
    expect(cache.remember('app', 'c', 9000, 3001)).toBe('new');
  });

  it('keys are a fixed-size digest, whatever the nonce: the memory per entry is bounded', () => {
    const cache = new NonceCache();
    const header = `OPEN-BODY-SIG Nonce="${'n'.repeat(128)}"${' '.repeat(4000)}`;
    const nonce = header.slice(21, 149);
    cache.remember('app', nonce, 9000, 1000);
    expect([...cache.keys()].map((key) => key.length)).toEqual([44]);
  });
});

describe('NonceCache, full, between its once-a-second sweeps', () => {
  it('frees an ended window at once rather than at the next sweep', () => {
    const cache = new NonceCache(2);
    // The first call sweeps (at 1000) and schedules the next sweep for 2000.
    cache.remember('app', 'soon', 1500, 1000);
    cache.remember('app', 'later', 9000, 1000);
    expect(cache.remember('app', 'x', 9000, 1400)).toBe('full');
    // 1600 is before the next sweep, but past the end of 'soon': it goes, 'x' comes in.
    expect(cache.remember('app', 'x', 9000, 1600)).toBe('new');
  });

  it('knows the earliest window after a sweep, whatever the order of the entries', () => {
    const cache = new NonceCache(3);
    cache.remember('app', 'a', 9000, 1000);
    cache.remember('app', 'b', 5000, 1000);
    // A sweep at 2500 recomputes the earliest end among what stays: 5000.
    cache.remember('app', 'c', 9000, 2500);
    expect(cache.remember('app', 'd', 9000, 2600)).toBe('full');
    expect(cache.retryAfterMs(2600)).toBe(2401);
  });
});
