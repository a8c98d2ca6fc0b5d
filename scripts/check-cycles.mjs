#!/usr/bin/env node
// Fails when a package's sources import each other in a circle (type-only imports included: a
// cycle of types is still two modules that cannot be understood apart). madge reads the imports
// the way TypeScript resolves them (`./x.js` → `x.ts`, the package's tsconfig `paths`).
//
//   node scripts/check-cycles.mjs            every package's src/
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The source folders checked, each with the tsconfig that resolves its imports. */
export const SOURCES = [
  'packages/client',
  'packages/signer',
  'packages/token-store-redis',
  'mock',
].map((dir) => ({ src: join(root, dir, 'src'), tsConfig: join(root, dir, 'tsconfig.json') }));

/**
 * The import cycles among the `.ts` files under `src`, each as the list of files (relative to
 * `src`) that import one another in a circle; `[]` when there is none.
 */
export async function findCycles(src, tsConfig) {
  const graph = await madge(src, {
    fileExtensions: ['ts'],
    tsConfig,
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  return graph.circular();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let found = 0;
  for (const { src, tsConfig } of SOURCES) {
    for (const cycle of await findCycles(src, tsConfig)) {
      found++;
      process.stderr.write(`import cycle in ${src}: ${[...cycle, cycle[0]].join(' → ')}\n`);
    }
  }
  if (found) process.exit(1);
  process.stdout.write(`no import cycle in ${SOURCES.length} packages\n`);
}
