import type { TianmanEnvironment } from './environments.js';
import type { LogLevel, TianmanLogger } from './log.js';
import type { RetryOptions } from './retry.js';
import type { TokenStore } from './token-store.js';
import type { TianmanTracer } from './tracer.js';

/** Options of {@link createTianmanClient}: checked once, unknown keys refused. */
export interface TianmanClientOptions {
  /**
   * The appId the platform assigned.
   * @default process.env.TIANMAN_APP_ID on Node
   */
  appId?: string;
  /**
   * The appKey the platform assigned. Kept in a closure; never sent, logged or shown.
   * @default process.env.TIANMAN_APP_KEY on Node
   */
  appKey?: string;
  /** Which platform to call. This or `baseUrl` is required: there is no default. */
  environment?: TianmanEnvironment;
  /**
   * A base URL instead of `environment` (a proxy, your own mock). `https://`, or `http://` to a
   * loopback host (127.0.0.0/8, `::1`, `localhost`) unless `allowInsecureHttp` is set.
   */
  baseUrl?: string;
  /**
   * Allows a plain `http://` `baseUrl` to a non-loopback host: signatures and access tokens (a
   * bearer credential) then cross the network in clear. Logged once as a warning.
   * @default false
   */
  allowInsecureHttp?: boolean;
  /**
   * `'signature'`: each request carries `OPEN-BODY-SIG` over its body. `'token'`: requests carry
   * `OPEN-ACCESS-TOKEN`, obtained from the contract's token endpoint and cached.
   * @default 'signature'
   */
  auth?: 'signature' | 'token';
  /**
   * Time allowed for one attempt, reading the response body included.
   * @default 10000
   */
  timeoutMs?: number;
  /** When and how fast to retry: any part of {@link RetryPolicy}. `{ limit: 0 }` turns retries off. */
  retry?: RetryOptions;
  /**
   * The most bytes of an answer's body read; a longer one fails the call (`ERR_RESPONSE_TOO_LARGE`,
   * not retried) and its connection is dropped. The platform's answers are a few hundred bytes.
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number;
  /**
   * `respCode` values that mean success. The endpoint's success code is not confirmed publicly;
   * `0000` is the platform's usual one.
   * @default ['0000']
   */
  successCodes?: readonly string[];
  /**
   * A fetch to send requests with (tests, other runtimes). Without it, Node uses `node:http(s)`
   * with a keep-alive agent and other runtimes the global `fetch`.
   */
  fetch?: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /**
   * An `http.Agent`/`https.Agent` for Node's transport: a corporate proxy (e.g. `HttpsProxyAgent`),
   * a custom CA (`new https.Agent({ ca })`) or mutual TLS (`cert`, `key`). Node only; not with
   * `fetch`.
   * @default a shared keep-alive agent per protocol
   */
  agent?: object;
  /**
   * The clock in epoch milliseconds: timestamps, token expiry, `paidTime` checks, `Retry-After`.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Nonces for signatures and token requests.
   * @default the signer's createNonce (32 hex characters from a CSPRNG)
   */
  createNonce?: () => string;
  /**
   * Where the client's events go (redacted: never an appKey, signature or token).
   * @default console
   */
  logger?: TianmanLogger;
  /**
   * Which events reach `logger`: `off`, or `error`, `warn`, `info`, `debug` and the more severe
   * ones. Warnings are repeated once a minute at most per cause.
   * @default process.env.TIANMAN_LOG on Node when it names a level, else 'warn'
   */
  logLevel?: LogLevel;
  /** Token cache for `auth: 'token'`. @default in memory, per client */
  tokenStore?: TokenStore;
  /**
   * Records a span per call with this OpenTelemetry `Tracer` (e.g. `trace.getTracer('my-app')`
   * from `@opentelemetry/api`); `false` records none, whatever is registered. Nothing secret is
   * recorded: see the README's Tracing section.
   * @default the global tracer provider registered with `@opentelemetry/api`, looked up at each
   * call (never imported); no spans when none is registered
   */
  tracer?: TianmanTracer | false;
}
