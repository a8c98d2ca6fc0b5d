import * as node from '../src/index.node.js';
import * as web from '../src/index.web.js';

/** Both entries, for suites that must hold for every runtime. */
export const IMPLEMENTATIONS = [
  ['node:crypto', node],
  ['WebCrypto', web],
] as const;

/** The public API, whichever entry it comes from. */
export type Signer = typeof node;
