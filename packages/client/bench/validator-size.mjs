// Size of the generated validators, measured as release/test/size.test.ts measures the client:
// esbuild (bundle, minify, ES2022), then gzip -9. Not a test: figures for the README and reviews.
// The spec's validators (validateSyncPayScoreOrder and validateGetAccessToken) with the helpers
// they import. What one more operation adds to the whole bundle, validators included, is
// test/operation-cost.test.ts's to guard.
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
console.log(`the spec's validators with their helpers: ${base.min} B min, ${base.gzip} B min+gzip`);
