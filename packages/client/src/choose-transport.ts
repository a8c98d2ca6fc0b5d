import { createAgentTransport, defaultTransport } from '#transport';
import { fail } from './errors.js';
import type { Transport } from './transport.js';
import { createFetchTransport } from './transport-fetch.js';

/**
 * The transport for the `fetch` and `agent` options: the caller's fetch, Node's transport over
 * the caller's agent, or the runtime's default (`#transport`).
 */
export function chooseTransport(
  fetchOption: typeof fetch | undefined,
  agent: object | undefined,
): Transport {
  if (agent && fetchOption) {
    fail(
      'ERR_INVALID_OPTION',
      'agent and fetch: pass one of them (agent is for the Node transport)',
    );
  }
  if (fetchOption) return createFetchTransport(fetchOption);
  if (!agent) return defaultTransport;
  return (
    createAgentTransport(agent) ??
    fail('ERR_INVALID_OPTION', 'agent: needs Node (node:http); this runtime uses fetch')
  );
}
