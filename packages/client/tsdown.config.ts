import { defineConfig } from 'tsdown';
import { dualPackage } from '../../scripts/dual-package.js';

/**
 * ESM and CommonJS, each with its own declarations (`scripts/dual-package.ts`), for two entries:
 * the client (`.`) and openapi-fetch over its road (`./api`), apart so that a bundle of the
 * methods alone carries no openapi-fetch.
 *
 * The transport differs by runtime and is picked the way the signer picks its crypto: each
 * target of package.json's `#transport` import is an entry of its own, the code imports it as
 * `#transport` (kept as an import), and `imports` maps it by condition for both formats, so an
 * edge bundle never sees `node:http`.
 */
export default defineConfig(
  dualPackage({
    entry: {
      index: 'src/index.ts',
      api: 'src/api.ts',
      'transport-default-node': 'src/transport-default-node.ts',
      'transport-default-fetch': 'src/transport-default-fetch.ts',
    },
    // Node's modules are imported by the node transport only, never bundled.
    platform: 'neutral',
    target: 'es2022',
    // Runtime dependencies stay imports: the signer picks node:crypto or WebCrypto at the
    // consumer's side, and openapi-fetch is deduplicated with the app's copy.
    neverBundle: ['@tianman/signer', 'openapi-fetch', /^node:/],
  }),
);
