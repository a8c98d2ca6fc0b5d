import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Log } from '../src/log.js';
import { createTokenCache } from '../src/token-cache.js';

/** The cache's limits, pinned: a store that failed is bypassed 30 s; a lock lives at least 1 s. */
const STORE_PAUSE_MS = 30_000;
const MIN_LOCK_MS = 1_000;

import type { StoredToken, TokenStore } from '../src/token-store.js';

const KEY = 'tianman:http%3A//127.0.0.1%3A1:app';
const NOW = 1_700_000_000_000;
const now = () => NOW;
const HOUR = 3_600_000;

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

// Waits and timeouts are measured on fake timers and a fake monotonic clock (`Date` too, for the
// memory store's lock expiry), moved by hand: what these tests see does not depend on how fast
// the machine runs them.
const fakeClocks = () =>
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });

/** A promise's state, readable without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T } = { settled: false };
  void promise.then((value) => Object.assign(state, { settled: true, value }));
  return state;
}

/** A platform stand-in: numbered tokens, an optional delay, and a count. */
function platform(delayMs = 0) {
  let issued = 0;
  const load = async (): Promise<StoredToken> => {
    issued++;
    const accessToken = `token-${issued}`;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    return { accessToken, expiresAt: NOW + HOUR };
  };
  return {
    load,
    get issued() {
      return issued;
    },
  };
}

/** A shared in-memory store with a real lock (expiring on the wall clock), counting calls. */
function memoryStore({ withLock = true } = {}) {
  const kept = new Map<string, StoredToken>();
  const locks = new Map<string, { owner: number; until: number }>();
  const calls: string[] = [];
  let owners = 0;
  const store: TokenStore = {
    async get(key) {
      calls.push('get');
      const t = kept.get(key);
      return t && { ...t };
    },
    async set(key, token) {
      calls.push('set');
      kept.set(key, { ...token });
    },
    async delete(key, accessToken) {
      calls.push(`delete${accessToken === undefined ? '' : ' if'}`);
      if (accessToken === undefined || kept.get(key)?.accessToken === accessToken) kept.delete(key);
    },
  };
  if (withLock) {
    store.lock = async (key, ttlMs) => {
      calls.push('lock');
      const held = locks.get(key);
      if (held && held.until > Date.now()) return undefined;
      const owner = ++owners;
      locks.set(key, { owner, until: Date.now() + ttlMs });
      return async () => {
        calls.push('unlock');
        if (locks.get(key)?.owner === owner) locks.delete(key);
      };
    };
  }
  return { store, kept, locks, calls };
}

/** A `Log` that records events. */
function recording() {
  const events: { level: string; message: string; details: object }[] = [];
  const log: Log = (level, message, details) => events.push({ level, message, details });
  return { log, events, warns: () => events.filter((e) => e.level === 'warn') };
}

const never = () => new Promise<never>(() => {});

describe('token cache without a store', () => {
  it('makes one token request for many concurrent callers, then serves from memory', async () => {
    const p = platform(20);
    const cache = createTokenCache(KEY, undefined, now, p.load);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await cache.get()).toBe('token-1');
    expect(p.issued).toBe(1);
  });

  it('drop forgets the refused token only', async () => {
    const p = platform();
    const cache = createTokenCache(KEY, undefined, now, p.load);
    await cache.get();
    await cache.drop('some-other-token');
    expect(await cache.get()).toBe('token-1');
    await cache.drop('token-1');
    expect(await cache.get()).toBe('token-2');
  });
});

describe('token cache over a shared store', () => {
  it('uses a live stored token without asking the platform', async () => {
    const p = platform();
    const m = memoryStore();
    m.kept.set(KEY, { accessToken: 'shared', expiresAt: NOW + HOUR });
    const cache = createTokenCache(KEY, m.store, now, p.load);
    expect(await cache.get()).toBe('shared');
    expect(p.issued).toBe(0);
    expect(m.calls).toEqual(['get']);
  });

  it('ignores an expired, refused, malformed or header-unsafe stored token', async () => {
    for (const bad of [
      { accessToken: 'old', expiresAt: NOW },
      { accessToken: 'tok\r\nX-Evil: 1', expiresAt: NOW + HOUR },
      { accessToken: '', expiresAt: NOW + HOUR },
      { accessToken: 'no-expiry' },
      { accessToken: 42, expiresAt: NOW + HOUR },
      'a string',
    ]) {
      const p = platform();
      const m = memoryStore();
      m.kept.set(KEY, bad as unknown as StoredToken);
      const cache = createTokenCache(KEY, m.store, now, p.load);
      expect(await cache.get()).toBe('token-1');
      expect(m.kept.get(KEY)).toEqual({ accessToken: 'token-1', expiresAt: NOW + HOUR });
    }
  });

  it('without lock: get, load, set', async () => {
    const p = platform();
    const m = memoryStore({ withLock: false });
    const cache = createTokenCache(KEY, m.store, now, p.load);
    expect(await cache.get()).toBe('token-1');
    expect(m.calls).toEqual(['get', 'set']);
  });

  it('with lock: get, lock, get again, load, set, unlock', async () => {
    const p = platform();
    const m = memoryStore();
    const cache = createTokenCache(KEY, m.store, now, p.load);
    expect(await cache.get()).toBe('token-1');
    expect(m.calls).toEqual(['get', 'lock', 'get', 'set', 'unlock']);
    expect(m.locks.size).toBe(0);
  });

  it('the store cannot change the token this process holds (set gets a copy)', async () => {
    const p = platform();
    const store: TokenStore = {
      get: async () => undefined,
      set: async (_key, token) => {
        token.accessToken = 'tampered';
      },
      delete: async () => {},
    };
    const cache = createTokenCache(KEY, store, now, p.load);
    expect(await cache.get()).toBe('token-1');
    expect(await cache.get()).toBe('token-1');
  });

  it('16 processes starting together make exactly one token request', async () => {
    const p = platform(30);
    const m = memoryStore();
    const processes = Array.from({ length: 16 }, () => createTokenCache(KEY, m.store, now, p.load));
    const tokens = await Promise.all(
      processes.flatMap((cache) => Array.from({ length: 10 }, () => cache.get())),
    );
    expect(p.issued).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
  });

  it('a lock holder that died: the waiters take the lock when it expires, one request', async () => {
    fakeClocks();
    const p = platform();
    const m = memoryStore();
    // A process took the lock and died before storing a token.
    await m.store.lock?.(KEY, MIN_LOCK_MS);
    const processes = Array.from({ length: 4 }, () => createTokenCache(KEY, m.store, now, p.load));
    const tokens = watch(Promise.all(processes.map((cache) => cache.get(undefined, 100))));
    // While the dead holder's lock lives, everyone waits.
    await vi.advanceTimersByTimeAsync(MIN_LOCK_MS - 1);
    expect(tokens.settled).toBe(false);
    expect(p.issued).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(p.issued).toBe(1);
    expect(new Set(tokens.value)).toEqual(new Set(['token-1']));
  });

  it('a store whose lock is never free: after the lock lifetime, requests its own token', async () => {
    const p = platform();
    const { log, warns } = recording();
    const store: TokenStore = {
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
      lock: async () => undefined,
    };
    fakeClocks();
    const cache = createTokenCache(KEY, store, now, p.load, log);
    const token = watch(cache.get(undefined, 100));
    await vi.advanceTimersByTimeAsync(MIN_LOCK_MS - 1);
    expect(token.settled).toBe(false);
    // The next poll past the lock's lifetime (the polls are 200 ms apart by then).
    await vi.advanceTimersByTimeAsync(200);
    expect(token.value).toBe('token-1');
    // Not store trouble: nothing to warn about.
    expect(warns()).toEqual([]);
  });

  it('the lock lifetime is the call timeout, at least MIN_LOCK_MS', async () => {
    const ttls: number[] = [];
    const store: TokenStore = {
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
      lock: async (_key, ttlMs) => {
        ttls.push(ttlMs);
        return async () => {};
      },
    };
    await createTokenCache(KEY, store, now, platform().load).get(undefined, 5000);
    await createTokenCache(KEY, store, now, platform().load).get(undefined, 10);
    expect(ttls).toEqual([5000, MIN_LOCK_MS]);
  });

  it('the lock is released when the token request fails', async () => {
    const m = memoryStore();
    const failing = async (): Promise<StoredToken> => {
      throw new Error('platform down');
    };
    await expect(createTokenCache(KEY, m.store, now, failing).get()).rejects.toThrow(
      'platform down',
    );
    expect(m.locks.size).toBe(0);
    expect(m.calls.at(-1)).toBe('unlock');
  });
});

describe('drop', () => {
  it('compare-and-deletes in the store: a token another process stored is kept', async () => {
    const p = platform();
    const m = memoryStore();
    const a = createTokenCache(KEY, m.store, now, p.load);
    const b = createTokenCache(KEY, m.store, now, p.load);
    expect(await a.get()).toBe('token-1');
    expect(await b.get()).toBe('token-1');
    // Both are refused with token-1; a drops and refreshes first, then b drops.
    await a.drop('token-1');
    expect(await a.get()).toBe('token-2');
    await b.drop('token-1');
    expect(m.kept.get(KEY)?.accessToken).toBe('token-2');
    expect(await b.get()).toBe('token-2');
    expect(p.issued).toBe(2);
    expect(m.calls.filter((c) => c.startsWith('delete'))).toEqual(['delete if', 'delete if']);
  });

  it('a failed delete is logged, never thrown, and the refused token is not used again', async () => {
    const p = platform();
    const m = memoryStore();
    const { log, warns } = recording();
    m.store.delete = async () => {
      throw new Error('READONLY');
    };
    const cache = createTokenCache(KEY, m.store, now, p.load, log);
    await cache.get();
    await expect(cache.drop('token-1')).resolves.toBeUndefined();
    expect(m.kept.get(KEY)?.accessToken).toBe('token-1');
    expect(warns()).toHaveLength(1);
    expect(warns()[0]?.message).toContain('token store delete failed (Error: READONLY)');
    // The store still holds token-1 and is bypassed for a while: a token of our own.
    expect(await cache.get()).toBe('token-2');
  });

  it('a refused token still in a store that works is not used again', async () => {
    const p = platform();
    const m = memoryStore();
    m.store.delete = async () => {}; // a store that ignores deletes
    const cache = createTokenCache(KEY, m.store, now, p.load);
    await cache.get();
    await cache.drop('token-1');
    expect(await cache.get()).toBe('token-2');
    expect(m.kept.get(KEY)?.accessToken).toBe('token-2');
  });

  it('a hanging delete is bounded by the timeout; an abort ends it quietly', async () => {
    const m = memoryStore();
    const { log, warns } = recording();
    m.store.delete = never;
    const cache = createTokenCache(KEY, m.store, now, platform().load, log);
    await cache.get();
    const controller = new AbortController();
    const aborted = cache.drop('token-1', controller.signal, 60_000);
    controller.abort();
    await expect(aborted).resolves.toBeUndefined();
    expect(warns()).toEqual([]);
    fakeClocks();
    const dropped = watch(cache.drop('token-1', undefined, 50));
    await vi.advanceTimersByTimeAsync(49);
    expect(dropped.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(dropped.settled).toBe(true);
    expect(warns().map((w) => w.details)).toEqual([
      { operation: 'delete', reason: 'timed out after 50 ms' },
    ]);
  });
});

describe('store trouble never fails a call', () => {
  const troubles: [string, (m: ReturnType<typeof memoryStore>) => void][] = [
    [
      'get rejects',
      (m) => {
        m.store.get = async () => {
          throw new Error('ECONNREFUSED');
        };
      },
    ],
    [
      'get throws synchronously',
      (m) => {
        m.store.get = () => {
          throw new TypeError('not a function');
        };
      },
    ],
    [
      'get hangs',
      (m) => {
        m.store.get = never;
      },
    ],
    [
      'lock hangs',
      (m) => {
        m.store.lock = never;
      },
    ],
    [
      'lock rejects with a non-Error',
      (m) => {
        m.store.lock = () => Promise.reject('nope');
      },
    ],
    [
      'set rejects',
      (m) => {
        m.store.set = async () => {
          throw new Error('OOM');
        };
      },
    ],
    [
      'set hangs',
      (m) => {
        m.store.set = never;
      },
    ],
    [
      'unlock rejects',
      (m) => {
        const lock = m.store.lock?.bind(m.store);
        m.store.lock = async (key, ttl) => {
          await lock?.(key, ttl);
          return async () => {
            throw new Error('connection lost');
          };
        };
      },
    ],
  ];

  it.each(troubles)('%s: 100 concurrent callers get a token, one warn', async (_name, break_) => {
    const p = platform();
    const m = memoryStore();
    break_(m);
    const { log, warns } = recording();
    fakeClocks();
    const cache = createTokenCache(KEY, m.store, now, p.load, log, 50);
    const tokens = watch(Promise.all(Array.from({ length: 100 }, () => cache.get())));
    // A store call that hangs is cut at the timeout (50 ms), never waited for longer.
    await vi.advanceTimersByTimeAsync(50);
    expect(tokens.settled).toBe(true);
    expect(new Set(tokens.value)).toEqual(new Set(['token-1']));
    expect(p.issued).toBe(1);
    expect(warns()).toHaveLength(1);
    expect(warns()[0]?.message).toMatch(
      /^token store \w+ failed \(.+\): this process uses its own token$/,
    );
  });

  it('a store in trouble is bypassed for STORE_PAUSE_MS, then tried again; one warn per episode', async () => {
    const p = platform();
    const m = memoryStore();
    const { log, warns, events } = recording();
    let down = true;
    const { get, set, delete: del } = m.store;
    m.store.get = async (key) => {
      if (down) throw new Error('ECONNREFUSED');
      return get(key);
    };
    m.store.set = async (key, token) => {
      if (down) throw new Error('ECONNREFUSED');
      return set(key, token);
    };
    m.store.delete = async (key, token) => {
      if (down) throw new Error('ECONNREFUSED');
      return del(key, token);
    };
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const cache = createTokenCache(KEY, m.store, now, p.load, log);
    expect(await cache.get()).toBe('token-1');
    const callsAfterFirst = m.calls.length;
    // Refused: within the pause, the store is not asked at all.
    await cache.drop('token-1');
    expect(await cache.get()).toBe('token-2');
    expect(m.calls.length).toBe(callsAfterFirst);
    // After the pause, still down: asked again, no second warn.
    clock += STORE_PAUSE_MS;
    await cache.drop('token-2');
    expect(await cache.get()).toBe('token-3');
    expect(warns()).toHaveLength(1);
    // Back up: used again. A later failure is a new episode: a new warn.
    clock += STORE_PAUSE_MS;
    down = false;
    await cache.drop('token-3');
    expect(await cache.get()).toBe('token-4');
    expect(m.kept.get(KEY)?.accessToken).toBe('token-4');
    expect(events.filter((e) => e.level === 'debug')).toEqual([]);
    down = true;
    await cache.drop('token-4');
    expect(await cache.get()).toBe('token-5');
    expect(warns()).toHaveLength(2);
  });

  it("the caller's signal ends its wait on a hanging store at once; the refresh goes on", async () => {
    const p = platform();
    const m = memoryStore();
    m.store.get = never;
    const cache = createTokenCache(KEY, m.store, now, p.load, () => {}, 200);
    const controller = new AbortController();
    const first = cache.get(controller.signal);
    const second = cache.get();
    controller.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(second).resolves.toBe('token-1');
  });

  it('never logs the token, even when the store puts it into its error', async () => {
    const p = platform();
    const m = memoryStore();
    m.store.set = async (_key, token) => {
      throw new Error(`cannot store ${JSON.stringify(token)}`);
    };
    const { log, events } = recording();
    const cache = createTokenCache(KEY, m.store, now, p.load, log);
    expect(await cache.get()).toBe('token-1');
    expect(JSON.stringify(events)).not.toContain('token-1');
    expect(events[0]?.message).toContain('[REDACTED]');
  });

  it('a very long error message is cut in the log', async () => {
    const m = memoryStore();
    m.store.get = async () => {
      throw new Error('x'.repeat(10_000));
    };
    const { log, warns } = recording();
    await createTokenCache(KEY, m.store, now, platform().load, log).get();
    expect(warns()[0]?.message.length).toBeLessThan(400);
  });
});
