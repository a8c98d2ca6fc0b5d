import { afterAll } from 'vitest';
import { startMock } from '../src/index.js';

// Only for `pnpm mutation` (vitest.mutation.config.ts). Stryker switches mutants on inside the
// test worker; a mock started by the global setup runs in vitest's main process, where no mutant
// is ever active, so the gate tests could kill nothing. Here each test file gets its own mock, in
// the worker, handed to `inject` the way the global setup would hand it.
const mock = await startMock({ port: 0 });
const state = (globalThis as { __vitest_worker__?: { providedContext: Record<string, unknown> } })
  .__vitest_worker__;
if (state === undefined) throw new Error('mutation-setup: not running in a vitest worker');
state.providedContext.mockUrl = mock.url;
state.providedContext.mockCredentials = mock.credentials;
afterAll(() => mock.close());
