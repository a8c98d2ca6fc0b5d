import { spec } from './load-spec.js';

// biome-ignore lint/suspicious/noExplicitAny: documents are edited generically.
export type Doc = any;

/** The sync operation's path, and the path the fixture operations are added at. */
export const SYNC = '/v1/inip/corporate-wallet/wechat-pay-point/order/sync';
export const TOKEN = '/v1/token/access';
export const FIXTURE = '/v1/test/fixture';

/** A fresh copy of the contract to edit. */
export function contract(): Doc {
  return structuredClone(spec);
}

/** The JSON Pointer of a path of keys, as the ruleset's messages and these tests write it. */
export function pointer(path: Array<string | number>): string {
  return `#${path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

/** The pointer of the fixture operation's request body schema (inline, under `paths`). */
export const FIXTURE_SCHEMA = pointer([
  'paths',
  FIXTURE,
  'post',
  'requestBody',
  'content',
  'application/json',
  'schema',
]);

/** The pointer of a components schema. */
export const component = (name: string, ...rest: Array<string | number>) =>
  pointer(['components', 'schemas', name, ...rest]);

/**
 * Adds an operation that follows every convention, at `FIXTURE`, with `schema` as its request
 * body schema written inline and `example` as its request example (Spectral checks the example
 * against the schema, so it must be valid).
 */
export function withFixture(doc: Doc, schema: unknown, example: unknown): Doc {
  doc.paths[FIXTURE] = {
    post: {
      operationId: 'fixtureCall',
      tags: ['wechat-pay-point'],
      summary: 'A fixture operation',
      description: 'An operation the lint tests add to the contract.',
      security: [{ OpenBodySig: [] }, { OpenAccessToken: [] }],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema, examples: { sample: { value: example } } },
        },
      },
      responses: {
        '200': {
          description: 'Done.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/SyncPayScoreOrderResponse' },
              examples: { success: { value: { respCode: '0000' } } },
            },
          },
        },
        '400': { $ref: '#/components/responses/GatewayBadRequest' },
        '412': { $ref: '#/components/responses/GatewayAuthFailed' },
        '422': { $ref: '#/components/responses/GatewayParameterError' },
        '500': { $ref: '#/components/responses/GatewaySystemError' },
      },
    },
  };
  return doc;
}

/** A described string property, bounded unless told otherwise. */
export const text = (extra: Record<string, unknown> = { maxLength: 16 }) => ({
  type: 'string',
  description: 'A text.',
  ...extra,
});
