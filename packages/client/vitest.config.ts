import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // `#transport` resolves by export condition to a built file in dist/; tests run the sources
    // (tests run on Node, hence the node one; the fetch one is tested by importing it directly).
    alias: {
      '#transport': fileURLToPath(new URL('./src/transport-default-node.ts', import.meta.url)),
    },
  },
  test: {
    name: 'client',
    include: ['test/**/*.test.ts'],
    // Type tests: `expectTypeOf` and `@ts-expect-error`, checked by tsc, not run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    // `pnpm test` runs every package at once; under that load a local call can take a while.
    testTimeout: 20_000,
  },
});
