import { chmod, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', demo: 'src/demo.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: false,
  // `.js`/`.d.ts`, the names package.json's exports and bin point at.
  fixedExtension: false,
  // Dependencies stay external anyway; the client is a devDependency only the repo-only demo
  // imports, and bundling it would ship a second copy of it inside the mock.
  external: ['@tianman/client'],
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
});
