import { chmod, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig, type UserConfig } from 'tsdown';
import { dualPackage } from '../scripts/dual-package.js';

const shared = {
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // `.js`/`.d.ts` for ESM, `.cjs`/`.d.cts` for CommonJS ("type": "module"): the names
  // package.json's exports and bin point at.
  fixedExtension: false,
  // Dependencies stay external anyway; the client is a devDependency only the repo-only demo
  // imports, and bundling it would ship a second copy of it inside the mock.
  deps: { neverBundle: ['@tianman/client'] },
} satisfies UserConfig;

/**
 * `startMock` for `import` and for `require()`: a NestJS/Jest suite (CommonJS) starts the mock
 * in-process like an ESM one does. `shims` gives the CommonJS build the `import.meta.url` that
 * finds the bundled contract and loads pino.
 */
const library = dualPackage({
  ...shared,
  entry: { index: 'src/index.ts' },
  shims: true,
  neverBundle: ['@tianman/client'],
});

/** The `tianman-mock` bin and the repo-only demo: ESM, run and never imported. */
const programs: UserConfig = {
  ...shared,
  entry: { cli: 'src/cli.ts', demo: 'src/demo.ts' },
  format: 'esm',
  dts: false,
  // Both builds write to dist/; the library's output must survive this one.
  clean: false,
  outputOptions: {
    banner: (chunk) => (chunk.name === 'cli' && chunk.isEntry ? '#!/usr/bin/env node' : ''),
  },
  hooks: {
    'build:done': async (context) => {
      // The bin must be executable for a linked or globally installed package.
      await chmod(join(context.options.outDir, 'cli.js'), 0o755);
      // `npx tianman-mock` from a tarball has no repository around it: ship the contract
      // (package.json `files` lists it; .gitignore keeps the copy out of git).
      await copyFile(
        join(import.meta.dirname, '../spec/openapi.yaml'),
        join(import.meta.dirname, 'openapi.yaml'),
      );
    },
  },
};

export default defineConfig([library, programs]);
