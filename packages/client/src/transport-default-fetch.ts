/**
 * `#transport` everywhere but Node (the `default` condition): the `fetch` transport. Imports
 * nothing from Node, so an edge or browser bundle never pulls `node:http`.
 */
import type { Transport } from './transport.js';
import { createFetchTransport } from './transport-fetch.js';

/** The transport a client uses when the caller passes neither `fetch` nor `agent`. */
export const defaultTransport: Transport = createFetchTransport();

/**
 * The transport for the client's `agent` option: `undefined` here, as an `http.Agent` needs
 * `node:http`; the options check refuses `agent` on this runtime with a message saying so.
 */
// Stryker disable next-line BlockStatement: an empty body returns undefined too; the options check refuses agent on this runtime
export function createAgentTransport(_agent: object): Transport | undefined {
  return undefined;
}
