import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { readEndpointExample, withEndpointExample } from '../../../spec/test/endpoint-example.js';
import { generateCopy, readSpec, removeCopies } from './generated-copy.js';

// Size as growth: each operation the spec gains adds its row, its types and its validators to
// every bundle of the client. The root README's endpoint examples, each an operation of about
// the sync's size, are added to the spec one at a time; the client's edge bundle (esbuild,
// minify, gzip -9, the fetch transport and the WebCrypto signer, as release/test/size.test.ts
// measures the published package) may grow by at most BUDGET bytes for each.

/** Bytes (min+gzip) one added operation may cost the edge bundle. */
const BUDGET = 400;

const clientDir = fileURLToPath(new URL('../', import.meta.url));

/** min+gzip bytes of the edge bundle of the client whose sources are in `dir/src`. */
async function edgeBundle(dir: string): Promise<number> {
  const result = await build({
    entryPoints: [join(dir, 'src/index.ts')],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // No tsconfig `paths`: the packages' own map `#transport` and `#crypto` to their Node
    // sources for the type checker; a bundler reads package.json `imports`, as here.
    tsconfigRaw: {},
    alias: { '#transport': join(dir, 'src/transport-default-fetch.ts') },
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return gzipSync(output.text, { level: 9 }).byteLength;
}

afterAll(removeCopies);

const example = readEndpointExample();

it.each(Object.keys(example.paths))(
  `the edge bundle grows by at most ${BUDGET} B (min+gzip) with the README's %s`,
  { timeout: 120_000 },
  async (path) => {
    const base = await edgeBundle(clientDir);
    const one = { ...example, paths: { [path]: example.paths[path] } };
    const { dir } = await generateCopy(withEndpointExample(readSpec(), one));
    const grown = await edgeBundle(dir);
    console.info(`operation cost: ${path} adds ${grown - base} B min+gzip (base ${base} B)`);
    expect(grown - base).toBeGreaterThan(0);
    expect(grown - base).toBeLessThanOrEqual(BUDGET);
  },
);
