import { defineProject } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests `pnpm mutation` (Stryker) runs: every test of the sources. Left out: the tests of the
 * build (entries, cli-bin and time-zones read `dist/`, which Stryker does not mutate and whose
 * global setup would bundle the instrumented sources) and the type tests (no run-time code).
 */
export default defineProject({
  // The `#crypto` alias and anything else the base config resolves.
  ...base,
  test: {
    ...base.test,
    exclude: ['test/entries.test.ts', 'test/cli-bin.test.ts', 'test/time-zones.test.ts'],
    globalSetup: [],
    typecheck: { enabled: false },
  },
});
