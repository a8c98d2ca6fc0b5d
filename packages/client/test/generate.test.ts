import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
// @ts-expect-error: a plain .mjs script, no declaration file
import { generate } from '../scripts/generate.mjs';
import { addOperation, generateCopy, readSpec, removeCopies } from './generated-copy.js';

// The generator refuses, loudly and naming the place, what the client could not honour: a spec
// edit is never silently unchecked. Each case edits a copy of the real spec once.

const specPath = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const generated = fileURLToPath(new URL('../src/generated', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tianman-generate-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeCopies();
});

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, edited in place
type Doc = any;
const SYNC = '/v1/inip/corporate-wallet/wechat-pay-point/order/sync';
const request = (doc: Doc) => doc.components.schemas.SyncPayScoreOrderRequest;

let n = 0;
/** Generates from the spec with `edit` applied, writing nothing. */
async function generateEdited(edit: (doc: Doc) => void): Promise<void> {
  writeFileSync(
    join(dir, 'common.yaml'),
    stringify({ components: { schemas: { Mid: { type: 'string', maxLength: 32 } } } }),
  );
  const doc = parse(readFileSync(specPath, 'utf8'));
  edit(doc);
  const spec = join(dir, `openapi-${n++}.yaml`);
  writeFileSync(spec, stringify(doc));
  await generate({ spec, out: generated, dryRun: true });
}

it('the unedited spec passes (the committed files are current)', async () => {
  await expect(generateEdited(() => {})).resolves.toBeUndefined();
});

describe.each<[string, (doc: Doc) => void, RegExp]>([
  [
    'an external $ref (to a file that exists: openapi-typescript would bundle it)',
    (doc) => {
      request(doc).properties.mid = { $ref: 'common.yaml#/components/schemas/Mid' };
    },
    /\$ref "common\.yaml#\/components\/schemas\/Mid" at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid does not resolve within the document \(file:\/\/\/.*\/common\.yaml\): external files and URLs are not read/,
  ],
  [
    'a format the client does not assert',
    (doc) => {
      request(doc).properties.serviceId.format = 'hostname';
    },
    /format at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/serviceId is "hostname", which the client does not assert \(it knows date, date-time, time, email, uri, uuid, ipv4, ipv6\)/,
  ],
  [
    'a pattern without x-pattern-message',
    (doc) => {
      request(doc).properties.mid.pattern = '^[0-9]+$';
    },
    /pattern at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid has no x-pattern-message/,
  ],
  [
    'a security scheme without x-tianman-auth',
    (doc) => {
      doc.components.securitySchemes.ApiKey = { type: 'apiKey', in: 'header', name: 'X-Key' };
    },
    /security scheme ApiKey needs x-tianman-auth: signature or token/,
  ],
  [
    'an operation naming a security scheme the spec does not define',
    (doc) => {
      doc.paths[SYNC].post.security = [{ OpenBodySig: [] }, { Missing: [] }];
    },
    /syncPayScoreOrder: unknown security scheme Missing/,
  ],
  [
    'a keyword JSON Schema 2020-12 does not have (a typo)',
    (doc) => {
      request(doc).properties.mid.maxLenght = 32;
    },
    /unknown keyword "maxLenght" at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid: JSON Schema 2020-12 has no such keyword/,
  ],
  [
    'a keyword in a lower case it does not have',
    (doc) => {
      request(doc).properties.mid.maxlength = 32;
    },
    /unknown keyword "maxlength" at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid/,
  ],
  [
    'an extension the generator does not read',
    (doc) => {
      request(doc).properties.fenOrderId['x-patern-message'] = 'typo';
    },
    /extension x-patern-message at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/fenOrderId means nothing to the generator/,
  ],
  [
    'an x-pattern-message without a pattern',
    (doc) => {
      request(doc).properties.mid['x-pattern-message'] = 'digits';
    },
    /x-pattern-message at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid has no pattern beside it/,
  ],
  [
    'a pattern that is not an ECMA-262 regular expression with the u flag',
    (doc) => {
      Object.assign(request(doc).properties.mid, { pattern: '^\\a$', 'x-pattern-message': 'x' });
    },
    /pattern at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid is not an ECMA-262 regular expression with the u flag/,
  ],
  [
    '$dynamicRef',
    (doc) => {
      request(doc).properties.mid = { $dynamicRef: '#meta' };
    },
    /\$dynamicRef at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid: dynamic references are not supported/,
  ],
  [
    '$vocabulary',
    (doc) => {
      request(doc).$vocabulary = { 'https://json-schema.org/draft/2020-12/vocab/core': true };
    },
    /\$vocabulary at #\/components\/schemas\/SyncPayScoreOrderRequest: custom vocabularies are not supported/,
  ],
  [
    'a $schema of another dialect',
    (doc) => {
      request(doc).$schema = 'http://json-schema.org/draft-07/schema#';
    },
    /\$schema at #\/components\/schemas\/SyncPayScoreOrderRequest must be https:\/\/json-schema\.org\/draft\/2020-12\/schema or https:\/\/spec\.openapis\.org\/oas\/3\.1\/dialect\/base/,
  ],
  [
    'a remote $ref',
    (doc) => {
      request(doc).properties.mid = { $ref: 'https://example.com/schemas/mid.json' };
    },
    /\$ref "https:\/\/example\.com\/schemas\/mid\.json" at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid does not resolve within the document/,
  ],
  [
    'a $ref to a pointer where no schema stands',
    (doc) => {
      request(doc).properties.mid = { $ref: '#/components/schemas/Nowhere' };
    },
    /\$ref "#\/components\/schemas\/Nowhere" at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid points at no schema of the document/,
  ],
  [
    'a $ref to an anchor no schema has',
    (doc) => {
      request(doc).properties.mid = { $ref: '#mid' };
    },
    /\$ref "#mid" at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid: no \$anchor "mid"/,
  ],
  [
    'a $ref that applies a schema to the same value endlessly',
    (doc) => {
      doc.components.schemas.Loop = { allOf: [{ $ref: '#/components/schemas/Loop' }] };
      request(doc).properties.mid = { $ref: '#/components/schemas/Loop' };
    },
    /\$ref at #\/components\/schemas\/Loop\/allOf\/0 applies a schema to the value it is already checking, endlessly \(#\/components\/schemas\/Loop → #\/components\/schemas\/Loop\/allOf\/0 → #\/components\/schemas\/Loop\)/,
  ],
  [
    'a keyword value of the wrong kind',
    (doc) => {
      request(doc).properties.mid.maxLength = '32';
    },
    /maxLength at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid must be a non-negative integer/,
  ],
  [
    'a HEAD operation',
    (doc) => {
      doc.paths['/v1/orders'] = { head: { operationId: 'headOrders', responses: {} } };
    },
    /headOrders: HEAD operations are not supported by the client: their answers carry no body to read the platform's code from \(at #\/paths\/~1v1~1orders\/head\)/,
  ],
  [
    'a GET with a request body',
    (doc) => {
      doc.paths['/v1/orders'] = {
        get: {
          operationId: 'listOrders',
          security: [{ OpenBodySig: [] }],
          requestBody: doc.paths[SYNC].post.requestBody,
          responses: {},
        },
      };
    },
    /listOrders: a GET carries no request body \(at #\/paths\/~1v1~1orders\/get\/requestBody\)/,
  ],
  [
    'a header parameter',
    (doc) => {
      doc.paths[SYNC].post.parameters = [
        { name: 'X-Id', in: 'header', schema: { type: 'string', maxLength: 8 } },
      ];
    },
    /syncPayScoreOrder: parameter X-Id \(at #\/paths\/~1v1~1inip~1corporate-wallet~1wechat-pay-point~1order~1sync\/post\/parameters\/0\): header parameters are not supported by the client \(path and query are\)/,
  ],
  [
    'a query parameter in another style',
    (doc) => {
      doc.paths[SYNC].post.parameters = [
        { name: 'f', in: 'query', style: 'deepObject', schema: { type: 'string', maxLength: 8 } },
      ];
    },
    /syncPayScoreOrder: parameter f .*: style deepObject is not supported; a query parameter is serialized with OpenAPI's default, form/,
  ],
  [
    'a query parameter of no single type',
    (doc) => {
      doc.paths[SYNC].post.parameters = [
        { name: 'f', in: 'query', schema: { type: ['string', 'null'], maxLength: 8 } },
      ];
    },
    /syncPayScoreOrder: parameter f .*: its schema needs one type: string, number, integer or boolean, or an array of one of them/,
  ],
  [
    'an array in the path',
    (doc) => {
      doc.paths['/v1/orders/{ids}'] = {
        get: {
          operationId: 'getOrders',
          security: [{ OpenBodySig: [] }],
          parameters: [
            {
              name: 'ids',
              in: 'path',
              required: true,
              schema: { type: 'array', items: { type: 'string' } },
            },
          ],
          responses: {},
        },
      };
    },
    /getOrders: parameter ids .*: its schema needs one type: string, number, integer or boolean \(a URL carries no null, object or mixed value\)/,
  ],
  [
    'a path with a name no parameter declares',
    (doc) => {
      doc.paths['/v1/orders/{orderId}'] = {
        get: { operationId: 'getOrder', security: [{ OpenBodySig: [] }], responses: {} },
      };
    },
    /getOrder: the path \/v1\/orders\/\{orderId\} has \{orderId\} but no path parameter named orderId/,
  ],
  [
    'a path parameter that is not required',
    (doc) => {
      doc.paths['/v1/orders/{orderId}'] = {
        get: {
          operationId: 'getOrder',
          security: [{ OpenBodySig: [] }],
          parameters: [{ name: 'orderId', in: 'path', schema: { type: 'string', maxLength: 8 } }],
          responses: {},
        },
      };
    },
    /getOrder: parameter orderId .*: a path parameter must be required: true \(OpenAPI\)/,
  ],
  [
    'a request body that is not JSON',
    (doc) => {
      const body = doc.paths[SYNC].post.requestBody;
      body.content = { 'application/x-www-form-urlencoded': body.content['application/json'] };
    },
    /syncPayScoreOrder: request body application\/x-www-form-urlencoded: only application\/json is supported/,
  ],
])('%s', (_what, edit, message) => {
  it('stops the generator with a message naming the place', async () => {
    await expect(generateEdited(edit)).rejects.toThrow(message);
  });
});

// The generator refuses external $refs before openapi-typescript runs: it would otherwise fail
// with "Can't resolve $ref: ENOENT …", suggesting to create the file.
it('an external $ref to a missing file gets the generator’s own refusal, not ENOENT', async () => {
  await expect(
    generateEdited((doc) => {
      request(doc).properties.mid = { $ref: 'missing.yaml#/components/schemas/Mid' };
    }),
  ).rejects.toThrow(
    /^generate: \$ref "missing\.yaml#\/components\/schemas\/Mid" at .* does not resolve within the document/,
  );
});

it('lists every refusal of a run, each naming its place', async () => {
  type Refusal = Error & { problems: Array<{ at: string; message: string }> };
  const error = (await generateEdited((doc) => {
    request(doc).properties.mid.maxlength = 32;
    request(doc).properties.serviceId.format = 'hostname';
  }).then(
    () => expect.unreachable('generated'),
    (e: unknown) => e,
  )) as Refusal;
  expect(error.message).toMatch(
    /^generate: 2 problems:\n- unknown keyword "maxlength" at .*\n- format at /,
  );
  expect(error.problems.map((p) => p.at)).toEqual([
    '#/components/schemas/SyncPayScoreOrderRequest/properties/mid',
    '#/components/schemas/SyncPayScoreOrderRequest/properties/serviceId',
  ]);
});

it('asserts the formats it knows: uuid', async () => {
  const doc = readSpec();
  addOperation(doc, 'withUuid', {
    type: 'object',
    properties: { id: { type: 'string', format: 'uuid' } },
  });
  const verdict = await generateCopy(doc);
  expect(verdict('withUuid', { id: '2eb8aa08-aa98-11ea-b4aa-73b441d16380' })).toEqual([]);
  expect(verdict('withUuid', { id: '2eb8aa08' })).toEqual([
    { path: '/id', rule: 'format', message: '/id must be a UUID, 8-4-4-4-12 hex digits' },
  ]);
});

it('a boolean subschema in allOf generates (openapi-typescript gets an equal object schema)', async () => {
  const doc = readSpec();
  addOperation(doc, 'withBooleans', { allOf: [true, { type: 'object' }], $defs: { no: false } });
  const verdict = await generateCopy(doc);
  expect(verdict('withBooleans', {})).toEqual([]);
  expect(verdict('withBooleans', 1).map((i) => i.rule)).toEqual(['type']);
});

it('the command line exits non-zero with the refusal on stderr', async () => {
  const spec = join(dir, 'cli.yaml');
  const doc = parse(readFileSync(specPath, 'utf8'));
  request(doc).properties.mid.maxlength = 32;
  writeFileSync(spec, stringify(doc));
  const run = await promisify(execFile)(process.execPath, [
    fileURLToPath(new URL('../scripts/generate.mjs', import.meta.url)),
    '--spec',
    spec,
    '--check',
  ]).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^generate: unknown keyword "maxlength" at #\/components/);
});
