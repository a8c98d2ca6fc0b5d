import { defineConfig, type UserConfig } from 'tsdown';

/**
 * The library, once as ESM (`.js`, `.d.ts`) and once as CommonJS (`.cjs`, `.d.cts`), so that
 * `import` and `require()` both find a build with its own types, under every TypeScript
 * resolution mode. The crypto modules are entries of their own: `#crypto` stays an import in
 * the output, and the consumer's resolver picks one through package.json `imports` (`node`:
 * `node:crypto`, `default`: WebCrypto), in either format.
 */
const library: UserConfig = {
  entry: {
    index: 'src/index.ts',
    'crypto-node': 'src/crypto-node.ts',
    'crypto-web': 'src/crypto-web.ts',
  },
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: false,
  // `.js`/`.d.ts` for ESM and `.cjs`/`.d.cts` for CommonJS ("type": "module"), the names
  // package.json's exports and imports point at.
  fixedExtension: false,
  deps: { neverBundle: ['#crypto', /^node:/] },
  outputOptions: (options, format) => ({
    ...options,
    // Code shared by the entries; named for what it is, not for whichever module came first.
    chunkFileNames: format === 'cjs' ? 'shared-[hash].cjs' : 'shared-[hash].js',
  }),
};

/** The `tianman-sign` bin: ESM only, it is run, never imported. */
const cli: UserConfig = {
  entry: { cli: 'src/cli/bin.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: false,
  sourcemap: false,
  fixedExtension: false,
  // The bin carries its own copy of the signing code and resolves `#crypto` like the library.
  deps: { neverBundle: ['#crypto'] },
  treeshake: {
    // package.json says `sideEffects: false`, true of the library; the bin's whole job is its
    // side effect, and without this exception the bundler drops it and ships an empty cli.js.
    moduleSideEffects: (id) => /[\\/]src[\\/]cli[\\/]bin\.ts$/.test(id),
  },
  // Both builds write to dist/; the library's output must survive this one.
  clean: false,
  outputOptions: {
    // tsdown marks a file with a shebang executable, as a bin must be.
    banner: (chunk) => (chunk.name === 'cli' && chunk.isEntry ? '#!/usr/bin/env node' : ''),
  },
};

export default defineConfig([library, cli]);
