import { describe, expect, it } from 'vitest';
import { deepEqual, ucs2length } from '../src/ajv-runtime.js';

// The generated validators call these for `maxLength`/`minLength` on non-ASCII strings and for
// `enum`/`const` with objects or arrays; the current contract does not reach every branch, so
// they are checked here directly.
describe('ucs2length: a string length in code points', () => {
  it('counts a surrogate pair as one, at every edge of both surrogate ranges', () => {
    expect(ucs2length('\ud800\udc00')).toBe(1); // lowest high, lowest low
    expect(ucs2length('\udbff\udfff')).toBe(1); // highest high, highest low
    expect(ucs2length('a\ud83d\ude00b')).toBe(3);
  });

  it('counts a high surrogate not followed by a low one as one unit, and the next on its own', () => {
    expect(ucs2length('\ud800\ue000')).toBe(2); // just past the low range
    expect(ucs2length('\ud800\udbff')).toBe(2); // just before the low range
    expect(ucs2length('\ud7ff\udc00')).toBe(2); // just before the high range
    expect(ucs2length('\udc00\udc00')).toBe(2); // just past the high range
    expect(ucs2length('\ud800')).toBe(1);
    expect(ucs2length('')).toBe(0);
  });
});

describe('deepEqual: equality of JSON values', () => {
  it('is true for the same value and for equal objects and arrays', () => {
    const o = { a: 1 };
    expect(deepEqual(o, o)).toBe(true);
    expect(deepEqual(null, null)).toBe(true);
    expect(deepEqual('x', 'x')).toBe(true);
    expect(deepEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(deepEqual([], [])).toBe(true);
  });

  it('is false for different primitives, null against an object, and an object against a primitive', () => {
    expect(deepEqual(1, 2)).toBe(false);
    expect(deepEqual(true, false)).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual({}, null)).toBe(false);
    expect(deepEqual(0, {})).toBe(false);
    expect(deepEqual({}, 0)).toBe(false);
    expect(deepEqual('ab', ['a', 'b'])).toBe(false);
    expect(deepEqual(['a', 'b'], 'ab')).toBe(false);
  });

  it('tells an array from an object with the same keys', () => {
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual({ 0: 1 }, [1])).toBe(false);
  });

  it('is false when either side has a key the other lacks, or a key differs in value', () => {
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
    expect(deepEqual([1, 2], [1, 3])).toBe(false);
    expect(deepEqual([1, 2], [1])).toBe(false);
  });
});
