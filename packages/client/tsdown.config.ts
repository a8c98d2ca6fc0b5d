import { defineConfig } from 'tsdown';
import { dualPackage } from '../../scripts/dual-package.js';

/**
 * ESM and CommonJS, each with its own declarations (`scripts/dual-package.ts`).
 *
 * A module that differs by runtime is picked the way the signer picks its crypto: it is an
 * entry of its own, the code imports it as `#name` (kept as an import), and package.json
 * `imports` maps `#name` to `{ "node": …, "default": … }` for both formats.
 */
export default defineConfig(
  dualPackage({
    entry: { index: 'src/index.ts' },
    // No Node-only API in the client: the same build runs on Node, edge runtimes and browsers.
    platform: 'neutral',
    target: 'es2022',
    // Runtime dependencies stay imports: the signer picks node:crypto or WebCrypto at the
    // consumer's side, and openapi-fetch is deduplicated with the app's copy.
    neverBundle: ['@tianman/signer', 'openapi-fetch'],
  }),
);
