import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../src/schema-runtime/code-point-length.js';
import { deepEqual } from '../src/schema-runtime/deep-equal.js';
import {
  evaluated,
  mergeEvaluated,
  seeAllProps,
  seeItem,
  seeItems,
  seenItem,
  seenProp,
  seeProp,
} from '../src/schema-runtime/evaluated.js';
import { fieldCount } from '../src/schema-runtime/field-count.js';
import { hasField } from '../src/schema-runtime/has-field.js';
import { includesEqual } from '../src/schema-runtime/includes-equal.js';
import { isJsonObject } from '../src/schema-runtime/is-json-object.js';
import { issue } from '../src/schema-runtime/issue.js';
import { isMultipleOf } from '../src/schema-runtime/multiple-of.js';
import { pointerSegment } from '../src/schema-runtime/pointer-segment.js';
import { repeatedItem } from '../src/schema-runtime/repeated-item.js';
import { longerThan, shorterThan } from '../src/schema-runtime/string-length.js';

// The helpers the generated validators call. The contract reaches only some of their branches,
// and the JSON Schema Test Suite (json-schema-suite.test.ts) reaches them through generated
// code; these check each directly, at its edges.

describe('codePointLength: a string length in code points', () => {
  it('counts a surrogate pair as one, at every edge of both surrogate ranges', () => {
    expect(codePointLength('\ud800\udc00')).toBe(1); // lowest high, lowest low
    expect(codePointLength('\udbff\udfff')).toBe(1); // highest high, highest low
    expect(codePointLength('a\ud83d\ude00b')).toBe(3);
  });

  it('counts a high surrogate not followed by a low one as one unit, and the next on its own', () => {
    expect(codePointLength('\ud800\ue000')).toBe(2); // just past the low range
    expect(codePointLength('\ud800\udbff')).toBe(2); // just before the low range
    expect(codePointLength('\ud7ff\udc00')).toBe(2); // just before the high range
    expect(codePointLength('\udc00\udc00')).toBe(2); // just past the high range
    expect(codePointLength('\ud800')).toBe(1);
    expect(codePointLength('')).toBe(0);
  });
});

describe('longerThan and shorterThan: maxLength and minLength in code points', () => {
  it('decide by .length alone outside [limit, 2 × limit], and count inside', () => {
    expect(longerThan('a'.repeat(32), 32)).toBe(false);
    expect(longerThan('a'.repeat(33), 32)).toBe(true);
    expect(longerThan('😀'.repeat(32), 32)).toBe(false); // 64 units, 32 code points
    expect(longerThan(`${'😀'.repeat(32)}a`, 32)).toBe(true); // 65 units
    expect(longerThan(`${'😀'.repeat(16)}${'a'.repeat(17)}`, 32)).toBe(true); // 49 units, 33
    expect(shorterThan('ab', 2)).toBe(false);
    expect(shorterThan('a', 2)).toBe(true);
    expect(shorterThan('😀', 2)).toBe(true); // 2 units, 1 code point
    expect(shorterThan('😀😀', 2)).toBe(false);
    expect(shorterThan('😀a', 2)).toBe(false); // 3 units, 2 code points
    expect(shorterThan('', 0)).toBe(false);
    expect(longerThan('', 0)).toBe(false);
    expect(longerThan('a', 0)).toBe(true);
  });

  it('agree with counting the code points, whatever the string', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '😀', '\ud800', '\udc00'), maxLength: 12 });
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 8 }), (s, limit) => {
        const n = [...s].length;
        return longerThan(s, limit) === n > limit && shorterThan(s, limit) === n < limit;
      }),
    );
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
    expect(deepEqual(JSON.parse('1.0'), 1)).toBe(true);
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
    expect(deepEqual(0, false)).toBe(false);
    expect(deepEqual(1, true)).toBe(false);
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

  it('compares a field named __proto__ as a field', () => {
    expect(deepEqual(JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}'))).toBe(true);
    expect(deepEqual(JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 2}'))).toBe(false);
    expect(deepEqual(JSON.parse('{"__proto__": 1}'), {})).toBe(false);
  });
});

describe('includesEqual: enum with objects or arrays', () => {
  it('finds a value deeply equal to one of the list', () => {
    const values = [{ a: [1, 2] }, null, 'x'];
    expect(includesEqual(values, { a: [1, 2] })).toBe(true);
    expect(includesEqual(values, null)).toBe(true);
    expect(includesEqual(values, { a: [2, 1] })).toBe(false);
    expect(includesEqual([], 'x')).toBe(false);
  });
});

describe('hasField, isJsonObject, fieldCount', () => {
  it('hasField sees own fields only, __proto__ included', () => {
    expect(hasField({}, 'toString')).toBe(false);
    expect(hasField({}, '__proto__')).toBe(false);
    expect(hasField(JSON.parse('{"__proto__": 0}'), '__proto__')).toBe(true);
    expect(hasField(Object.create({ a: 1 }), 'a')).toBe(false);
  });

  it('isJsonObject is true for objects only: not null, not arrays', () => {
    expect([{}, [], null, 'x', 1, true].map(isJsonObject)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('fieldCount counts own fields', () => {
    expect(fieldCount({})).toBe(0);
    expect(fieldCount(JSON.parse('{"a": 1, "__proto__": 2}'))).toBe(2);
    expect(fieldCount(Object.create({ a: 1 }))).toBe(0);
  });
});

describe('isMultipleOf: multipleOf with a divisor that is not an integer', () => {
  it('decides on decimal values, where binary floating point gets it wrong', () => {
    expect(0.3 / 0.1).not.toBe(3); // why this helper exists
    expect(isMultipleOf(0.0075, 0.0001)).toBe(true);
    expect(isMultipleOf(0.00751, 0.0001)).toBe(false);
    expect(isMultipleOf(0.3, 0.1)).toBe(true);
    expect(isMultipleOf(4.5, 1.5)).toBe(true);
    expect(isMultipleOf(35, 1.5)).toBe(false);
    expect(isMultipleOf(1e308, 0.5)).toBe(true); // x / m overflows to Infinity
    expect(isMultipleOf(1e308, 0.123456789)).toBe(false);
    expect(isMultipleOf(12391239123, 1e-8)).toBe(true);
    expect(isMultipleOf(-0.75, 0.25)).toBe(true);
    expect(isMultipleOf(0, 0.3)).toBe(true);
    expect(isMultipleOf(1.5e-7, 5e-8)).toBe(true);
    expect(isMultipleOf(1e21, 0.5)).toBe(true);
  });

  it('agrees with integer arithmetic on values of up to four decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (x, m) => isMultipleOf(x / 1e4, m / 1e4) === (x % m === 0),
      ),
    );
  });
});

describe('repeatedItem: uniqueItems', () => {
  it('finds the first item equal to an earlier one, in short and long arrays', () => {
    expect(repeatedItem([1, 2, 3])).toBeNull();
    expect(repeatedItem([1, 2, 1.0])).toEqual([0, 2]);
    expect(
      repeatedItem([
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ]),
    ).toEqual([0, 1]);
    expect(repeatedItem([[1], [1, 1]])).toBeNull();
    expect(repeatedItem([0, false, null, '0', [], {}])).toBeNull();
    const long = Array.from({ length: 40 }, (_, i) => ({ i }));
    expect(repeatedItem(long)).toBeNull();
    expect(repeatedItem([...long, { i: 7 }])).toEqual([7, 40]);
    expect(repeatedItem([...long, '{"i":7}'])).toBeNull();
  });

  it('agrees with comparing every pair, whatever the items', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 40 }), (items) => {
        const values = JSON.parse(JSON.stringify(items)) as unknown[];
        let expected: [number, number] | null = null;
        for (let i = 1; i < values.length && !expected; i++) {
          for (let j = 0; j < i && !expected; j++) {
            if (deepEqual(values[j], values[i])) expected = [j, i];
          }
        }
        expect(repeatedItem(values)).toEqual(expected);
      }),
    );
  });
});

describe('pointerSegment and issue', () => {
  it('escapes ~ and /, keeps 64 characters and cuts longer ones to 63 and an ellipsis', () => {
    expect(pointerSegment('a/b~c')).toBe('a~1b~0c');
    expect(pointerSegment('k'.repeat(64))).toBe('k'.repeat(64));
    expect(pointerSegment('k'.repeat(65))).toBe(`${'k'.repeat(63)}…`);
    expect(pointerSegment('/'.repeat(40))).toBe(`${'~1'.repeat(31)}~…`);
    expect(pointerSegment('k'.repeat(10_000_000))).toBe(`${'k'.repeat(63)}…`);
  });

  it('issue starts a list on the first issue, and its message with the path or "body"', () => {
    const list = issue(null, '', 'type', 'must be object');
    expect(issue(list, '/a', 'required', 'is required')).toBe(list);
    expect(list).toEqual([
      { path: '', rule: 'type', message: 'body must be object' },
      { path: '/a', rule: 'required', message: '/a is required' },
    ]);
  });
});

describe('evaluated: what unevaluatedProperties and unevaluatedItems see', () => {
  it('records fields and items, all of them, and merges', () => {
    const a = evaluated();
    seeProp(a, 'x');
    seeItems(a, 2);
    seeItems(a, 1);
    seeItem(a, 5);
    expect([seenProp(a, 'x'), seenProp(a, 'y')]).toEqual([true, false]);
    expect([0, 1, 2, 5].map((i) => seenItem(a, i))).toEqual([true, true, false, true]);
    const b = evaluated();
    seeAllProps(b);
    seeProp(b, 'ignored');
    seeItem(b, 9);
    mergeEvaluated(a, b);
    expect(seenProp(a, 'anything')).toBe(true);
    expect(seenItem(a, 9)).toBe(true);
    const c = evaluated();
    mergeEvaluated(c, a);
    expect([seenProp(c, 'z'), seenItem(c, 1), seenItem(c, 5), seenItem(c, 3)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    seeItems(c, Number.POSITIVE_INFINITY);
    expect(seenItem(c, 1e9)).toBe(true);
  });
});
