import { describe, expect, it } from 'vitest';
import { createFetchTransport } from '../src/transport-fetch.js';
import { rejection, wire } from './transport-contract.js';

/** A fetch that rejects with `error`. */
const failing = (error: unknown) => createFetchTransport(() => Promise.reject(error));

describe('fetch transport: what a failed fetch rejects with', () => {
  it("undici's TypeError('fetch failed') is unwrapped to its cause when that carries a code", async () => {
    const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const error = new TypeError('fetch failed', { cause });
    expect(await rejection(failing(error)(wire('http://127.0.0.1:1/')))).toBe(cause);
  });

  it('a cause without a string code is not unwrapped', async () => {
    const withoutCode = new TypeError('fetch failed', { cause: new Error('inner') });
    expect(await rejection(failing(withoutCode)(wire('http://127.0.0.1:1/')))).toBe(withoutCode);
    const numericCode = new TypeError('fetch failed', {
      cause: Object.assign(new Error('inner'), { code: 42 }),
    });
    expect(await rejection(failing(numericCode)(wire('http://127.0.0.1:1/')))).toBe(numericCode);
  });

  it('an error without a cause is passed on as it is', async () => {
    const plain = new TypeError('fetch failed');
    expect(await rejection(failing(plain)(wire('http://127.0.0.1:1/')))).toBe(plain);
  });

  it('a cause that is not an Error is not unwrapped, whatever its code', async () => {
    const error = new TypeError('fetch failed', { cause: { code: 'EPIPE' } });
    expect(await rejection(failing(error)(wire('http://127.0.0.1:1/')))).toBe(error);
  });
});
