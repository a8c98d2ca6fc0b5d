import { defineConfig } from 'tsdown';

/**
 * ESM (`.js`, `.d.ts`) and CommonJS (`.cjs`, `.d.cts`), so that `import` and `require()` each
 * find a build with its own types under every TypeScript resolution mode (NestJS-style
 * `commonjs` + node10 included).
 *
 * A module that differs by runtime is picked the way the signer picks its crypto: it is an
 * entry of its own, its `#name` stays an import (`neverBundle`), and package.json `imports`
 * maps `#name` to `{ "node": …, "default": … }` in both formats. See the README ("Packaging").
 */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  // No Node-only API in the client: the same build runs on Node, edge runtimes and browsers.
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: false,
  // `.js`/`.d.ts` for ESM and `.cjs`/`.d.cts` for CommonJS ("type": "module"), the names
  // package.json's exports point at.
  fixedExtension: false,
  deps: {
    // Runtime dependencies stay imports: the signer picks node:crypto or WebCrypto at the
    // consumer's side, and openapi-fetch is deduplicated with the app's copy. `#…` specifiers
    // are package.json `imports`, resolved per runtime by the consumer, never at build time.
    neverBundle: ['@tianman/signer', 'openapi-fetch', /^#/],
  },
  outputOptions: (options, format) => ({
    ...options,
    chunkFileNames: format === 'cjs' ? 'shared-[hash].cjs' : 'shared-[hash].js',
  }),
});
