import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFound } from '../src/describe-found.js';
import type { DriftEntry } from '../src/drift-entry.js';
import { openDriftReport } from '../src/drift-report.js';
import { findResponseKey } from '../src/find-response-key.js';
import { upstreamPath } from '../src/forward-to-upstream.js';
import { endToEndHeaders } from '../src/hop-by-hop.js';
import { escapePointerToken, valueAtPointer } from '../src/json-pointer.js';
import { knownCodesKey, loadKnownCodes } from '../src/known-codes.js';
import { readProxyTarget } from '../src/proxy-target.js';

// The small parts of proxy mode, each on its own.

describe('JSON Pointer', () => {
  const document = { a: { 'b/c': [10, { '~d': null }] }, '': 'empty key' };

  it('finds members and items, escaped names included', () => {
    expect(valueAtPointer(document, '')).toEqual({ present: true, value: document });
    expect(valueAtPointer(document, '/a/b~1c/0')).toEqual({ present: true, value: 10 });
    expect(valueAtPointer(document, '/a/b~1c/1/~0d')).toEqual({ present: true, value: null });
    expect(valueAtPointer(document, '/')).toEqual({ present: true, value: 'empty key' });
  });

  it('finds nothing where nothing is: missing members, bad indexes, inherited names', () => {
    for (const pointer of ['/x', '/a/b~1c/2', '/a/b~1c/01', '/a/b~1c/-', '/constructor', 'a']) {
      expect(valueAtPointer(document, pointer)).toEqual({ present: false });
    }
    expect(valueAtPointer('text', '/0')).toEqual({ present: false });
  });

  it('an escaped token leads back to its member, whatever its name', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (name, value) => {
        const pointer = `/${escapePointerToken(name)}`;
        expect(pointer.slice(1).includes('/')).toBe(false);
        expect(valueAtPointer({ [name]: value }, pointer)).toEqual({ present: true, value });
      }),
    );
  });
});

describe('describeFound', () => {
  it.each([
    [{ present: false } as const, '/x', 'absent'],
    [{ present: true, value: null } as const, '/x', 'null'],
    [{ present: true, value: [1] } as const, '/x', 'array of 1 item'],
    [{ present: true, value: [] } as const, '/x', 'array of 0 items'],
    [{ present: true, value: 'abc' } as const, '/x', 'string of 3 characters'],
    [{ present: true, value: 'a' } as const, '/x', 'string of 1 character'],
    [{ present: true, value: 3 } as const, '/x', 'integer'],
    [{ present: true, value: 3.5 } as const, '/x', 'number'],
    [{ present: true, value: true } as const, '/x', 'boolean'],
    [{ present: true, value: {} } as const, '/x', 'object'],
    [{ present: true, value: 'ORDER_FROZEN' } as const, '/respCode', 'string "ORDER_FROZEN"'],
    [{ present: true, value: '1000' } as const, '/errCode', 'string "1000"'],
    // A code-looking value elsewhere (a token is one) is never shown.
    [{ present: true, value: 'ORDER_FROZEN' } as const, '/accessToken', 'string of 12 characters'],
    [
      { present: true, value: 'ORDER_FROZEN' } as const,
      '/detail/respCode',
      'string of 12 characters',
    ],
    [{ present: true, value: 'has space' } as const, '/respCode', 'string of 9 characters'],
    [{ present: true, value: 'x'.repeat(33) } as const, '/respCode', 'string of 33 characters'],
  ])('%j at %s is %s', (found, pointer, expected) => {
    expect(describeFound(found, pointer)).toBe(expected);
  });
});

describe('findResponseKey', () => {
  // Prism's own choice, the one its output validation makes: the two must agree.
  const { findOperationResponse } = createRequire(import.meta.url)(
    '@stoplight/prism-http/dist/validator/utils/spec.js',
  ) as {
    findOperationResponse(
      responses: { code: string }[],
      status: number,
    ): { _tag: 'None' } | { _tag: 'Some'; value: { code: string } };
  };

  it('picks the exact code, then the range, then default', () => {
    const keys = ['default', '4XX', '412', '200'];
    expect(findResponseKey(keys, 412)).toBe('412');
    expect(findResponseKey(keys, 404)).toBe('4XX');
    expect(findResponseKey(keys, 500)).toBe('default');
    expect(findResponseKey(['200', '4XX'], 500)).toBeUndefined();
  });

  it("agrees with Prism's findOperationResponse", () => {
    const key = fc.oneof(fc.constant('default'), fc.stringMatching(/^[1-5][0-9X][0-9X]$/));
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 6 }),
        fc.integer({ min: 100, max: 599 }),
        (keys, status) => {
          const prism = findOperationResponse(
            keys.map((code) => ({ code })),
            status,
          );
          const expected = prism._tag === 'Some' ? prism.value.code : undefined;
          expect(findResponseKey(keys, status)).toBe(expected);
        },
      ),
    );
  });
});

describe('readProxyTarget', () => {
  it('takes https anywhere and http on this machine', () => {
    expect(readProxyTarget('https://test-api-open.chinaums.com').href).toBe(
      'https://test-api-open.chinaums.com/',
    );
    for (const local of [
      'http://127.0.0.1:8080',
      'http://localhost:1',
      'http://[::1]:2',
      'http://a.localhost',
    ]) {
      expect(readProxyTarget(local).protocol).toBe('http:');
    }
  });

  it.each([
    ['not a url', /absolute URL/],
    ['ftp://example.com', /scheme ftp:/],
    ['http://example.com', /must be https:\/\/ unless it names this machine/],
    ['http://10.0.0.1', /must be https:\/\//],
    ['https://user:pass@example.com', /user name or password/],
    ['https://example.com/?a=1', /without a query or fragment/],
    ['https://example.com/#x', /without a query or fragment/],
  ])('refuses %s', (value, message) => {
    expect(() => readProxyTarget(value)).toThrow(message);
  });

  it('never quotes a password it refuses', () => {
    expect(() => readProxyTarget('https://me:hunter2@example.com')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});

describe('upstreamPath', () => {
  it('puts the request target, as received, after the base path', () => {
    const base = new URL('https://example.com');
    expect(upstreamPath(base, '/v1/x?b=%20+&a=1')).toBe('/v1/x?b=%20+&a=1');
    expect(upstreamPath(base, '/a/../b')).toBe('/a/../b');
    expect(upstreamPath(new URL('https://example.com/gw/'), '/v1/x')).toBe('/gw/v1/x');
    expect(upstreamPath(new URL('https://example.com/gw'), '/v1/x')).toBe('/gw/v1/x');
  });

  it('keeps only the path and query of an absolute or scheme-relative target', () => {
    const base = new URL('https://example.com');
    expect(upstreamPath(base, 'http://elsewhere.test/v1/x?q=1')).toBe('/v1/x?q=1');
    expect(upstreamPath(base, '//elsewhere.test/v1/x')).toBe('/v1/x');
  });
});

describe('endToEndHeaders', () => {
  it('drops hop-by-hop headers, those Connection names and the given ones; keeps the rest as is', () => {
    expect(
      endToEndHeaders(
        [
          'X-A',
          '1',
          'Connection',
          'keep-alive, X-Hop',
          'Keep-Alive',
          'timeout=5',
          'x-hop',
          'gone',
          'Transfer-Encoding',
          'chunked',
          'Proxy-Authorization',
          'Basic x',
          'Host',
          'h',
          'x-a',
          '2',
        ],
        new Set(['host']),
      ),
    ).toEqual(['X-A', '1', 'x-a', '2']);
  });
});

describe('x-tianman-known-codes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tianman-known-codes-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function load(yaml: string) {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, yaml);
    return loadKnownCodes(file);
  }

  it('reads them from responses, inline and through $ref, by operation and response key', async () => {
    const known = await load(`openapi: 3.1.0
paths:
  /a/{id}:
    post:
      responses:
        "200": { description: ok, x-tianman-known-codes: ["0000"] }
        "412": { $ref: "#/components/responses/Shared" }
        "500": { description: no codes }
    get:
      responses:
        "412": { $ref: "#/components/responses/Shared" }
components:
  responses:
    Shared: { $ref: "#/components/responses/Deeper" }
    Deeper: { description: d, x-tianman-known-codes: ["1000", "1001"] }
`);
    expect(known).toEqual(
      new Map([
        [
          knownCodesKey('POST', '/a/{id}'),
          new Map([
            ['200', ['0000']],
            ['412', ['1000', '1001']],
          ]),
        ],
        [knownCodesKey('get', '/a/{id}'), new Map([['412', ['1000', '1001']]])],
      ]),
    );
  });

  it('reads the contract’s lists, a shared response’s under each operation that uses it', async () => {
    const { defaultSpecPath } = await import('../src/spec-path.js');
    const sync = (await loadKnownCodes(defaultSpecPath())).get(
      knownCodesKey('POST', '/v1/inip/corporate-wallet/wechat-pay-point/order/sync'),
    );
    expect(sync?.get('200')).toEqual(['0000', 'ORDER_NOT_EXIST', 'INVALID_ORDER_STATE']);
    expect(sync?.get('412')).toEqual(['1000', '1001', '9200']);
  });

  it.each([
    ['"0000"', '#/paths/~1a/post/responses/200/x-tianman-known-codes'],
    ['[]', '#/paths/~1a/post/responses/200/x-tianman-known-codes'],
    ['[0]', '#/paths/~1a/post/responses/200/x-tianman-known-codes'],
    ['[""]', '#/paths/~1a/post/responses/200/x-tianman-known-codes'],
  ])('refuses %s, naming the place', async (value, where) => {
    await expect(
      load(`openapi: 3.1.0
paths:
  /a:
    post:
      responses:
        "200": { description: ok, x-tianman-known-codes: ${value} }
`),
    ).rejects.toThrow(`@tianman/mock: ${where} must be a list of the codes`);
  });

  it('names the shared response when the list is there', async () => {
    await expect(
      load(`openapi: 3.1.0
paths:
  /a:
    post:
      responses:
        "412": { $ref: "#/components/responses/Shared" }
components:
  responses:
    Shared: { description: s, x-tianman-known-codes: "1000" }
`),
    ).rejects.toThrow('@tianman/mock: #/components/responses/Shared/x-tianman-known-codes must');
  });
});

describe('the drift report file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tianman-report-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const entry = (n: number): DriftEntry => ({
    time: new Date(0).toISOString(),
    method: 'POST',
    path: `/p${n}`,
    status: 200,
    where: 'body',
    pointer: `/n${n}`,
    keyword: 'type',
    rule: 'must be string',
    found: 'integer',
  });

  it('is emptied at start, then holds one JSON line per entry, whole, in the order recorded', async () => {
    const file = join(dir, 'report.jsonl');
    await writeFile(file, 'a previous run\n');
    const report = await openDriftReport(file);
    expect(report.file).toBe(file);
    expect(await readFile(file, 'utf8')).toBe('');
    const batches = Array.from({ length: 50 }, (_, i) => [entry(2 * i), entry(2 * i + 1)]);
    await Promise.all(batches.map((batch) => report.record(batch)));
    await report.record([]);
    await report.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as DriftEntry)).toEqual(batches.flat());
  });

  it('with false, writes no file and takes entries all the same', async () => {
    const report = await openDriftReport(false);
    expect(report.file).toBeUndefined();
    await report.record([entry(1)]);
    await report.close();
  });
});
