import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: {
    'index.node': 'src/index.node.ts',
    'index.web': 'src/index.web.ts',
    cli: 'src/cli/bin.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  treeshake: {
    // package.json says `sideEffects: false`, true of the library; the bin's whole job is its
    // side effect, and without this exception the bundler drops it and ships an empty cli.js.
    moduleSideEffects: (id) => /[\\/]src[\\/]cli[\\/]bin\.ts$/.test(id),
  },
  sourcemap: false,
  // `.js`/`.d.ts`, the names package.json's exports and bin point at.
  fixedExtension: false,
  outputOptions: {
    // Code shared by the entries; named for what it is, not for whichever module came first.
    chunkFileNames: 'shared-[hash].js',
    // tsdown marks a file with a shebang executable, as a bin must be.
    banner: (chunk) => (chunk.name === 'cli' && chunk.isEntry ? '#!/usr/bin/env node' : ''),
  },
});
