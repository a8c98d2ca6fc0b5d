import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'token-store-redis',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The fleet tests start dozens of Node processes; `pnpm test` runs every package at once on
    // two cores. A timeout here is load, not a verdict.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
