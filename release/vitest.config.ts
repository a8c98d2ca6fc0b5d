import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'release',
    include: ['test/**/*.test.ts'],
    // Packing and a real `npm install` of the tarballs happen once, before any test file.
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 240_000,
    testTimeout: 120_000,
  },
});
