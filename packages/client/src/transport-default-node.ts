/**
 * `#transport` on Node (the `node` condition): the `node:http` transport. The pipeline imports
 * `#transport` and never names a runtime; the consumer's resolver picks this file or
 * `transport-default-fetch.ts`.
 */
import type { Agent as HttpAgent } from 'node:http';
import type { Transport } from './transport.js';
import { createNodeTransport } from './transport-node.js';

/** The transport a client uses when the caller passes neither `fetch` nor `agent`. */
export const defaultTransport: Transport = createNodeTransport();

/**
 * The transport for the client's `agent` option (a proxy agent, a custom CA, mutual TLS), or
 * `undefined` on a runtime without `node:http`, where the option cannot work.
 */
export function createAgentTransport(agent: object): Transport | undefined {
  return createNodeTransport({ agent: agent as HttpAgent });
}
