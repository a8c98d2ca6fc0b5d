import { defineProject } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests `pnpm mutation` (Stryker) runs. The shared mock starts in each worker instead of the
 * global setup (see test/mutation-setup.ts). Left out: the differential test (1200 requests for
 * every mutant it covers; the gate tests pin the same behaviour) and the contract tests, which
 * load the client's build.
 */
export default defineProject({
  // Whatever else the base config sets (resolve aliases…).
  ...base,
  test: {
    ...base.test,
    exclude: ['test/differential.test.ts', 'test/contract.test.ts'],
    globalSetup: [],
    setupFiles: ['test/mutation-setup.ts'],
  },
});
