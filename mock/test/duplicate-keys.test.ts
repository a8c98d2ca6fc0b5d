import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../src/find-duplicate-key.js';
import { rawCall, validBody } from './helpers.js';

// A key twice in one object makes a body mean two things: JSON.parse keeps the last value, other
// parsers the first, and the signature covers the bytes, not a meaning. The gate refuses such a
// body (400, 9001) and names where the second key stands.

describe('the gate refuses a body with a duplicated key', () => {
  it.each([
    ['at the top level', '{"mid":"1","mid":"2"}', '/mid'],
    [
      'nested',
      '{"detail":{"paidTime":"20250520143000","paidTime":"20250520143001"}}',
      '/detail/paidTime',
    ],
    ['in an array of objects', '{"items":[{"a":1},{"b":1,"b":2}]}', '/items/1/b'],
    ['equal once escapes are decoded', '{"a":1,"\\u0061":2}', '/a'],
    ['with "/" and "~" in the key, escaped in the pointer', '{"a/b~":1,"a/b~":2}', '/a~1b~0'],
  ])('%s: 400, 9001, naming the pointer', async (_, text, pointer) => {
    const answer = await rawCall(text);
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers.get('x-mock-reason')).toBe('duplicate-key');
    expect(answer.body).toEqual({
      errCode: '9001',
      errInfo: `请求报文格式错误: duplicate key at ${JSON.stringify(pointer)}; each key may appear once per object (parsers disagree on which value wins)`,
    });
  });

  it('the same key in sibling objects is no duplicate: the body goes on to Prism', async () => {
    const text = JSON.stringify({ ...validBody, detail: { paidTime: '20250520143000' } }).replace(
      '}}',
      '},"x":{"paidTime":"1"}}',
    );
    const answer = await rawCall(text);
    // Prism's contract check refuses the extra property: the gate let it through.
    expect(answer.status, answer.text).toBe(422);
    expect(answer.headers.get('x-mock-reason')).toBeNull();
  });

  it('a long pointer is cut short in the answer', async () => {
    const key = 'k'.repeat(500);
    const answer = await rawCall(`{"${key}":1,"${key}":2}`);
    expect(answer.status).toBe(400);
    const { errInfo } = answer.body as { errInfo: string };
    expect(errInfo).toContain(`"/${'k'.repeat(99)}…"`);
    expect(errInfo.length).toBeLessThan(250);
  });

  it('a token request with a duplicated key is refused the same way', async () => {
    const answer = await rawCall('{"appId":"a","appId":"b"}', {
      path: '/v1/token/access',
      authorization: '',
    });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers.get('x-mock-reason')).toBe('duplicate-key');
  });
});

describe('findDuplicateKey', () => {
  it.each([
    ['{}', undefined],
    ['[]', undefined],
    ['"a"', undefined],
    ['{"a":{"a":{"a":1}}}', undefined],
    ['[{"a":1},{"a":1}]', undefined],
    ['{"a":"\\"a\\"","b":["a","a"]}', undefined],
    ['{"a\\"":1,"a\\"":2}', '/a"'],
    ['{"":1,"":2}', '/'],
    [' { "x" : [ [ { "y" : 1 , "y" : 2 } ] ] } ', '/x/0/0/y'],
    ['{"\\ud83d\\ude00":1,"😀":2}', '/😀'],
  ])('%s → %s', (text, pointer) => {
    expect(findDuplicateKey(text)).toBe(pointer);
  });

  it('agrees with the keys of objects built entry by entry, on any JSON', () => {
    // Objects as lists of entries, keys drawn from a small set so duplicates are common; the
    // expected pointer is the first repeated key in document order.
    type Tree = string | number | null | Tree[] | { entries: [string, Tree][] };
    const key = fc.constantFrom('a', 'b', 'a/b~', 'é');
    const { tree } = fc.letrec<{ tree: Tree }>((t) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ maxLength: 3 }),
        fc.integer(),
        fc.constant(null),
        fc.array(t('tree'), { maxLength: 3 }),
        fc.array(fc.tuple(key, t('tree')), { maxLength: 4 }).map((entries) => ({ entries })),
      ),
    }));
    const write = (node: Tree, escaped: boolean): string => {
      if (Array.isArray(node)) return `[${node.map((n) => write(n, escaped)).join(',')}]`;
      if (node !== null && typeof node === 'object') {
        const pairs = node.entries.map(([k, v]) => {
          const quoted = escaped
            ? `"${[...k].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
            : JSON.stringify(k);
          return `${quoted}:${write(v, escaped)}`;
        });
        return `{${pairs.join(',')}}`;
      }
      return JSON.stringify(node);
    };
    const expected = (node: Tree, at: string[]): string | undefined => {
      if (Array.isArray(node)) {
        for (const [i, n] of node.entries()) {
          const found = expected(n, [...at, String(i)]);
          if (found !== undefined) return found;
        }
        return undefined;
      }
      if (node === null || typeof node !== 'object') return undefined;
      const seen = new Set<string>();
      for (const [k, v] of node.entries) {
        if (seen.has(k)) {
          return `/${[...at, k].map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
        }
        seen.add(k);
        const found = expected(v, [...at, k]);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    let duplicated = 0;
    fc.assert(
      fc.property(tree, fc.boolean(), (node, escaped) => {
        const text = write(node, escaped);
        JSON.parse(text);
        const want = expected(node, []);
        if (want !== undefined) duplicated++;
        expect(findDuplicateKey(text)).toBe(want);
      }),
      { numRuns: 2000 },
    );
    // Both outcomes, often: a generator that stopped making duplicates would prove nothing.
    expect(duplicated).toBeGreaterThan(40);
    expect(duplicated).toBeLessThan(1960);
  });

  it('reads a megabyte of nesting or of keys in one pass', { timeout: 10_000 }, () => {
    const deep = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    expect(findDuplicateKey(deep)).toBeUndefined();
    const wide = `{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(',')},"k0":0}`;
    expect(findDuplicateKey(wide)).toBe('/k0');
  });
});
