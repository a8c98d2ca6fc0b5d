import { describe, expect, it } from 'vitest';
import { TokenStore } from '../src/token-store.js';

describe('TokenStore', () => {
  it('issues random 32-hex tokens that live for the TTL', () => {
    const store = new TokenStore(60, 10);
    const { accessToken, expiresIn } = store.issue('app', 0);
    expect(accessToken).toMatch(/^[0-9a-f]{32}$/);
    expect(expiresIn).toBe(60);
    expect(store.check(accessToken, 59_999)).toEqual({ ok: true, appId: 'app' });
    expect(store.check(accessToken, 60_000)).toEqual({
      ok: false,
      problem: 'expired',
      expiredAt: 60_000,
    });
    expect(store.issue('app', 0).accessToken).not.toBe(accessToken);
  });

  it('tells unknown, expired and revoked apart', () => {
    const store = new TokenStore(60, 1);
    const first = store.issue('app', 0).accessToken;
    store.issue('app', 1);
    expect(store.check(first, 2)).toMatchObject({ ok: false, problem: 'revoked' });
    expect(store.check('nope', 2)).toMatchObject({ ok: false, problem: 'unknown' });
  });

  it('caps live tokens per appId, not across apps', () => {
    const store = new TokenStore(60, 2);
    const a1 = store.issue('a', 0).accessToken;
    const b1 = store.issue('b', 0).accessToken;
    store.issue('a', 1);
    expect(store.check(a1, 2).ok).toBe(true);
    store.issue('a', 2);
    expect(store.check(a1, 3).ok).toBe(false);
    expect(store.check(b1, 3).ok).toBe(true);
  });

  it('drops tokens a lifetime after they expired', () => {
    const store = new TokenStore(1, 10);
    store.issue('app', 0);
    store.issue('app', 2001);
    expect(store.size).toBe(1);
  });

  it('remembers at most 1000 revoked tokens, oldest forgotten first: a client fetching a token per call cannot grow it', () => {
    const store = new TokenStore(3600, 1);
    const issued = Array.from({ length: 1002 }, (_, i) => store.issue('app', i).accessToken);
    // 1001 revoked; the first one is forgotten (now merely unknown), the second still revoked.
    expect(store.check(issued[0] as string, 2000)).toMatchObject({ problem: 'unknown' });
    expect(store.check(issued[1] as string, 2000)).toMatchObject({ problem: 'revoked' });
    expect(store.check(issued[1000] as string, 2000)).toMatchObject({ problem: 'revoked' });
    expect(store.check(issued[1001] as string, 2000)).toMatchObject({ ok: true });
  });
});
