import { fail } from './errors.js';
import type { Answer } from './response.js';
import type { OperationCall } from './send-operation.js';

/**
 * What a road's answer shows outside the client: the answer as received, without the secrets the
 * client keeps beside it to scrub its errors.
 */
export type RoadAnswer = Pick<Answer, 'url' | 'status' | 'headers' | 'text' | 'data'>;

/** A client's one request road, as `@tianman/client/api` reaches it. */
export interface Road {
  /** The client's base URL. */
  baseUrl: string;
  /** Sends one call of an operation (see `sendOperation`) and gives its final answer. */
  send(call: OperationCall): Promise<RoadAnswer>;
}

// A registered symbol: the same in every copy of the package (its ESM and CommonJS builds), so
// `@tianman/client/api` finds the road of a client whichever build made it. Not enumerable:
// JSON.stringify and util.inspect never show it.
const ROAD = Symbol.for('tianman.client.road');

/** Gives `client` its road, out of sight. */
export function attachRoad(client: object, road: Road): void {
  Object.defineProperty(client, ROAD, { value: road });
}

/** The road of a client `createTianmanClient` made; a `TypeError` for anything else. */
export function roadOf(client: unknown): Road {
  const road = (client as Record<symbol, Road | undefined> | null)?.[ROAD];
  if (!road) {
    fail('ERR_INVALID_OPTION', 'createTianmanApi: expected a client made by createTianmanClient');
  }
  return road;
}
