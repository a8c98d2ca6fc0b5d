import * as nodeCryptoModule from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import * as constantTime from '../src/constant-time-equal.js';
import { createVerify } from '../src/create-verify.js';
import {
  signerCrypto as nodeCrypto,
  timingSafeEqual as nodeTimingSafeEqual,
} from '../src/crypto-node.js';
import { V1, V1_AUTHORIZATION } from './fixtures/vectors.js';
import { IMPLEMENTATIONS } from './implementations.js';

// Timing cannot be measured reliably in a unit test; structure can. These tests prove that the
// signature is decided by the constant-time comparison given to verify and by nothing else
// (`!==` on the way would pass every known-answer test), and that each entry hands verify one.

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
vi.mock('../src/constant-time-equal.js', async (original) => {
  const actual = await original<typeof import('../src/constant-time-equal.js')>();
  return { constantTimeEqual: vi.fn(actual.constantTimeEqual) };
});

const v1 = { authorization: V1_AUTHORIZATION, body: V1.body, appKey: V1.appKey, now: 0 };
const atV1 = { ...v1, now: Date.UTC(2017, 0, 1, 4, 0, 0) };

describe('verify decides the signature with the injected constant-time comparison', () => {
  it('passes it the received signature and the expected one, once', async () => {
    const equal = vi.fn(() => true);
    const verify = createVerify(nodeCrypto, equal);
    expect(await verify(atV1)).toMatchObject({ ok: true });
    expect(equal).toHaveBeenCalledTimes(1);
    expect(equal).toHaveBeenCalledWith(V1.signature, V1.signature);
  });

  it('refuses the right signature when the comparison says they differ', async () => {
    const verify = createVerify(nodeCrypto, () => false);
    expect(await verify(atV1)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('accepts a wrong signature when the comparison says they are equal', async () => {
    const equal = vi.fn(() => true);
    const forged = V1_AUTHORIZATION.replace(V1.signature, 'A'.repeat(44));
    const verify = createVerify(nodeCrypto, equal);
    expect(await verify({ ...atV1, authorization: forged })).toMatchObject({ ok: true });
    expect(equal).toHaveBeenCalledWith('A'.repeat(44), V1.signature);
  });
});

describe('each entry gives verify a constant-time comparison', () => {
  it("node:crypto's timingSafeEqual decides for nodeTimingSafeEqual", () => {
    const spy = vi.mocked(nodeCryptoModule.timingSafeEqual);
    spy.mockClear();
    expect(nodeTimingSafeEqual(V1.signature, V1.signature)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockReturnValueOnce(false);
    expect(nodeTimingSafeEqual(V1.signature, V1.signature)).toBe(false);
    spy.mockReturnValueOnce(true);
    expect(nodeTimingSafeEqual(V1.signature, `${V1.signature.slice(0, -2)}A=`)).toBe(true);
    // Only a length difference, which is public, may end it without the constant-time call.
    spy.mockClear();
    expect(nodeTimingSafeEqual('a', 'ab')).toBe(false);
  });

  it.each(IMPLEMENTATIONS)('%s: verify goes through it', async (name, signer) => {
    const spy =
      name === 'node:crypto'
        ? vi.mocked(nodeCryptoModule.timingSafeEqual)
        : vi.mocked(constantTime.constantTimeEqual);
    spy.mockClear();
    expect(await signer.verify(atV1)).toMatchObject({ ok: true });
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('constantTimeEqual (the WebCrypto entry has no timingSafeEqual)', () => {
  const { constantTimeEqual } = constantTime;
  it('is equality of strings, whatever position differs', () => {
    const base = V1.signature;
    expect(constantTimeEqual(base, base)).toBe(true);
    for (let i = 0; i < base.length; i++) {
      const changed = `${base.slice(0, i)}${base[i] === 'x' ? 'y' : 'x'}${base.slice(i + 1)}`;
      expect(constantTimeEqual(base, changed), `position ${i}`).toBe(false);
    }
    expect(constantTimeEqual(base, base.slice(0, -1))).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    // Characters whose codes differ only in high bits.
    expect(constantTimeEqual('\u0100', '\u0000')).toBe(false);
  });
});
