#!/usr/bin/env node
// @ts-check
// `pnpm docs` (through the root script, which builds the packages first): builds the reference
// site into site/dist/, or into `--out <dir>`.
import { relative, resolve } from 'node:path';
import { buildSite } from '../src/build-site.mjs';
import { defaultOut, root } from '../src/paths.mjs';

const at = process.argv.indexOf('--out');
const given = at > 0 ? process.argv[at + 1] : undefined;
const out = given ? resolve(given) : defaultOut;
try {
  const site = await buildSite({ out });
  const where = relative(root, site.out) || '.';
  console.log(
    `docs: ${where}/index.html — ${site.operations.length} operations, ${site.samples.length} TypeScript examples type-checked, ${site.typescript.modules.length} entry points, ${site.typescript.guides.length + 1} guides (TypeDoc: ${site.typescript.warnings} warnings)`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
