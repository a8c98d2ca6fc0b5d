import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  component,
  contract,
  type Doc,
  FIXTURE,
  FIXTURE_SCHEMA,
  pointer,
  SYNC,
  TOKEN,
  text,
  withFixture,
} from './lint-fixtures.js';
import { type LintResult, lintDocuments, RULESET_FILE, SPEC_FILE } from './spectral.js';

// The real Spectral CLI runs the contract's ruleset once over the contract and over edited
// copies of it: each copy either passes with zero problems of any rule, or breaks conventions
// and must get exactly the expected problems (rule, path) with messages that say the fix.

/** An expected problem: rule, JSON Pointer of the path, and words its message must contain. */
type Problem = [code: string, at: string, says: string];

interface LintCase {
  name: string;
  doc: () => Doc;
  problems: Problem[];
}

const SYNC_OP = pointer(['paths', SYNC, 'post']);
const TOKEN_OP = pointer(['paths', TOKEN, 'post']);
const SYNC_REQUEST = component('SyncPayScoreOrderRequest');
const FIXTURE_EXAMPLE = pointer([
  'paths',
  FIXTURE,
  'post',
  'requestBody',
  'content',
  'application/json',
  'examples',
  'sample',
]);
const DETAIL = component('SyncPayScoreOrderDetail');

/** A closed branch of a oneOf with a kind and one field. */
const branch = (kind: string, field: string, schema: unknown, closed = true) => ({
  type: 'object',
  ...(closed ? { additionalProperties: false } : {}),
  required: ['kind', field],
  properties: { kind: { const: kind, description: 'Which shape.' }, [field]: schema },
});

const amount = { type: 'integer', minimum: 1, description: 'An amount in fen.' };

const passing: LintCase[] = [
  {
    name: 'a GET without a body, with described, bounded path and query parameters (one shared)',
    doc: () => {
      const doc = contract();
      const op = structuredClone(doc.paths[SYNC].post);
      delete op.requestBody;
      doc.components.parameters = {
        Limit: {
          name: 'limit',
          in: 'query',
          description: 'How many.',
          schema: { type: 'integer', minimum: 1, maximum: 50 },
          example: 10,
        },
      };
      doc.paths['/v1/orders/{orderId}'] = {
        parameters: [
          {
            name: 'orderId',
            in: 'path',
            required: true,
            description: 'The order.',
            schema: { type: 'string', maxLength: 32 },
            examples: { one: { value: 'A1' } },
          },
        ],
        get: {
          ...op,
          operationId: 'getOrder',
          parameters: [
            { $ref: '#/components/parameters/Limit' },
            {
              name: 'states',
              in: 'query',
              description: 'Which states.',
              schema: { type: 'array', items: { type: 'string', enum: ['DONE', 'CREATED'] } },
              example: ['DONE'],
            },
          ],
        },
      };
      return doc;
    },
    problems: [],
  },
  {
    name: 'a request body written as a $ref to components.requestBodies',
    doc: () => {
      const doc = contract();
      doc.components.requestBodies = { Sync: doc.paths[SYNC].post.requestBody };
      doc.paths[SYNC].post.requestBody = { $ref: '#/components/requestBodies/Sync' };
      return doc;
    },
    problems: [],
  },
  {
    name: 'a oneOf body whose every branch is closed by additionalProperties: false',
    doc: () =>
      withFixture(
        contract(),
        { oneOf: [branch('refund', 'amount', amount), branch('cancel', 'reason', text())] },
        { kind: 'refund', amount: 100 },
      ),
    problems: [],
  },
  {
    name: 'the same oneOf body as a components/schemas/…Request schema',
    doc: () => {
      const doc = contract();
      doc.components.schemas.FixtureRequest = {
        description: 'A refund or a cancellation.',
        oneOf: [branch('refund', 'amount', amount), branch('cancel', 'reason', text())],
      };
      return withFixture(
        doc,
        { $ref: '#/components/schemas/FixtureRequest' },
        { kind: 'cancel', reason: 'r' },
      );
    },
    problems: [],
  },
  {
    name: 'an allOf body ($ref member) closed by unevaluatedProperties: false',
    doc: () => {
      const doc = contract();
      doc.components.schemas.FixtureBase = {
        type: 'object',
        description: 'Fields every fixture call carries.',
        required: ['orderId'],
        properties: { orderId: text() },
      };
      doc.components.schemas.FixtureRequest = {
        type: 'object',
        description: 'A fixture call.',
        allOf: [{ $ref: '#/components/schemas/FixtureBase' }, { properties: { note: text() } }],
        unevaluatedProperties: false,
      };
      return withFixture(
        doc,
        { $ref: '#/components/schemas/FixtureRequest' },
        { orderId: 'A1', note: 'n' },
      );
    },
    problems: [],
  },
  {
    name: 'a oneOf of fields declared beside it, closed by unevaluatedProperties: false',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          required: ['kind'],
          properties: { kind: text({ enum: ['a', 'b'] }) },
          unevaluatedProperties: false,
          oneOf: [
            { required: ['a'], properties: { a: text() } },
            { required: ['b'], properties: { b: amount } },
          ],
        },
        { kind: 'a', a: 'x' },
      ),
    problems: [],
  },
  {
    name: 'additionalProperties: false beside a oneOf that only requires what it declares',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          additionalProperties: false,
          properties: { a: text(), b: text() },
          oneOf: [{ required: ['a'] }, { required: ['b'] }],
        },
        { a: 'x' },
      ),
    problems: [],
  },
  {
    name: 'closed branches that declare again (name: true) the fields declared beside the oneOf',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          required: ['kind'],
          properties: { kind: text({ enum: ['a', 'b'] }) },
          oneOf: [
            { additionalProperties: false, properties: { kind: true, a: text() } },
            { additionalProperties: false, properties: { kind: true, b: amount } },
          ],
        },
        { kind: 'a', a: 'x' },
      ),
    problems: [],
  },
  {
    name: 'strings bounded by an anchored pattern, const, enum and format date; bounded array items; a recursive schema',
    doc: () => {
      const doc = contract();
      doc.components.schemas.FixtureNode = {
        type: 'object',
        description: 'A node of a tree.',
        additionalProperties: false,
        properties: {
          name: text(),
          children: {
            type: 'array',
            description: 'The node’s children.',
            maxItems: 4,
            items: { $ref: '#/components/schemas/FixtureNode' },
          },
        },
      };
      return withFixture(
        doc,
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            code: text({
              pattern: '^(?:[A-Z]{3}|X-[0-9]{1,4})$',
              'x-pattern-message': 'three capital letters, or X- and up to 4 digits',
            }),
            mode: text({ const: 'live' }),
            level: text({ enum: ['low', 'high'] }),
            day: text({ format: 'date' }),
            tags: { type: 'array', description: 'Tags.', maxItems: 3, items: text() },
            tree: { $ref: '#/components/schemas/FixtureNode' },
          },
        },
        { code: 'ABC', tree: { name: 'root', children: [{ name: 'leaf' }] } },
      );
    },
    problems: [],
  },
  {
    name: 'paidTime without maxLength: its anchored pattern bounds it (14 characters)',
    doc: () => {
      const doc = contract();
      delete doc.components.schemas.SyncPayScoreOrderDetail.properties.paidTime.maxLength;
      return doc;
    },
    problems: [],
  },
];

const biting: LintCase[] = [
  // tianman-request-body-closed
  {
    name: 'a oneOf with an open branch is refused, saying to close that branch',
    doc: () =>
      withFixture(
        contract(),
        {
          oneOf: [branch('refund', 'amount', amount), branch('cancel', 'reason', text(), false)],
        },
        { kind: 'refund', amount: 100 },
      ),
    problems: [
      [
        'tianman-request-body-closed',
        `${FIXTURE_SCHEMA}/oneOf/1`,
        `fixtureCall request body: an object that accepts fields it does not declare: add additionalProperties: false at ${FIXTURE_SCHEMA}/oneOf/1 (on the oneOf branch itself: additionalProperties: false beside the oneOf would refuse every field its branches declare).`,
      ],
    ],
  },
  {
    name: 'additionalProperties: false beside a oneOf refuses the fields its branches declare',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          additionalProperties: false,
          oneOf: [branch('refund', 'amount', amount), branch('cancel', 'reason', text())],
        },
        {},
      ),
    problems: [
      ...['kind', 'amount', 'reason'].map(
        (field, i): Problem => [
          'tianman-request-body-closed',
          `${FIXTURE_SCHEMA}/additionalProperties`,
          `fixtureCall request body: field ${field} (declared at ${FIXTURE_SCHEMA}/oneOf/${i < 2 ? 0 : 1}) is refused by additionalProperties: false at ${FIXTURE_SCHEMA}, which sees only the properties written beside it, not those of allOf, oneOf, anyOf, $ref or if: declare ${field} beside it (${field}: true is enough), or close with unevaluatedProperties: false at ${FIXTURE_SCHEMA} instead.`,
        ],
      ),
      // No body passes such a schema, so no example can (one report per branch).
      ['oas3-valid-media-example', `${FIXTURE_EXAMPLE}/value`, ''],
      ['oas3-valid-media-example', `${FIXTURE_EXAMPLE}/value`, ''],
    ],
  },
  {
    name: 'additionalProperties: false beside an allOf refuses the members’ fields',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          additionalProperties: false,
          properties: { note: text() },
          allOf: [{ $ref: '#/components/schemas/SyncPayScoreOrderDetail' }],
        },
        {},
      ),
    problems: [
      [
        'tianman-request-body-closed',
        `${FIXTURE_SCHEMA}/additionalProperties`,
        `field paidTime (declared at ${DETAIL}) is refused by additionalProperties: false at ${FIXTURE_SCHEMA}`,
      ],
      // …and the member's own additionalProperties: false refuses the field declared beside.
      [
        'tianman-request-body-closed',
        `${DETAIL}/additionalProperties`,
        `field note (declared at ${FIXTURE_SCHEMA}) is refused by additionalProperties: false at ${DETAIL}`,
      ],
      // No body passes such a schema (paidTime is required and refused).
      ['oas3-valid-media-example', `${FIXTURE_EXAMPLE}/value`, ''],
    ],
  },
  {
    name: 'an allOf body left open is told to close with unevaluatedProperties: false',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          properties: { note: text() },
          allOf: [{ properties: { other: text() } }],
        },
        {},
      ),
    problems: [
      [
        'tianman-request-body-closed',
        FIXTURE_SCHEMA,
        `fixtureCall request body: an object that accepts fields it does not declare: add unevaluatedProperties: false at ${FIXTURE_SCHEMA} (additionalProperties: false there would refuse the fields declared through allOf, oneOf, anyOf or $ref below it).`,
      ],
    ],
  },
  {
    name: 'unevaluatedProperties: false inside an allOf member does not see its siblings',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          allOf: [
            { properties: { a: text() }, unevaluatedProperties: false },
            { properties: { b: text() } },
          ],
        },
        {},
      ),
    problems: [
      [
        'tianman-request-body-closed',
        `${FIXTURE_SCHEMA}/allOf/0/unevaluatedProperties`,
        `field b (declared at ${FIXTURE_SCHEMA}/allOf/1) is refused by unevaluatedProperties: false at ${FIXTURE_SCHEMA}/allOf/0, which sees only fields evaluated by its own schema and the allOf, oneOf, anyOf, $ref and if/then/else below it: move it to ${FIXTURE_SCHEMA}.`,
      ],
    ],
  },
  {
    name: 'an inline body (no components) is checked like a referenced one',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          properties: { note: text(), free: { type: 'string', description: 'x' } },
        },
        {},
      ),
    problems: [
      [
        'tianman-request-body-closed',
        FIXTURE_SCHEMA,
        `fixtureCall request body: an object that accepts fields it does not declare: add additionalProperties: false at ${FIXTURE_SCHEMA}.`,
      ],
      [
        'tianman-request-string-bounded',
        `${FIXTURE_SCHEMA}/properties/free`,
        `fixtureCall request body at /free: a string with no length bound: add maxLength at ${FIXTURE_SCHEMA}/properties/free (or enum, const, a format that bounds it: date, uuid, ipv4, ipv6, or a pattern anchored ^…$ without *, + or {n,}, with its x-pattern-message).`,
      ],
    ],
  },
  {
    name: 'a referenced body left open is refused where it is written',
    doc: () => {
      const doc = contract();
      delete doc.components.schemas.SyncPayScoreOrderRequest.additionalProperties;
      return doc;
    },
    problems: [
      [
        'tianman-request-body-closed',
        SYNC_REQUEST,
        `syncPayScoreOrder request body: an object that accepts fields it does not declare: add additionalProperties: false at ${SYNC_REQUEST}.`,
      ],
    ],
  },
  {
    name: 'a nested object left open is refused',
    doc: () => {
      const doc = contract();
      delete doc.components.schemas.SyncPayScoreOrderDetail.additionalProperties;
      return doc;
    },
    problems: [
      [
        'tianman-request-body-closed',
        DETAIL,
        `syncPayScoreOrder request body at /detail: an object that accepts fields it does not declare: add additionalProperties: false at ${DETAIL}.`,
      ],
    ],
  },
  {
    name: 'objects in array items are checked, and an array without items is refused',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            lines: {
              type: 'array',
              description: 'Lines.',
              items: { type: 'object', properties: { sku: text() } },
            },
            anything: { type: 'array', description: 'Anything.' },
          },
        },
        {},
      ),
    problems: [
      [
        'tianman-request-body-closed',
        `${FIXTURE_SCHEMA}/properties/lines/items`,
        `fixtureCall request body at /lines/[]: an object that accepts fields it does not declare: add additionalProperties: false at ${FIXTURE_SCHEMA}/properties/lines/items.`,
      ],
      [
        'tianman-request-body-closed',
        `${FIXTURE_SCHEMA}/properties/anything`,
        `fixtureCall request body at /anything: an array whose items can be any JSON value (no items): add items at ${FIXTURE_SCHEMA}/properties/anything`,
      ],
      ['array-items', `${FIXTURE_SCHEMA}/properties/anything`, ''],
    ],
  },
  {
    name: 'a place with no type accepts open objects and unbounded strings',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          additionalProperties: false,
          properties: { extra: { description: 'Anything at all.' } },
        },
        {},
      ),
    problems: [
      [
        'tianman-request-body-closed',
        `${FIXTURE_SCHEMA}/properties/extra`,
        `fixtureCall request body at /extra: has no type (nor enum or const), so it accepts an object with any fields and an array of anything: give it a type at ${FIXTURE_SCHEMA}/properties/extra`,
      ],
      [
        'tianman-request-string-bounded',
        `${FIXTURE_SCHEMA}/properties/extra`,
        `fixtureCall request body at /extra: has no type (nor enum or const), so it accepts a string of any length: give it a type at ${FIXTURE_SCHEMA}/properties/extra (a string also needs maxLength).`,
      ],
    ],
  },
  // tianman-request-string-bounded
  {
    name: 'a string property without a bound is refused, naming the place and the fix',
    doc: () => {
      const doc = contract();
      delete doc.components.schemas.SyncPayScoreOrderRequest.properties.mid.maxLength;
      return doc;
    },
    problems: [
      [
        'tianman-request-string-bounded',
        component('SyncPayScoreOrderRequest', 'properties', 'mid'),
        `syncPayScoreOrder request body at /mid: a string with no length bound: add maxLength at ${component('SyncPayScoreOrderRequest', 'properties', 'mid')}`,
      ],
    ],
  },
  {
    name: 'strings of array items and of oneOf branches must be bounded too',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            tags: {
              type: 'array',
              description: 'Tags.',
              maxItems: 3,
              items: { type: 'string' },
            },
            choice: {
              description: 'One of two shapes.',
              oneOf: [
                branch('a', 'a', { type: 'string', description: 'Unbounded.' }),
                branch('b', 'b', amount),
              ],
            },
          },
        },
        {},
      ),
    problems: [
      [
        'tianman-request-string-bounded',
        `${FIXTURE_SCHEMA}/properties/tags/items`,
        `fixtureCall request body at /tags/[]: a string with no length bound: add maxLength at ${FIXTURE_SCHEMA}/properties/tags/items`,
      ],
      [
        'tianman-request-string-bounded',
        `${FIXTURE_SCHEMA}/properties/choice/oneOf/0/properties/a`,
        `fixtureCall request body at /choice/a: a string with no length bound: add maxLength at ${FIXTURE_SCHEMA}/properties/choice/oneOf/0/properties/a`,
      ],
    ],
  },
  {
    name: 'a pattern or a format that does not bound the length is not a bound',
    doc: () =>
      withFixture(
        contract(),
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            letters: text({ pattern: '^[a-z]+$', 'x-pattern-message': 'lower-case letters' }),
            mail: text({ format: 'email' }),
          },
        },
        {},
      ),
    problems: [
      [
        'tianman-request-string-bounded',
        `${FIXTURE_SCHEMA}/properties/letters`,
        'a string with no length bound (its pattern ^[a-z]+$ does not bound the length (it is not anchored ^…$, or repeats with *, + or {n,})): add maxLength',
      ],
      [
        'tianman-request-string-bounded',
        `${FIXTURE_SCHEMA}/properties/mail`,
        'a string with no length bound (format email does not bound the length): add maxLength',
      ],
    ],
  },
  {
    name: 'an object schema without type: object accepts strings of any length',
    doc: () => {
      const doc = contract();
      delete doc.components.schemas.SyncPayScoreOrderDetail.type;
      return doc;
    },
    problems: [
      [
        'tianman-request-string-bounded',
        DETAIL,
        `syncPayScoreOrder request body at /detail: has no type (nor enum or const), so it accepts a string of any length: give it a type at ${DETAIL}`,
      ],
      [
        'tianman-request-body-closed',
        DETAIL,
        'syncPayScoreOrder request body at /detail: has no type (nor enum or const), so it accepts an array of anything',
      ],
    ],
  },
  // tianman-local-refs
  {
    name: 'a $ref to another file, in a request body and in a response',
    doc: () => {
      const doc = contract();
      doc.components.schemas.SyncPayScoreOrderRequest.properties.extra = {
        $ref: 'extra.yaml',
        description: 'More.',
      };
      doc.components.schemas.GatewayError.properties.trace = {
        $ref: 'common.yaml#/Trace',
        description: 'A trace.',
      };
      return doc;
    },
    problems: [
      [
        'tianman-local-refs',
        component('SyncPayScoreOrderRequest', 'properties', 'extra', '$ref'),
        `$ref extra.yaml at ${component('SyncPayScoreOrderRequest', 'properties', 'extra')} points outside this document, which the generator refuses: move what it points to under #/components and reference it from there (#/components/schemas/<Name>).`,
      ],
      [
        'tianman-local-refs',
        component('GatewayError', 'properties', 'trace', '$ref'),
        '$ref common.yaml#/Trace at',
      ],
      // Spectral cannot read either, so it says so too.
      ['invalid-ref', component('SyncPayScoreOrderRequest', 'properties', 'extra', '$ref'), ''],
      ['invalid-ref', component('GatewayError', 'properties', 'trace', '$ref'), ''],
    ],
  },
  // tianman-pattern-message
  {
    name: 'a pattern without x-pattern-message, in components and inline',
    doc: () => {
      const doc = contract();
      delete doc.components.schemas.AccessTokenRequest.properties.timestamp['x-pattern-message'];
      return withFixture(
        doc,
        {
          type: 'object',
          additionalProperties: false,
          properties: { code: text({ pattern: '^[A-Z]{3}$' }) },
        },
        {},
      );
    },
    problems: [
      [
        'tianman-pattern-message',
        component('AccessTokenRequest', 'properties', 'timestamp', 'pattern'),
        `The pattern at ${component('AccessTokenRequest', 'properties', 'timestamp')} has no x-pattern-message: add x-pattern-message: "<what the pattern allows, in words>" beside it`,
      ],
      [
        'tianman-pattern-message',
        `${FIXTURE_SCHEMA}/properties/code/pattern`,
        `The pattern at ${FIXTURE_SCHEMA}/properties/code has no x-pattern-message`,
      ],
    ],
  },
  // tianman-schema-keywords
  {
    name: 'a mistyped keyword, an OpenAPI 3.0 keyword and an unknown extension',
    doc: () => {
      const doc = contract();
      const mid = doc.components.schemas.SyncPayScoreOrderRequest.properties.mid;
      mid.minlength = mid.minLength;
      delete mid.minLength;
      doc.components.schemas.SyncPayScoreOrderDetail.nullable = true;
      doc.components.schemas.SyncPayScoreOrderResponse['x-internal'] = true;
      doc.components.schemas.SyncPayScoreOrderResponse.properties.respDesc.format = 'remark';
      return doc;
    },
    problems: [
      [
        'tianman-schema-keywords',
        component('SyncPayScoreOrderRequest', 'properties', 'mid', 'minlength'),
        `${component('SyncPayScoreOrderRequest', 'properties', 'mid', 'minlength')}: minlength is not a JSON Schema keyword (it would check nothing, and the generator refuses it): write minLength.`,
      ],
      [
        'tianman-schema-keywords',
        component('SyncPayScoreOrderDetail', 'nullable'),
        'nullable is not a JSON Schema 2020-12 keyword',
      ],
      [
        'tianman-schema-keywords',
        component('SyncPayScoreOrderResponse', 'x-internal'),
        'the extension x-internal means nothing to the generator, which refuses it: remove it (the generator reads x-pattern-message in schemas).',
      ],
      [
        'tianman-schema-keywords',
        component('SyncPayScoreOrderResponse', 'properties', 'respDesc', 'format'),
        'format "remark" is not one the client\'s validators assert (date, date-time, time, email, uri, uuid, ipv4, ipv6), so it would check nothing',
      ],
    ],
  },
  // tianman-property-description
  {
    name: 'a property without a description, nested in components, inline and in a response',
    doc: () => {
      const doc = contract();
      delete doc.components.schemas.SyncPayScoreOrderDetail.properties.paidTime.description;
      withFixture(
        doc,
        {
          type: 'object',
          additionalProperties: false,
          properties: { note: { type: 'string', maxLength: 8 } },
        },
        {},
      );
      doc.paths[FIXTURE].post.responses['200'].content['application/json'].schema = {
        type: 'object',
        properties: { respCode: { type: 'string' } },
      };
      return doc;
    },
    problems: [
      [
        'tianman-property-description',
        component('SyncPayScoreOrderDetail', 'properties', 'paidTime'),
        `Property paidTime (${component('SyncPayScoreOrderDetail', 'properties', 'paidTime')}) has no description: add description: saying what it means`,
      ],
      ['tianman-property-description', `${FIXTURE_SCHEMA}/properties/note`, 'Property note'],
      [
        'tianman-property-description',
        pointer([
          'paths',
          FIXTURE,
          'post',
          'responses',
          '200',
          'content',
          'application/json',
          'schema',
          'properties',
          'respCode',
        ]),
        'Property respCode',
      ],
    ],
  },
  // tianman-operation-id
  {
    name: 'an operationId that is not camelCase, and a missing one',
    doc: () => {
      const doc = contract();
      doc.paths[SYNC].post.operationId = 'Sync_pay-score-order';
      delete doc.paths[TOKEN].post.operationId;
      return doc;
    },
    problems: [
      [
        'tianman-operation-id',
        `${SYNC_OP}/operationId`,
        'operationId Sync_pay-score-order is not camelCase (a lower-case letter, then letters and digits): it becomes client.<operationId>; write syncPayScoreOrder.',
      ],
      [
        'tianman-operation-id',
        TOKEN_OP,
        `POST ${TOKEN} has no operationId: add operationId: <camelCase name> (the client's method is client.<operationId>).`,
      ],
    ],
  },
  // tianman-operation-summary, tianman-operation-description
  {
    name: 'an operation without summary or description',
    doc: () => {
      const doc = contract();
      delete doc.paths[SYNC].post.summary;
      delete doc.paths[TOKEN].post.description;
      return doc;
    },
    problems: [
      [
        'tianman-operation-summary',
        SYNC_OP,
        "syncPayScoreOrder has no summary: add summary: <one line> (it opens the TSDoc of the client's method).",
      ],
      [
        'tianman-operation-description',
        TOKEN_OP,
        'getAccessToken has no description: add description: saying what the call does',
      ],
    ],
  },
  // tianman-operation-security
  {
    name: 'an operation without security says which schemes to name',
    doc: () => {
      const doc = contract();
      delete doc.paths[SYNC].post.security;
      return doc;
    },
    problems: [
      [
        'tianman-operation-security',
        SYNC_OP,
        'syncPayScoreOrder names no security scheme: every operation is authenticated; add security: [{ OpenBodySig: [] }, { OpenAccessToken: [] }] (the schemes with x-tianman-auth).',
      ],
    ],
  },
  {
    name: 'an unknown scheme, and a token endpoint that names a scheme',
    doc: () => {
      const doc = contract();
      doc.paths[SYNC].post.security = [{ OpenBodySig: [] }, { Basic: [] }];
      doc.paths[TOKEN].post.security = [{ OpenBodySig: [] }];
      return doc;
    },
    problems: [
      [
        'tianman-operation-security',
        `${SYNC_OP}/security/1/Basic`,
        "syncPayScoreOrder's security names Basic, which is not a security scheme with x-tianman-auth (signature or token): name OpenBodySig or OpenAccessToken.",
      ],
      ['oas3-operation-security-defined', `${SYNC_OP}/security/1/Basic`, ''],
      [
        'tianman-operation-security',
        `${TOKEN_OP}/security`,
        'getAccessToken is the token endpoint (x-tianman-token-endpoint): it authenticates with its own signed body, so it names no scheme: write security: [] on it.',
      ],
    ],
  },
  // tianman-security-scheme-auth
  {
    name: 'a security scheme without x-tianman-auth',
    doc: () => {
      const doc = contract();
      delete doc.components.securitySchemes.OpenAccessToken['x-tianman-auth'];
      doc.components.securitySchemes.OpenBodySig['x-tianman-auth'] = 'hmac';
      return doc;
    },
    problems: [
      [
        'tianman-security-scheme-auth',
        pointer(['components', 'securitySchemes', 'OpenAccessToken']),
        'Security scheme OpenAccessToken has no x-tianman-auth: add x-tianman-auth: signature or token',
      ],
      [
        'tianman-security-scheme-auth',
        pointer(['components', 'securitySchemes', 'OpenBodySig', 'x-tianman-auth']),
        'Security scheme OpenBodySig has x-tianman-auth: "hmac": write signature or token',
      ],
      [
        'tianman-operation-security',
        `${SYNC_OP}/security/0/OpenBodySig`,
        "syncPayScoreOrder's security names OpenBodySig, which is not a security scheme with x-tianman-auth",
      ],
      [
        'tianman-operation-security',
        `${SYNC_OP}/security/1/OpenAccessToken`,
        "syncPayScoreOrder's security names OpenAccessToken, which is not a security scheme with x-tianman-auth",
      ],
    ],
  },
  // tianman-token-endpoint
  {
    name: 'no token endpoint',
    doc: () => {
      const doc = contract();
      delete doc.paths[TOKEN].post['x-tianman-token-endpoint'];
      return doc;
    },
    problems: [
      [
        'tianman-token-endpoint',
        '#/paths',
        'No operation is marked x-tianman-token-endpoint: true',
      ],
      ['tianman-operation-security', `${TOKEN_OP}/security`, 'getAccessToken names no security'],
    ],
  },
  {
    name: 'two token endpoints, and a marker that is not true',
    doc: () => {
      const doc = contract();
      doc.paths[SYNC].post['x-tianman-token-endpoint'] = true;
      doc.paths[SYNC].post.security = [];
      withFixture(doc, { type: 'object', additionalProperties: false }, {});
      doc.paths[FIXTURE].post['x-tianman-token-endpoint'] = 'yes';
      return doc;
    },
    problems: [
      [
        'tianman-token-endpoint',
        `${TOKEN_OP}/x-tianman-token-endpoint`,
        'getAccessToken is a second operation marked x-tianman-token-endpoint (the first is syncPayScoreOrder)',
      ],
      [
        'tianman-token-endpoint',
        pointer(['paths', FIXTURE, 'post', 'x-tianman-token-endpoint']),
        'fixtureCall: x-tianman-token-endpoint is "yes"; the generator reads only true',
      ],
    ],
  },
  // tianman-request-body-json
  {
    name: 'a request body that is not required, offers another type, or is missing',
    doc: () => {
      const doc = contract();
      const body = doc.paths[SYNC].post.requestBody;
      body.required = false;
      body.content['text/plain'] = { schema: { type: 'string', maxLength: 8 } };
      delete doc.paths[TOKEN].post.requestBody;
      return doc;
    },
    problems: [
      [
        'tianman-request-body-json',
        `${SYNC_OP}/requestBody`,
        "syncPayScoreOrder's request body is not required: add required: true to it",
      ],
      [
        'tianman-request-body-json',
        `${SYNC_OP}/requestBody/content/text~1plain`,
        "syncPayScoreOrder's request body offers text/plain: the client sends only application/json; remove text/plain.",
      ],
      [
        'tianman-request-body-json',
        TOKEN_OP,
        'getAccessToken has no request body: the token request is a JSON body; add requestBody: { required: true, content: { application/json: { schema: … } } }.',
      ],
      ['oas3-unused-component', component('AccessTokenRequest'), ''],
    ],
  },
  {
    name: 'a GET with a request body, and a HEAD',
    doc: () => {
      const doc = contract();
      doc.paths['/v1/orders'] = {
        get: { ...structuredClone(doc.paths[SYNC].post), operationId: 'listOrders' },
        head: { ...structuredClone(doc.paths[SYNC].post), operationId: 'headOrders' },
      };
      delete doc.paths['/v1/orders'].head.requestBody;
      return doc;
    },
    problems: [
      [
        'tianman-request-body-json',
        pointer(['paths', '/v1/orders', 'get', 'requestBody']),
        'listOrders is a GET with a request body: a GET carries none; remove requestBody',
      ],
      [
        'tianman-operation-method',
        pointer(['paths', '/v1/orders', 'head']),
        'headOrders is a HEAD: the client sends GET, PUT, POST, PATCH and DELETE',
      ],
    ],
  },
  // tianman-parameters
  {
    name: 'parameters the client cannot send, or unbounded, undescribed, out of the path',
    doc: () => {
      const doc = contract();
      const op = structuredClone(doc.paths[SYNC].post);
      delete op.requestBody;
      doc.paths['/v1/orders/{orderId}/{other}'] = {
        parameters: [
          {
            name: 'orderId',
            in: 'path',
            required: true,
            description: 'The order.',
            schema: { type: 'string' },
            example: 'A1',
          },
        ],
        get: {
          ...op,
          operationId: 'getOrder',
          parameters: [
            {
              name: 'X-Id',
              in: 'header',
              description: 'A trace id.',
              schema: { type: 'string', maxLength: 8 },
            },
            {
              name: 'f',
              in: 'query',
              style: 'deepObject',
              schema: { type: 'string', maxLength: 8 },
              example: 'x',
            },
            {
              name: 'g',
              in: 'query',
              description: 'Mixed.',
              schema: { type: ['string', 'null'], maxLength: 8 },
              example: 'x',
            },
            {
              name: 'gone',
              in: 'path',
              required: true,
              description: 'Not in the path.',
              schema: { type: 'integer' },
            },
          ],
        },
      };
      return doc;
    },
    problems: [
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'parameters', '0', 'schema']),
        'getOrder: parameter orderId (#/paths/~1v1~1orders~1{orderId}~1{other}/parameters/0) is a string of any length: add maxLength',
      ],
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get', 'parameters', '0', 'in']),
        'is in header: the client sends path and query parameters only',
      ],
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get', 'parameters', '1']),
        'getOrder: parameter f (#/paths/~1v1~1orders~1{orderId}~1{other}/get/parameters/1) has no description',
      ],
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get', 'parameters', '1', 'style']),
        'has style deepObject: the client sends form',
      ],
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get', 'parameters', '2', 'schema']),
        'its schema needs one type: string, number, integer or boolean, or an array of one of them',
      ],
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get', 'parameters', '3']),
        'getOrder: parameter gone (#/paths/~1v1~1orders~1{orderId}~1{other}/get/parameters/3) has no example: add example: with a value',
      ],
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get', 'parameters', '3']),
        'the path /v1/orders/{orderId}/{other} has no {gone}',
      ],
      [
        'tianman-parameters',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get']),
        'has {other} but no path parameter other',
      ],
      // Spectral's own rule sees the same two path mistakes.
      ['path-params', pointer(['paths', '/v1/orders/{orderId}/{other}', 'get']), ''],
      [
        'path-params',
        pointer(['paths', '/v1/orders/{orderId}/{other}', 'get', 'parameters', '3']),
        '',
      ],
    ],
  },
  // tianman-success-body-fields
  {
    name: 'a success body declaring a field the result adds',
    doc: () => {
      const doc = contract();
      doc.components.schemas.SyncPayScoreOrderResponse.properties.status = {
        type: 'string',
        description: 'A status.',
      };
      return doc;
    },
    problems: [
      [
        'tianman-success-body-fields',
        component('SyncPayScoreOrderResponse', 'properties', 'status'),
        "syncPayScoreOrder's 200 body declares status",
      ],
    ],
  },
  // tianman-gateway-responses
  {
    name: 'a missing gateway response says the YAML line to add; an inline one says to $ref it',
    doc: () => {
      const doc = contract();
      delete doc.paths[SYNC].post.responses['412'];
      doc.paths[TOKEN].post.responses['500'] = structuredClone(
        doc.components.responses.GatewaySystemError,
      );
      return doc;
    },
    problems: [
      [
        'tianman-gateway-responses',
        `${SYNC_OP}/responses`,
        'syncPayScoreOrder has no 412 response, which the gateway answers to every operation: add under its responses:  "412": { $ref: "#/components/responses/GatewayAuthFailed" }',
      ],
      [
        'tianman-gateway-responses',
        `${TOKEN_OP}/responses/500`,
        'getAccessToken\'s 500 response is not the gateway\'s shared one: write it as  "500": { $ref: "#/components/responses/GatewaySystemError" }',
      ],
    ],
  },
  // tianman-operation-response-examples
  {
    name: 'responses without named examples, $ref’d (reported once) and inline',
    doc: () => {
      const doc = contract();
      delete doc.components.responses.GatewayAuthFailed.content['application/json'].examples;
      const ok = doc.paths[TOKEN].post.responses['200'].content['application/json'];
      ok.example = ok.examples.issued.value;
      delete ok.examples;
      return doc;
    },
    problems: [
      [
        'tianman-operation-response-examples',
        pointer(['components', 'responses', 'GatewayAuthFailed', 'content', 'application/json']),
        'the 412 response of syncPayScoreOrder (#/components/responses/GatewayAuthFailed), application/json: has no named examples: add examples:',
      ],
      [
        'tianman-operation-response-examples',
        pointer(['paths', TOKEN, 'post', 'responses', '200', 'content', 'application/json']),
        'the 200 response of getAccessToken, application/json: has no named examples',
      ],
    ],
  },
  {
    name: 'a named example without a value',
    doc: () => {
      const doc = contract();
      const examples = doc.components.responses.GatewaySystemError.content['application/json'];
      examples.examples.systemError = { summary: 'No value' };
      return doc;
    },
    problems: [
      [
        'tianman-operation-response-examples',
        pointer([
          'components',
          'responses',
          'GatewaySystemError',
          'content',
          'application/json',
          'examples',
          'systemError',
        ]),
        'example systemError has no value: give it value:',
      ],
      [
        'oas3-valid-media-example',
        pointer([
          'components',
          'responses',
          'GatewaySystemError',
          'content',
          'application/json',
          'examples',
          'systemError',
        ]),
        '',
      ],
      [
        'oas3-examples-value-or-externalValue',
        pointer([
          'components',
          'responses',
          'GatewaySystemError',
          'content',
          'application/json',
          'examples',
          'systemError',
        ]),
        '',
      ],
    ],
  },
  // tianman-request-body-examples
  {
    name: 'a request body without named examples',
    doc: () => {
      const doc = contract();
      delete doc.paths[TOKEN].post.requestBody.content['application/json'].examples;
      return doc;
    },
    problems: [
      [
        'tianman-request-body-examples',
        pointer(['paths', TOKEN, 'post', 'requestBody', 'content', 'application/json']),
        "getAccessToken's request body, application/json: has no named examples",
      ],
    ],
  },
];

/** The rules the contract's ruleset defines (not those it only turns off). */
const ownRules = Object.entries(
  parse(readFileSync(RULESET_FILE, 'utf8')).rules as Record<string, unknown>,
)
  .filter(([, rule]) => typeof rule === 'object')
  .map(([name]) => name);

const all = [...passing, ...biting];
const id = (i: number) => `case-${i}`;
let results: Record<string, LintResult[]>;

beforeAll(async () => {
  results = await lintDocuments(Object.fromEntries(all.map((c, i) => [id(i), c.doc()])), [
    SPEC_FILE,
  ]);
}, 180_000);

/** What a case got, as [code, pointer, message], sorted like its expectation. */
const got = (i: number) =>
  (results[id(i)] ?? [])
    .map((r) => [r.code, pointer(r.path), r.message] as Problem)
    .sort(([c1, p1, m1], [c2, p2, m2]) => `${c1} ${p1} ${m1}`.localeCompare(`${c2} ${p2} ${m2}`));

describe('the contract', () => {
  it('passes every rule with zero problems', () => {
    expect(results[SPEC_FILE]).toEqual([]);
  });
});

describe('edited copies that follow the conventions pass with zero problems', () => {
  it.each(passing.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    expect(got(i)).toEqual([]);
  });
});

describe('every rule bites', () => {
  it.each(biting.map((c, i) => [c.name, passing.length + i] as const))('%s', (_name, i) => {
    const problems = got(i);
    const expected = [...all[i].problems].sort(([c1, p1, m1], [c2, p2, m2]) =>
      `${c1} ${p1} ${m1}`.localeCompare(`${c2} ${p2} ${m2}`),
    );
    // Exactly these rules at exactly these places, no other problem…
    expect(problems.map(([code, at]) => `${code} ${at}`)).toEqual(
      expected.map(([code, at]) => `${code} ${at}`),
    );
    // …each saying what was expected.
    problems.forEach(([, , message], k) => {
      expect(message).toContain(expected[k][2]);
    });
  });

  it('has a case for every rule of the ruleset', () => {
    const bitten = new Set(biting.flatMap((c) => c.problems.map(([code]) => code)));
    expect(ownRules.filter((rule) => !bitten.has(rule))).toEqual([]);
  });
});
