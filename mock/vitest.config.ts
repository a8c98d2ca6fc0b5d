import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock',
    include: ['test/**/*.test.ts'],
    // One mock for the whole run (port 0); its URL reaches the tests through `inject('mockUrl')`.
    globalSetup: ['test/global-setup.ts'],
    // Starting Prism in a worker (the CLI and validation tests do) takes about a second.
    hookTimeout: 30_000,
    // `pnpm test` runs every package at once; under that load a call can take seconds.
    testTimeout: 20_000,
  },
});
