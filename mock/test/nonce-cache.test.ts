import { describe, expect, it } from 'vitest';
import { NonceCache } from '../src/nonce-cache.js';

describe('NonceCache', () => {
  it('refuses a nonce seen before while it has not expired', () => {
    const cache = new NonceCache();
    expect(cache.remember('app', 'n1', 2000, 1000)).toBe(true);
    expect(cache.remember('app', 'n1', 2000, 1500)).toBe(false);
    expect(cache.remember('app', 'n1', 2000, 2000)).toBe(false);
  });

  it('keys by appId: two applications may pick the same nonce', () => {
    const cache = new NonceCache();
    expect(cache.remember('a', 'n', 2000, 1000)).toBe(true);
    expect(cache.remember('b', 'n', 2000, 1000)).toBe(true);
  });

  it('forgets a nonce once its timestamp could no longer pass, so it stays bounded', () => {
    const cache = new NonceCache();
    for (let i = 0; i < 100; i++) cache.remember('app', `n${i}`, 2000, 1000);
    expect(cache.size).toBe(100);
    expect(cache.remember('app', 'late', 10_000, 5000)).toBe(true);
    expect(cache.size).toBe(1);
    expect(cache.remember('app', 'n1', 10_000, 5000)).toBe(true);
  });
});
