import { defineProject } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests `pnpm mutation` (Stryker) runs: every run-time test of the sources (the client's
 * tests never read `dist/`). Left out: the type tests (no run-time code to kill a mutant) and
 * the time-zone test (below).
 */
export default defineProject({
  // The `#transport` alias and anything else the base config resolves.
  ...base,
  test: {
    ...base.test,
    typecheck: { enabled: false },
    // Stryker runs vitest in worker threads, where switching process.env.TZ does not move the
    // clock: the one test that does so runs in `pnpm test` only.
    testNamePattern: '^(?!.*under TZ=America/Los_Angeles)',
  },
});
