import { vi } from 'vitest';
import * as nodeEntry from '../src/index.js';

/**
 * The one entry, a second time, with `#crypto` resolved as a runtime without the `node`
 * condition resolves it (package.json `imports` → `crypto-web.ts`): the same public API over
 * WebCrypto. `entries.test.ts` proves the built package makes the same choice.
 */
async function loadWebEntry(): Promise<typeof nodeEntry> {
  vi.resetModules();
  vi.doMock('#crypto', () => import('../src/crypto-web.js'));
  try {
    return await import('../src/index.js');
  } finally {
    vi.doUnmock('#crypto');
    vi.resetModules();
  }
}

/** The entry over `node:crypto`. */
export const node = nodeEntry;
/** The entry over WebCrypto. */
export const web = await loadWebEntry();

/** Both, for suites that must hold for every runtime. */
export const IMPLEMENTATIONS = [
  ['node:crypto', node],
  ['WebCrypto', web],
] as const;

/** The public API, whichever crypto it runs on. */
export type Signer = typeof node;
