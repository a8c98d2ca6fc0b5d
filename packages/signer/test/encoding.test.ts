import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { bytesToBase64 } from '../src/base64.js';
import { constantTimeEqual } from '../src/constant-time-equal.js';
import { createNonceSource } from '../src/create-nonce-source.js';
import { signerCrypto as nodeCrypto } from '../src/crypto-node.js';
import { signerCrypto as webCrypto } from '../src/crypto-web.js';
import { bytesToHex } from '../src/hex.js';
import { IMPLEMENTATIONS } from './implementations.js';

describe('bytesToBase64', () => {
  it('is standard padded Base64, as Node encodes it', () => {
    expect(bytesToBase64(new Uint8Array([]))).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('f'))).toBe('Zg==');
    expect(bytesToBase64(new TextEncoder().encode('fo'))).toBe('Zm8=');
    expect(bytesToBase64(new TextEncoder().encode('foo'))).toBe('Zm9v');
    expect(bytesToBase64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });
});

describe('bytesToHex', () => {
  it('is lower-case hex of the range asked for', () => {
    expect(bytesToHex(new Uint8Array([0, 0xab, 0xff]))).toBe('00abff');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const offset = bytes.length === 0 ? 0 : a % bytes.length;
        const length = bytes.length - offset === 0 ? 0 : b % (bytes.length - offset);
        expect(bytesToHex(bytes, offset, length)).toBe(
          Buffer.from(bytes.subarray(offset, offset + length)).toString('hex'),
        );
      }),
    );
  });
});

describe('constantTimeEqual', () => {
  it('agrees with === on any two strings', () => {
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
  });
});

describe('createNonceSource', () => {
  it('hands out each random byte once, refilling the pool after 256 nonces', () => {
    let counter = 0;
    const fill = vi.fn((bytes: Uint8Array) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = counter++ & 0xff;
    });
    const createNonce = createNonceSource(fill);
    const nonces = Array.from({ length: 257 }, () => createNonce());
    expect(fill).toHaveBeenCalledTimes(2);
    expect(nonces[0]).toBe('000102030405060708090a0b0c0d0e0f');
    expect(nonces[1]).toBe('101112131415161718191a1b1c1d1e1f');
    expect(nonces[255]).toBe('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
    // The 257th comes from the second fill, which continued the counter at 4096.
    expect(nonces[256]).toBe('000102030405060708090a0b0c0d0e0f');
  });

  it.each(IMPLEMENTATIONS)('draws 32 lower-case hex characters, all distinct (%s)', (_, signer) => {
    const nonces = Array.from({ length: 2000 }, () => signer.createNonce());
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it.each([
    ['node:crypto', nodeCrypto],
    ['WebCrypto', webCrypto],
  ])('fills from a CSPRNG (%s)', (name, crypto) => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const first = new Uint8Array(64);
    const second = new Uint8Array(64);
    crypto.fillRandom(first);
    crypto.fillRandom(second);
    // 512 random bits are all zero, or repeat, with probability 2^-512.
    expect(first.some((b) => b !== 0)).toBe(true);
    expect(second).not.toEqual(first);
    // WebCrypto must draw from getRandomValues; Node from node:crypto, not through it.
    expect(spy).toHaveBeenCalledTimes(name === 'WebCrypto' ? 2 : 0);
    spy.mockRestore();
  });
});
