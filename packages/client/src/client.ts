import createClient, { type Client } from 'openapi-fetch';
import { type CallOptions, exchange } from './attempts.js';
import { createAuth } from './auth.js';
import type { paths } from './generated/openapi.js';
import { syncPayScoreOrderRoute } from './generated/schemas.js';
import { authMiddleware } from './middleware.js';
import { resolveOptions, type TianmanClientOptions } from './options.js';
import { answerError, field } from './response.js';
import { type SyncPayScoreOrderBody, serializeBody } from './serialize.js';

/** A successful sync: `respCode` is one of the client's `successCodes`. */
export interface SyncPayScoreOrderResult {
  /** The endpoint's result code, one of `successCodes`. */
  respCode: string;
  /** The platform's description, when it sent one. */
  respDesc: string | undefined;
  /** HTTP status (2xx). */
  status: number;
  /** HTTP requests it took: 1 unless retried or re-sent after a token refresh. */
  attempts: number;
}

/** A client made by {@link createTianmanClient}. Its appKey lives in a closure, out of sight. */
export interface TianmanClient {
  /**
   * 订单信息同步: tells WeChat Pay Score that the order was paid through another channel. The
   * body is validated against the contract (nothing is sent when it fails), serialized once, and
   * signed afresh for every attempt.
   *
   * Rejects with `ValidationError`, `AuthError`, `ApiError`, `NetworkError` or `TimeoutError`,
   * or with the signal's reason when `signal` aborts.
   */
  syncPayScoreOrder(
    body: SyncPayScoreOrderBody,
    options?: CallOptions,
  ): Promise<SyncPayScoreOrderResult>;
  /**
   * openapi-fetch over the contract's paths, with the client's authentication as a middleware,
   * for `{ data, error, response }` results. No validation, retries or timeouts: plain
   * openapi-fetch.
   */
  readonly api: Client<paths, 'application/json'>;
  /** The appId. */
  readonly appId: string;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The authentication scheme. */
  readonly auth: 'signature' | 'token';
}

const SYNC_PATH = syncPayScoreOrderRoute.path;

/**
 * Creates a client. Options are checked once: unknown keys, a missing environment and
 * contradictions throw a `TypeError` naming the option and the fix.
 *
 * @example
 * ```ts
 * const client = createTianmanClient({ appId, appKey, environment: 'test' });
 * const { respCode } = await client.syncPayScoreOrder({
 *   fenOrderId, mid, serviceId, type: 'Order_Paid',
 *   detail: { paidTime: formatPaidTime(paidAt) },
 * });
 * ```
 */
export function createTianmanClient(options: TianmanClientOptions): TianmanClient {
  const cfg = resolveOptions(options);
  const { appId, baseUrl, auth } = cfg;
  const authn = createAuth(cfg);

  async function syncPayScoreOrder(
    body: SyncPayScoreOrderBody,
    call: CallOptions = {},
  ): Promise<SyncPayScoreOrderResult> {
    const text = serializeBody(body, cfg.now(), cfg.log, baseUrl + SYNC_PATH);
    const answer = await exchange(
      cfg,
      SYNC_PATH,
      async () => {
        const [authorization, secret] = await authn.authorize(text, call.signal);
        return {
          body: text,
          headers: { 'content-type': 'application/json', authorization },
          secret,
        };
      },
      call,
      authn.drop,
    );
    const { status, data, attempts } = answer;
    const respCode = field(data, 'respCode') as string;
    if (status < 300 && cfg.successCodes.includes(respCode)) {
      return { respCode, respDesc: field(data, 'respDesc'), status, attempts };
    }
    throw answerError(answer);
  }

  const api = createClient<paths, 'application/json'>({
    baseUrl,
    fetch: (request) => (cfg.fetch ?? fetch)(request),
  });
  api.use(authMiddleware(authn));

  // The appKey and the token stay in closures: util.inspect(client) and JSON.stringify(client)
  // see only these.
  return Object.freeze({ syncPayScoreOrder, api, appId, baseUrl, auth });
}
