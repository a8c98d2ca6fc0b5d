import { createAuth } from './auth.js';
import type { CallOptions } from './call-options.js';
import { classify } from './classify.js';
import type { TianmanClientOptions } from './client-options.js';
import { fail } from './errors.js';
import type { TianmanOperations } from './generated/operations.js';
import { operations } from './operation.js';
import { resolveOptions } from './resolve-options.js';
import { attachRoad } from './road.js';
import { type Client, sendOperation } from './send-operation.js';

/**
 * A client made by {@link createTianmanClient}: one method per operation of the contract. For
 * openapi-fetch over the same road, `createTianmanApi(client)` from `@tianman/client/api`.
 */
export interface TianmanClient extends TianmanOperations {
  /** The appId. */
  readonly appId: string;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The authentication scheme. */
  readonly auth: 'signature' | 'token';
}

/**
 * Creates a client. Options are checked once: unknown keys, a missing environment and
 * contradictions throw a `TypeError` (`code` `ERR_INVALID_OPTION`) naming the option and the fix.
 *
 * @example
 * ```ts
 * const client = createTianmanClient({ appId, appKey, environment: 'test' });
 * const { respCode, headers } = await client.syncPayScoreOrder({
 *   fenOrderId, mid, serviceId, type: 'Order_Paid',
 *   detail: { paidTime: formatPaidTime(paidAt) },
 * });
 * ```
 */
export function createTianmanClient(options?: TianmanClientOptions): TianmanClient {
  const cfg = resolveOptions(options);
  const client: Client = { cfg, auth: createAuth(cfg) };

  const methods: Record<string, (first?: unknown, second?: unknown) => Promise<unknown>> = {};
  for (const operation of operations) {
    const takesInput = operation.parameters.length > 0;
    const takesBody = operation.validate !== null;
    // (input, options) with parameters, (body, options) for a body alone, (options) for neither.
    methods[operation.id] = async (first, second) => {
      const input = takesInput ? inputOf(operation.id, first, takesBody) : undefined;
      const answer = await sendOperation(client, {
        operation,
        body: takesInput
          ? input && 'body' in input
            ? { value: input.body }
            : undefined
          : takesBody
            ? { value: first }
            : undefined,
        path: input?.path,
        query: input?.query,
        options: (takesInput || takesBody ? second : first) as CallOptions | undefined,
        where: 'call option ',
      });
      const failure = classify(answer, cfg.successCodes, operation.emptySuccess);
      if (failure) throw failure;
      return Object.assign({}, answer.data, {
        status: answer.status,
        headers: answer.headers,
        attempts: answer.attempts,
      });
    };
  }

  // The appKey and the token stay in closures: util.inspect(client) and JSON.stringify(client)
  // see only these.
  const made = {
    ...methods,
    appId: cfg.appId,
    baseUrl: cfg.baseUrl,
    auth: cfg.auth,
  };
  // For @tianman/client/api: the road, whose answers carry no secret.
  attachRoad(made, {
    baseUrl: cfg.baseUrl,
    send: async (call) => {
      const { url, status, headers, text, data } = await sendOperation(client, call);
      return { url, status, headers, text, data };
    },
  });
  return Object.freeze(made) as unknown as TianmanClient;
}

/**
 * The input of a method whose operation has parameters: `{ path, query, body }` (`body` only when
 * it takes one). Another field is a caller's mistake, refused before anything is sent.
 */
function inputOf(
  id: string,
  input: unknown,
  takesBody: boolean,
): { path?: unknown; query?: unknown; body?: unknown } | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== 'object' || input === null) {
    fail(
      'ERR_INVALID_OPTION',
      `${id}: its input is an object: { path, query${takesBody ? ', body' : ''} }`,
    );
  }
  const known = takesBody ? ['path', 'query', 'body'] : ['path', 'query'];
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      fail(
        'ERR_INVALID_OPTION',
        `${id}: unknown input field ${key}: remove it (known: ${known.join(', ')})`,
      );
    }
  }
  return input;
}
