import type { Client } from 'openapi-fetch';
import { createApi } from './api.js';
import { createAuth } from './auth.js';
import type { CallOptions } from './call-options.js';
import { fail } from './errors.js';
import type { paths } from './generated/openapi.js';
import { operationTable, type TianmanOperations } from './generated/operations.js';
import { resolveOptions, type TianmanClientOptions } from './options.js';
import { answerError, field } from './response.js';
import { checkHeaders, createSend, resolveCall } from './send.js';
import { serializeRequest } from './validate.js';

/** A client made by {@link createTianmanClient}: one method per operation of the contract. */
export interface TianmanClient extends TianmanOperations {
  /**
   * openapi-fetch over the contract's paths, for `{ data, error, response }` results. Every call
   * goes through the same pipeline as the methods: the body is validated (an invalid one throws
   * a `ValidationError`, nothing sent), signed or given the token, retried and timed out. An
   * answer, success or not, is returned for openapi-fetch to read; only failures without an
   * answer (network, timeout) throw.
   */
  readonly api: Client<paths, 'application/json'>;
  /** The appId. */
  readonly appId: string;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The authentication scheme. */
  readonly auth: 'signature' | 'token';
}

// The gateway's and the payment services' success codes: an answer without a `respCode` (the
// endpoint's dialect) succeeds with one of these.
const ERR_SUCCESS = ['0000', 'SUCCESS'];

/**
 * Creates a client. Options are checked once: unknown keys, a missing environment and
 * contradictions throw a `TypeError` naming the option and the fix.
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
  const { appId, baseUrl, auth } = cfg;
  const send = createSend(cfg, createAuth(cfg));

  const methods: Record<string, (body: unknown, options?: CallOptions) => Promise<unknown>> = {};
  for (const [id, op] of Object.entries(operationTable)) {
    const url = baseUrl + op.path;
    methods[id] = async (body, options) => {
      if (!(op.security as readonly string[]).includes(auth)) {
        fail(
          `${id} does not accept auth: '${auth}' (the contract allows ${op.security.join(', ')})`,
        );
      }
      const call = resolveCall(cfg, options);
      const headers = checkHeaders(options?.headers, 'call option ');
      const text = serializeRequest(id, op.validate, body, cfg.clock(), cfg.log, {
        method: op.method,
        url,
        headers,
      });
      const answer = await send(op.method, op.path, text, call, headers);
      const { status, data } = answer;
      const respCode = field(data, 'respCode');
      if (
        status >= 200 &&
        status < 300 &&
        (respCode === undefined
          ? ERR_SUCCESS.includes(field(data, 'errCode') as string)
          : cfg.successCodes.includes(respCode))
      ) {
        return Object.assign({}, data, {
          status,
          headers: answer.headers,
          attempts: answer.attempts,
        });
      }
      throw answerError(answer);
    };
  }

  // The appKey and the token stay in closures: util.inspect(client) and JSON.stringify(client)
  // see only these.
  return Object.freeze({
    ...methods,
    api: createApi(cfg, send),
    appId,
    baseUrl,
    auth,
  }) as unknown as TianmanClient;
}
