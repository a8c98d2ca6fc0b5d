import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  // No Node-only API in the client: the same build runs on Node, edge runtimes and browsers.
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: false,
  // `.js`/`.d.ts`, the names package.json's exports point at.
  fixedExtension: false,
  deps: {
    // Runtime dependencies stay imports: the signer picks node:crypto or WebCrypto by export
    // condition at the consumer's side, and openapi-fetch is deduplicated with the app's copy.
    neverBundle: ['@tianman/signer', 'openapi-fetch'],
  },
});
