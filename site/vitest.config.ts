import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'site',
    include: ['test/**/*.test.ts'],
    // The site is built once, into a temporary folder, for the tests that read it
    // (`inject('siteOut')`): the build itself is a test of `pnpm run docs`.
    globalSetup: ['test/global-setup.ts'],
    // The build type-checks the examples and runs Redocly and TypeDoc: tens of seconds, more
    // when `pnpm test` runs every package at once on two cores.
    hookTimeout: 600_000,
    testTimeout: 180_000,
  },
});
