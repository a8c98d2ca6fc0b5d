import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'client',
    include: ['test/**/*.test.ts'],
    // Type tests: `expectTypeOf` and `@ts-expect-error`, checked by tsc, not run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    // `pnpm test` runs every package at once; under that load a local call can take a while.
    testTimeout: 20_000,
  },
});
