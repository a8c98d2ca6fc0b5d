import { defineConfig } from 'tsdown';
import { dualPackage } from '../../scripts/dual-package.js';

// ESM and CommonJS, each with its own declarations (`scripts/dual-package.ts`). node-redis and
// ioredis are never imported: the caller passes a connected client in.
export default defineConfig(
  dualPackage({ entry: { index: 'src/index.ts' }, platform: 'node', target: 'node20' }),
);
