// Size of the generated validators, measured as release/test/size.test.ts measures the client:
// esbuild (bundle, minify, ES2022), then gzip -9. Not a test: figures for the README and reviews.
//
//   the spec's validators    validateSyncPayScoreOrder + validateGetAccessToken with the helpers
//                            they import
//   + fixture operation      what mock/test/fixture-operation.test.ts's operation adds (its
//                            request schema is copied here)
//
// Run: node bench/validator-size.mjs
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { generate } from '../scripts/generate.mjs';

const clientDir = fileURLToPath(new URL('../', import.meta.url));
const spec = parse(readFileSync(join(clientDir, '../../spec/openapi.yaml'), 'utf8'));

/** The fixture operation's request body and the component it references. */
function addFixtureOperation(doc) {
  doc.components.schemas.OrderQueryPage = {
    type: 'object',
    additionalProperties: false,
    required: ['size'],
    properties: {
      size: { type: 'integer', minimum: 1, maximum: 50 },
      state: { type: 'string', enum: ['DONE', 'CREATED'] },
    },
  };
  doc.paths['/v1/inip/corporate-wallet/wechat-pay-point/order/query'] = {
    post: {
      operationId: 'queryPayScoreOrders',
      security: [{ OpenBodySig: [] }, { OpenAccessToken: [] }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['mid', 'fenOrderIds', 'page'],
              properties: {
                mid: { type: 'string', minLength: 1, maxLength: 32 },
                fenOrderIds: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 3,
                  items: {
                    type: 'string',
                    maxLength: 12,
                    pattern: '^[A-Za-z0-9]+$',
                    'x-pattern-message': 'letters and digits only',
                  },
                },
                primaryOrderId: {
                  $ref: '#/components/schemas/SyncPayScoreOrderRequest/properties/fenOrderId',
                  maxLength: 16,
                },
                page: { $ref: '#/components/schemas/OrderQueryPage' },
              },
            },
          },
        },
      },
      responses: { 200: { description: 'The orders found.' } },
    },
  };
}

/** min and min+gzip bytes of `names` exported from the validators generated from `doc`. */
async function measure(doc, names) {
  const dir = mkdtempSync(join(clientDir, '.fixture-size-'));
  try {
    cpSync(join(clientDir, 'src/schema-runtime'), join(dir, 'schema-runtime'), { recursive: true });
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    await generate({ spec: join(dir, 'openapi.json'), out: join(dir, 'generated'), dryRun: false });
    const result = await build({
      stdin: {
        contents: `export { ${names.join(', ')} } from './generated/validators.js';`,
        resolveDir: dir,
        loader: 'js',
      },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    return { min: code.length, gzip: gzipSync(code, { level: 9 }).byteLength };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const own = ['validateSyncPayScoreOrder', 'validateGetAccessToken'];
const base = await measure(spec, own);
const withFixture = structuredClone(spec);
addFixtureOperation(withFixture);
const fixture = await measure(withFixture, [...own, 'validateQueryPayScoreOrders']);
console.log(`the spec's validators with their helpers: ${base.min} B min, ${base.gzip} B min+gzip`);
console.log(
  `+ the fixture operation: ${fixture.min - base.min} B min, ${fixture.gzip - base.gzip} B min+gzip`,
);
