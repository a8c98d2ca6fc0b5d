import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../src/errors.js';
import type { Log } from '../src/log.js';
import { createTokenCache } from '../src/token-cache.js';

/** How long a store that failed is bypassed (the cache's STORE_PAUSE_MS). */
const STORE_PAUSE_MS = 30_000;

import type { StoredToken, TokenStore } from '../src/token-store.js';

const KEY = 'tianman:http%3A//127.0.0.1%3A1:app';
const NOW = 1_700_000_000_000;
const now = () => NOW;
const HOUR = 3_600_000;

afterEach(() => {
  vi.useRealTimers();
});

/** Numbered tokens living `lifetime` from `clock()`. */
function platform(lifetime = HOUR, clock = now) {
  let issued = 0;
  const load = async (): Promise<StoredToken> => ({
    accessToken: `token-${++issued}`,
    expiresAt: clock() + lifetime,
  });
  return {
    load,
    get issued() {
      return issued;
    },
  };
}

function recording() {
  const events: { level: string; message: string; details: object }[] = [];
  const log: Log = (level, message, details) => events.push({ level, message, details });
  return { log, events };
}

/** A store scripted per operation; every call is recorded with the time it was made. */
function scripted(script: Partial<Record<keyof TokenStore, (...args: unknown[]) => unknown>>) {
  const calls: string[] = [];
  const at: Array<[string, number]> = [];
  const record = (name: string) => {
    calls.push(name);
    at.push([name, performance.now()]);
  };
  const store: TokenStore = {
    get: async (...args) => {
      record('get');
      return script.get?.(...args) as StoredToken | undefined;
    },
    set: async (...args) => {
      record('set');
      await script.set?.(...args);
    },
    delete: async (...args) => {
      record('delete');
      await script.delete?.(...args);
    },
  };
  if (script.lock) {
    const lock = script.lock;
    store.lock = async (...args) => {
      record('lock');
      return lock(...args) as (() => Promise<void>) | undefined;
    };
  }
  return { store, calls, at };
}

const fail = (message: string, code?: string) => () => {
  throw Object.assign(new Error(message), code ? { code } : {});
};

describe('token cache: a store that failed is bypassed for STORE_PAUSE_MS', () => {
  it('the next refresh within the pause goes straight to the platform; after it, to the store', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    let calls = 0;
    const { store, calls: seen } = scripted({
      get: () => {
        if (calls++ === 0) throw new Error('down');
        return undefined;
      },
    });
    // Each token has expired by the next `get`: every `get` is a refresh.
    let t = NOW;
    const clock = () => t;
    const p = platform(HOUR, clock);
    const cache = createTokenCache(KEY, store, clock, p.load);
    expect(await cache.get()).toBe('token-1');
    expect(seen).toEqual(['get']);
    vi.advanceTimersByTime(STORE_PAUSE_MS - 1);
    t += HOUR;
    expect(await cache.get()).toBe('token-2');
    expect(seen).toEqual(['get']);
    // A store paused is not asked to delete either.
    await cache.drop('token-2');
    expect(seen).toEqual(['get']);
    vi.advanceTimersByTime(1);
    t += HOUR;
    expect(await cache.get()).toBe('token-3');
    expect(seen).toEqual(['get', 'get', 'set']);
  });
});

describe('token cache: the warn for a failed store call', () => {
  it('names the error, its code and its message', async () => {
    const { store } = scripted({ get: fail('connect refused', 'ECONNREFUSED') });
    const { log, events } = recording();
    await createTokenCache(KEY, store, now, platform().load, log).get();
    expect(events).toEqual([
      {
        level: 'warn',
        message:
          'token store get failed (Error ECONNREFUSED: connect refused): this process uses its own token',
        details: { operation: 'get', reason: 'Error ECONNREFUSED: connect refused' },
      },
    ]);
  });

  it('only known tokens are cut out of it: the word "undefined" is not one', async () => {
    const { store } = scripted({ get: fail('value undefined') });
    const { log, events } = recording();
    await createTokenCache(KEY, store, now, platform().load, log).get();
    expect(events[0]?.details).toEqual({ operation: 'get', reason: 'Error: value undefined' });
  });
});

describe('token cache: no timer left behind', () => {
  it('a store call that answered leaves no timeout running', async () => {
    const { store } = scripted({});
    const timers = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    await createTokenCache(KEY, store, now, platform().load, () => {}, 600_000).get();
    expect(timers()).toBe(before);
  });
});

describe('token cache: waiting for another process that holds the lock', () => {
  it('polls the store from 10 ms, doubling up to 200 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let stored: StoredToken | undefined;
    const { store, at } = scripted({ get: () => stored, lock: () => undefined });
    const p = platform();
    const token = createTokenCache(KEY, store, now, p.load, () => {}, 60_000).get();
    await vi.advanceTimersByTimeAsync(909);
    stored = { accessToken: 'theirs', expiresAt: NOW + HOUR };
    await vi.advanceTimersByTimeAsync(1);
    expect(await token).toBe('theirs');
    expect(p.issued).toBe(0);
    const gets = at.filter(([name]) => name === 'get').map(([, t]) => t);
    expect(gets).toEqual([0, 10, 30, 70, 150, 310, 510, 710, 910]);
  });

  it('until the lock would have expired: then it requests its own token', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { store, at } = scripted({ get: () => undefined, lock: () => undefined });
    const p = platform();
    // The lock lives 1110 ms: the poll at exactly 1110 ms still tries the lock once more.
    const token = createTokenCache(KEY, store, now, p.load, () => {}, 1110).get();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await token).toBe('token-1');
    expect(at.filter(([name]) => name === 'lock').map(([, t]) => t)).toEqual([
      0, 10, 30, 70, 150, 310, 510, 710, 910, 1110,
    ]);
    expect(at.at(-1)).toEqual(['set', 1310]);
  });

  it('a lock taken is followed at once by a second read, not a pause', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { store, calls } = scripted({ get: () => undefined, lock: () => async () => {} });
    const token = createTokenCache(KEY, store, now, platform().load, () => {}, 60_000).get();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['get', 'lock', 'get', 'set']);
    expect(await token).toBe('token-1');
  });

  it('a lock call that fails: the process requests its own token without reading again', async () => {
    const { store, calls } = scripted({ get: () => undefined, lock: fail('lock down') });
    const p = platform();
    expect(await createTokenCache(KEY, store, now, p.load).get()).toBe('token-1');
    expect(calls).toEqual(['get', 'lock']);
    expect(p.issued).toBe(1);
  });

  it('a store that fails while the token is requested is not asked to keep it', async () => {
    let release!: () => void;
    const loading = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { store, calls } = scripted({
      get: () => undefined,
      lock: () => async () => {},
      delete: fail('delete down'),
    });
    const cache = createTokenCache(KEY, store, now, async () => {
      await loading;
      return { accessToken: 'token-1', expiresAt: NOW + HOUR };
    });
    const token = cache.get();
    while (calls.length < 3) await new Promise((resolve) => setImmediate(resolve));
    await cache.drop('old-token');
    release();
    expect(await token).toBe('token-1');
    expect(calls).toEqual(['get', 'lock', 'get', 'delete']);
  });
});

describe('token cache: drop', () => {
  it('dropping no token touches nothing', async () => {
    const { store, calls } = scripted({});
    const cache = createTokenCache(KEY, store, now, platform().load);
    await cache.drop(undefined);
    expect(calls).toEqual([]);
  });

  it('without a store, a drop logs nothing', async () => {
    const { log, events } = recording();
    const cache = createTokenCache(KEY, undefined, now, platform().load, log);
    expect(await cache.get()).toBe('token-1');
    await cache.drop('token-1');
    expect(events).toEqual([]);
  });

  it('a store never failed is asked to delete even at the clock origin', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { store, calls } = scripted({});
    await createTokenCache(KEY, store, now, platform().load).drop('token-9');
    expect(calls).toEqual(['delete']);
  });
});

describe("token cache: a lock the store had to repair (the release's warning)", () => {
  const repairing = (warning: unknown) =>
    scripted({
      get: () => undefined,
      lock: () => Object.assign(async () => {}, { warning }),
    });

  it('is logged once as a warn, and the refresh goes on', async () => {
    const { store, calls } = repairing('the refresh lock had no expiry: replaced');
    const { log, events } = recording();
    expect(await createTokenCache(KEY, store, now, platform().load, log).get()).toBe('token-1');
    expect(calls).toEqual(['get', 'lock', 'get', 'set']);
    expect(events).toEqual([
      {
        level: 'warn',
        message: 'token store lock: the refresh lock had no expiry: replaced',
        details: { operation: 'lock', warning: 'the refresh lock had no expiry: replaced' },
      },
    ]);
  });

  it('is cut to 200 characters, and a token the cache knows is redacted from it', async () => {
    const { store } = repairing(`token-1 ${'x'.repeat(500)}`);
    const { log, events } = recording();
    const cache = createTokenCache(KEY, store, now, platform().load, log);
    // The first refresh obtains token-1; once refused, the cache knows it as a secret.
    await cache.drop(await cache.get());
    await cache.get();
    const last = events.at(-1);
    expect(last?.message).toMatch(/^token store lock: \[REDACTED\] x+$/);
    expect(last?.message.length).toBe('token store lock: '.length + 200);
    expect(last?.details).toEqual({ operation: 'lock', warning: last?.message.slice(18) });
  });

  it('anything but a non-empty string is not logged', async () => {
    for (const warning of [undefined, '', 42, { toString: () => 'x' }]) {
      const { store } = repairing(warning);
      const { log, events } = recording();
      expect(await createTokenCache(KEY, store, now, platform().load, log).get()).toBe('token-1');
      expect(events).toEqual([]);
    }
  });
});

describe('token cache: the backoff after an unusable token answer', () => {
  const refused = () =>
    new AuthError('POST /v1/token/access: 9999 (HTTP 200, attempts: 1): no access token', {
      code: '9999',
      errCode: '9999',
      status: 200,
      attempts: 1,
    });

  it('a token already expired on arrival is an AuthError, remembered: no second request', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    let loads = 0;
    let clock = NOW;
    // The clock moves past the token's end while it is requested.
    const load = async (): Promise<StoredToken> => {
      loads++;
      const token = { accessToken: `token-${loads}`, expiresAt: clock + 1_000 };
      clock += 1_000;
      return token;
    };
    const cache = createTokenCache(KEY, undefined, () => clock, load);
    await expect(cache.get()).rejects.toMatchObject({
      name: 'AuthError',
      code: 'ERR_TOKEN_EXPIRED',
      message:
        '@tianman/client: the token request gave a token already expired on arrival (expiresAt is not after now): not used',
    });
    await expect(cache.get()).rejects.toMatchObject({ code: 'ERR_TOKEN_EXPIRED', attempts: 0 });
    expect(loads).toBe(1);
    vi.advanceTimersByTime(1_000);
    await expect(cache.get()).rejects.toMatchObject({ code: 'ERR_TOKEN_EXPIRED', attempts: 1 });
    expect(loads).toBe(2);
  });

  it('only AuthErrors are remembered: any other failure of load is asked again', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    let loads = 0;
    const cache = createTokenCache(KEY, undefined, now, async () => {
      loads++;
      throw new TypeError('fetch failed');
    });
    await expect(cache.get()).rejects.toThrow('fetch failed');
    await expect(cache.get()).rejects.toThrow('fetch failed');
    expect(loads).toBe(2);
  });

  it('during the pause a live token from the store is still used; the lock is released', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    let stored: StoredToken | undefined;
    let loads = 0;
    let released = 0;
    const { store, calls } = scripted({
      get: () => stored,
      lock: () => async () => void released++,
    });
    const cache = createTokenCache(KEY, store, now, async () => {
      loads++;
      throw refused();
    });
    await expect(cache.get()).rejects.toMatchObject({ code: '9999', attempts: 1 });
    // Within the pause: the store is read, the lock taken and released, no request.
    await expect(cache.get()).rejects.toMatchObject({ code: '9999', attempts: 0 });
    expect(loads).toBe(1);
    expect(released).toBe(2);
    // Another process stored a token meanwhile: used, though the pause is not over.
    stored = { accessToken: 'theirs', expiresAt: NOW + HOUR };
    expect(await cache.get()).toBe('theirs');
    expect(calls.filter((c) => c === 'get')).toHaveLength(5);
  });

  it('the copy keeps the platform fields and the request, not the stack of the first', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const first = refused();
    const cache = createTokenCache(KEY, undefined, now, async () => {
      throw first;
    });
    await expect(cache.get()).rejects.toBe(first);
    const copy = (await cache.get().catch((e: unknown) => e)) as AuthError;
    expect(copy).not.toBe(first);
    expect(copy).toBeInstanceOf(AuthError);
    expect({ ...copy }).toEqual({ ...first, attempts: 0 });
    expect(copy.cause).toBe(first);
  });
});
