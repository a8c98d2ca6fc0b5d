import type { Transport } from './transport.js';
import { createFetchTransport } from './transport-fetch.js';

/** The transport used when the caller passes no `fetch`. */
export const defaultTransport = (): Transport => createFetchTransport();
