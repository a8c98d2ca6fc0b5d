import { defineConfig, type UserConfig } from 'tsdown';
import { dualPackage } from '../../scripts/dual-package.js';

/**
 * The library, ESM and CommonJS, each with its own declarations (`scripts/dual-package.ts`).
 * The crypto modules are entries of their own: `#crypto` stays an import in the output, and the
 * consumer's resolver picks one through package.json `imports` (`node`: `node:crypto`,
 * `default`: WebCrypto), in either format.
 */
const library = dualPackage({
  entry: {
    index: 'src/index.ts',
    'crypto-node': 'src/crypto-node.ts',
    'crypto-web': 'src/crypto-web.ts',
  },
  platform: 'neutral',
  target: 'es2022',
  neverBundle: [/^node:/],
});

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
