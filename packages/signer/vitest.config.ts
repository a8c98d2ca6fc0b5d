import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'signer',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Property tests run hundreds of signatures each; `pnpm test` runs every package at once on
    // two cores, so a property can take several seconds. A timeout here is load, not a verdict.
    testTimeout: 60_000,
  },
});
