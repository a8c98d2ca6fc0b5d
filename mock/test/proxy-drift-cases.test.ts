import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftEntry, MockRequestLog, RunningProxy } from '../src/index.js';
import { startMock } from '../src/index.js';

// Proxy mode in front of an upstream that answers whatever the test scripts, checked against a
// spec written to exercise each rule: nested and escaped pointers, enum, pattern, closed
// objects, if/then, a range response (`4XX`) shared through `$ref` with its known codes,
// response headers, media types, bodies that are not JSON, statuses the spec does not define.

const SPEC = `openapi: 3.1.0
jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
info: { title: drift cases, version: "1" }
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{ name: id, in: path, required: true, description: id, schema: { type: string } }]
      responses:
        "200":
          description: a thing
          x-tianman-known-codes: ["0000", "ORDER_NOT_EXIST"]
          content:
            application/json:
              schema:
                type: object
                required: [respCode, detail]
                properties:
                  respCode: { type: string }
                  state: { enum: [OPEN, CLOSED] }
                  accessToken: { type: string, maxLength: 4 }
                  detail:
                    type: object
                    additionalProperties: false
                    properties:
                      "a/b~c": { type: integer }
                      when: { type: string, pattern: "^[0-9]{8}$" }
                if: { required: [respCode], properties: { respCode: { const: "0000" } } }
                then: { required: [state] }
        "204":
          description: nothing, with a rate header
          headers:
            X-Rate: { required: true, schema: { type: integer } }
        "4XX": { $ref: "#/components/responses/Gateway" }
components:
  responses:
    Gateway:
      description: the gateway's refusal
      x-tianman-known-codes: ["1000", "9001"]
      content:
        application/json:
          schema: { type: object, required: [errCode], properties: { errCode: { type: string } } }
`;

interface Scripted {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** Answer without a `Date` header. */
  noDate?: boolean;
}

let next: Scripted;
let upstream: Server;
let proxy: RunningProxy;
let dir: string;
const logs: MockRequestLog[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (next.noDate) res.sendDate = false;
      res.writeHead(next.status, next.headers);
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  dir = await mkdtemp(join(tmpdir(), 'tianman-drift-cases-'));
  await writeFile(join(dir, 'spec.yaml'), SPEC);
  proxy = await startMock({
    proxy: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    port: 0,
    spec: join(dir, 'spec.yaml'),
    report: join(dir, 'drift.jsonl'),
    log: (entry) => logs.push(entry),
  });
});

afterAll(async () => {
  await proxy.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const JSON_TYPE = { 'content-type': 'application/json' };

/** Sends one GET through the proxy, answered with `scripted`; the drift it produced. */
async function driftOf(scripted: Scripted, path = '/things/1'): Promise<DriftEntry[]> {
  next = scripted;
  const before = logs.length;
  // node:http, not fetch: fetch would decompress, and fail on a body that is not what it says.
  const answer = await new Promise<{ status: number; date: unknown; body: Buffer }>(
    (resolve, reject) => {
      get(`${proxy.url}${path}`, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            date: res.headers.date,
            body: Buffer.concat(chunks),
          }),
        );
      }).on('error', reject);
    },
  );
  expect(answer.status).toBe(scripted.status);
  // The upstream's Date or none: the mock adds no Date of its own (a client reads its clock from it).
  if (scripted.noDate) expect(answer.date).toBeUndefined();
  expect(answer.body.equals(Buffer.from(scripted.body))).toBe(true);
  expect(logs.length).toBe(before + 1);
  return [...(logs.at(-1)?.drift ?? [])];
}

/** `pointer-or-header keyword found`, one string per entry, for compact expectations. */
function brief(entries: DriftEntry[]): string[] {
  return entries.map(
    (entry) =>
      `${entry.where === 'header' ? `header ${entry.header}` : (entry.pointer ?? entry.where)} ${entry.keyword} ${entry.found}`,
  );
}

const clean = { respCode: '0000', state: 'OPEN', detail: { 'a/b~c': 1, when: '20250520' } };

describe('drift cases', () => {
  it('an answer that keeps to the spec is no drift', async () => {
    expect(await driftOf({ status: 200, headers: JSON_TYPE, body: JSON.stringify(clean) })).toEqual(
      [],
    );
    expect(
      await driftOf({ status: 200, headers: JSON_TYPE, body: JSON.stringify(clean), noDate: true }),
    ).toEqual([]);
    expect(await driftOf({ status: 404, headers: JSON_TYPE, body: '{"errCode":"1000"}' })).toEqual(
      [],
    );
    expect(await driftOf({ status: 204, headers: { 'x-rate': '7' }, body: '' })).toEqual([]);
  });

  it('names each place in the body, pointers escaped, values described by type only', async () => {
    const secret = 'tok-9f8e7d6c5b4a';
    const entries = await driftOf({
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({
        respCode: '0000',
        state: 'HALF',
        accessToken: secret,
        detail: { 'a/b~c': 'x', when: '2025', extra: true },
      }),
    });
    expect(brief(entries).sort()).toEqual(
      [
        '/state enum string of 4 characters',
        '/accessToken maxLength string of 16 characters',
        '/detail/a~1b~0c type string of 1 character',
        '/detail/when pattern string of 4 characters',
        '/detail/extra additionalProperties boolean',
      ].sort(),
    );
    expect(entries.find((e) => e.keyword === 'enum')?.rule).toBe(
      'must be equal to one of the allowed values: OPEN, CLOSED',
    );
    expect(entries.find((e) => e.keyword === 'pattern')?.rule).toBe(
      'must match pattern "^[0-9]{8}$"',
    );
    for (const entry of entries) {
      expect(entry).toMatchObject({ operationId: 'getThing', method: 'GET', path: '/things/1' });
    }
    expect(await readFile(join(dir, 'drift.jsonl'), 'utf8')).not.toContain(secret);
  });

  it('reports the failed branch of an if/then, not the if', async () => {
    const entries = await driftOf({
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({ respCode: '0000', detail: {} }),
    });
    expect(brief(entries)).toEqual(['/state required absent']);
  });

  it('checks respCode and errCode against x-tianman-known-codes, through a shared $ref response', async () => {
    expect(
      brief(
        await driftOf({
          status: 200,
          headers: JSON_TYPE,
          body: JSON.stringify({ ...clean, respCode: 'ORDER_FROZEN', state: undefined }),
        }),
      ),
    ).toEqual(['/respCode x-tianman-known-codes string "ORDER_FROZEN"']);
    const refused = await driftOf({
      status: 412,
      headers: JSON_TYPE,
      body: '{"errCode":"1001"}',
    });
    expect(refused).toEqual([
      expect.objectContaining({
        status: 412,
        where: 'body',
        pointer: '/errCode',
        keyword: 'x-tianman-known-codes',
        rule: 'one of the codes the spec knows for the 4XX response: 1000, 9001',
        found: 'string "1001"',
      }),
    ]);
    // A value that does not look like a code is described, not shown.
    const long = 'x'.repeat(40);
    expect(
      brief(
        await driftOf({
          status: 412,
          headers: JSON_TYPE,
          body: JSON.stringify({ errCode: long }),
        }),
      ),
    ).toEqual(['/errCode x-tianman-known-codes string of 40 characters']);
  });

  it('a status the operation does not define is one entry, whatever the body', async () => {
    const entries = await driftOf({ status: 500, headers: JSON_TYPE, body: '{"respCode":1}' });
    expect(entries).toEqual([
      expect.objectContaining({
        where: 'status',
        keyword: 'status',
        rule: 'a status the operation defines: 200, 204, 4XX',
        found: '500, a JSON body',
      }),
    ]);
  });

  it('media types: a JSON body under another type, no type, a type that does not parse', async () => {
    const body = JSON.stringify(clean);
    expect(
      brief(await driftOf({ status: 200, headers: { 'content-type': 'text/plain' }, body })),
    ).toEqual(['header content-type media-type text/plain']);
    expect(brief(await driftOf({ status: 200, headers: {}, body }))).toEqual([
      'header content-type media-type no content-type',
    ]);
    expect(
      brief(
        await driftOf({
          status: 200,
          headers: { 'content-type': 'json; secret=abc' },
          body,
        }),
      ),
    ).toEqual(['header content-type media-type an unreadable content-type']);
    // Parameters of the media type are not the spec's business, nor the report's.
    expect(
      await driftOf({
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
      }),
    ).toEqual([]);
  });

  it('a body that is not JSON where the spec says JSON is one entry', async () => {
    expect(brief(await driftOf({ status: 200, headers: JSON_TYPE, body: '' }))).toEqual([
      ' json an empty body',
    ]);
    expect(
      brief(
        await driftOf({
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<h1>down</h1>',
        }),
      ),
    ).toEqual([' json a text/html body of 13 bytes, not JSON']);
    expect(
      brief(
        await driftOf({
          status: 200,
          headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
          body: JSON.stringify(clean),
        }),
      ),
    ).toEqual([' json a body that does not decode as its content-encoding (gzip) says']);
  });

  it('checks a compressed answer decompressed', async () => {
    expect(
      await driftOf({
        status: 200,
        headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
        body: gzipSync(JSON.stringify(clean)),
      }),
    ).toEqual([]);
  });

  it('response headers: a missing one and a wrong one, never their values', async () => {
    expect(brief(await driftOf({ status: 204, headers: {}, body: '' }))).toEqual([
      'header x-rate required absent',
    ]);
    expect(
      brief(await driftOf({ status: 204, headers: { 'x-rate': 'secret-rate' }, body: '' })),
    ).toEqual(['header x-rate type a value the rule refuses (header values are not shown)']);
    expect(await readFile(join(dir, 'drift.jsonl'), 'utf8')).not.toContain('secret-rate');
  });

  it('writes what the log entries carry, one JSON line per entry, in order', async () => {
    const lines = (await readFile(join(dir, 'drift.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as DriftEntry);
    expect(lines).toEqual(logs.flatMap((entry) => entry.drift ?? []));
  });
});
