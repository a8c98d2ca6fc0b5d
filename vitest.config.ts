import { defineConfig } from 'vitest/config';

// One vitest "project" per workspace package, so `pnpm vitest` at the root runs everything in
// one process while `pnpm test` (turbo) runs each package on its own with caching.
export default defineConfig({
  test: {
    projects: ['spec', 'packages/*', 'mock', 'release', 'site'],
  },
});
