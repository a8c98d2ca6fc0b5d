import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // Sources, not the build package.json `imports` points at. The Node module is the default
    // here; `test/implementations.ts` loads the entry a second time with the WebCrypto one.
    alias: { '#crypto': fileURLToPath(new URL('src/crypto-node.ts', import.meta.url)) },
  },
  test: {
    name: 'signer',
    include: ['test/**/*.test.ts'],
    // Type assertions live in *.test-d.ts: vitest runs tsc over them, so they fail `pnpm test`
    // when a type is wrong (expectTypeOf in a runtime test only checks at compile time).
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    globalSetup: ['test/global-setup.ts'],
    // Property tests run hundreds of signatures each; `pnpm test` runs every package at once on
    // two cores, so a property can take several seconds. A timeout here is load, not a verdict.
    testTimeout: 60_000,
  },
});
