import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // The two targets of package.json's `#transport` import, built apart so the consumer's
    // resolver picks one by condition and an edge bundle never sees `node:http`.
    'transport-default-node': 'src/transport-default-node.ts',
    'transport-default-fetch': 'src/transport-default-fetch.ts',
  },
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
    // `#transport` stays an import too: resolved by condition where the package is used.
    neverBundle: ['@tianman/signer', 'openapi-fetch', '#transport', /^node:/],
  },
});
