import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: false,
  // `.js`/`.d.ts`, the names package.json's exports point at.
  fixedExtension: false,
  // node-redis and ioredis are never imported: the caller passes a client in.
});
