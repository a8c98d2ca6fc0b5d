import { createServer } from 'node:http';
import {
  DEFAULT_HOST,
  DEFAULT_MAX_LIVE_TOKENS,
  DEFAULT_PORT,
  DEFAULT_TOKEN_TTL_SECONDS,
  DEFAULT_TOLERANCE_SECONDS,
} from './constants.js';
import { type MockCredentials, resolveCredentials } from './credentials.js';
import { createGate } from './gate.js';
import { listen, listeningUrl } from './listen.js';
import { NonceCache } from './nonce-cache.js';
import { loadSpec, type PrismLogLevel, startPrism } from './prism.js';
import type { MockRequestLog } from './request-log.js';
import { defaultSpecPath } from './spec-path.js';
import { type MockProxyOptions, type RunningProxy, startProxy } from './start-proxy.js';
import { TokenStore } from './token-store.js';

/** Options of {@link startMock}. */
export interface MockOptions {
  /**
   * Port of the public endpoint; `0` picks a free one (read it from `url`).
   * @default 4010
   */
  port?: number;
  /**
   * Interface to listen on. The sandbox credentials are public, so think twice before `0.0.0.0`.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * The application the mock accepts. Each field falls back to `TIANMAN_MOCK_APP_ID` /
   * `TIANMAN_MOCK_APP_KEY`, then to the documented sandbox values ({@link SANDBOX_CREDENTIALS}).
   */
  credentials?: Partial<MockCredentials>;
  /**
   * Path of the OpenAPI document to serve.
   * @default the repository's `spec/openapi.yaml`, else the copy shipped in the package
   */
  spec?: string;
  /**
   * The gateway's clock, in ms since the epoch or as a `Date`: timestamps are checked and tokens
   * expire against it. Tests move it to expire tokens without waiting.
   * @default Date.now
   */
  now?: () => number | Date;
  /**
   * Accepted clock skew of `Timestamp`, either way, in seconds (unconfirmed on the platform).
   * @default 300
   */
  toleranceSeconds?: number;
  /**
   * Lifetime of issued access tokens, in seconds (`expiresIn`).
   * @default 3600
   */
  tokenTtlSeconds?: number;
  /**
   * Live tokens an appId may hold; requesting one more revokes the oldest.
   * @default 10
   */
  maxLiveTokens?: number;
  /** Called once per request with what was answered and why (the CLI prints it). */
  log?: (entry: MockRequestLog) => void;
  /**
   * Prism's own log (JSON lines on stdout), for debugging example selection.
   * @default 'silent'
   */
  prismLogLevel?: PrismLogLevel;
}

/** A running mock. */
export interface RunningMock {
  /** Base URL to give a client, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  /** The credentials it accepts. */
  credentials: MockCredentials;
  /** The OpenAPI document it serves. */
  spec: string;
  /** Stops accepting connections, ends open ones and stops Prism. */
  close: () => Promise<void>;
}

/**
 * Starts the mock in proxy mode: every request goes, unchanged, to `proxy` (the platform's test
 * environment, or any base URL), and every answer comes back untouched after it has been checked
 * against the spec; each disagreement goes to the drift report and the request's log entry. The
 * mock checks no signature and issues no token: the upstream does.
 *
 * @example
 * ```ts
 * const proxy = await startMock({ proxy: 'https://test-api-open.chinaums.com', port: 0 });
 * const client = createTianmanClient({ appId, appKey, baseUrl: proxy.url });
 * await client.syncPayScoreOrder(body); // the platform's answer; its drift is in proxy.report
 * await proxy.close();
 * ```
 */
export function startMock(options: MockProxyOptions): Promise<RunningProxy>;
/**
 * Starts the local stand-in for the platform: Prism serving the contract (request and response
 * validation on) behind a gate that really verifies OPEN-BODY-SIG signatures and
 * OPEN-ACCESS-TOKEN tokens, issues tokens, refuses replayed nonces and stale timestamps, and
 * answers unreadable bodies itself.
 *
 * @example
 * ```ts
 * const mock = await startMock({ port: 0 });
 * const client = createTianmanClient({ ...mock.credentials, baseUrl: mock.url });
 * await client.syncPayScoreOrder(body);
 * await mock.close();
 * ```
 */
export function startMock(options?: MockOptions): Promise<RunningMock>;
// The mock's own overload comes last: `ReturnType<typeof startMock>` reads the last one.
export async function startMock(
  options: MockOptions & Partial<MockProxyOptions> = {},
): Promise<RunningMock | RunningProxy> {
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const maxLiveTokens = options.maxLiveTokens ?? DEFAULT_MAX_LIVE_TOKENS;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(
      `@tianman/mock: port must be an integer 0–65535 (0 = any free port); got ${port}.`,
    );
  }
  if (options.proxy !== undefined) {
    return startProxy({ ...options, proxy: options.proxy, port, host });
  }
  if (options.report !== undefined) {
    throw new TypeError(
      '@tianman/mock: report records how a proxied upstream drifts from the spec: it needs proxy.',
    );
  }
  for (const [name, value] of Object.entries({
    toleranceSeconds,
    tokenTtlSeconds,
    maxLiveTokens,
  })) {
    if (!(value > 0))
      throw new RangeError(`@tianman/mock: ${name} must be positive; got ${value}.`);
  }
  const credentials = resolveCredentials(options.credentials);
  const clock = options.now ?? Date.now;
  const spec = options.spec ?? defaultSpecPath();

  const { operations, routes } = await loadSpec(spec);
  const prism = await startPrism(operations, options.prismLogLevel);
  const gate = createGate({
    prismUrl: prism.url,
    routes,
    ...(options.log ? { log: options.log } : {}),
    auth: {
      credentials,
      now: () => +clock(),
      toleranceSeconds,
      maxLiveTokens,
      nonces: new NonceCache(),
      tokens: new TokenStore(tokenTtlSeconds, maxLiveTokens),
    },
  });
  const server = createServer(gate.handle);
  try {
    await listen(server, port, host);
  } catch (error) {
    gate.close();
    await prism.close();
    throw error;
  }
  const url = listeningUrl(server);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      gate.close();
      await prism.close();
    })();
    return closing;
  };
  return { url, credentials, spec, close };
}
