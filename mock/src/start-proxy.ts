import { createServer } from 'node:http';
import { DEFAULT_REPORT_FILE } from './constants.js';
import { openDriftReport } from './drift-report.js';
import { loadKnownCodes } from './known-codes.js';
import { listen, listeningUrl } from './listen.js';
import { loadSpec } from './prism.js';
import { createProxy } from './proxy.js';
import { readProxyTarget } from './proxy-target.js';
import type { MockRequestLog } from './request-log.js';
import { defaultSpecPath } from './spec-path.js';

/** Options of `startMock` in proxy mode: `startMock({ proxy: 'https://…' })`. */
export interface MockProxyOptions {
  /**
   * Base URL of the environment to forward every request to, unchanged: the platform's test
   * environment (`https://test-api-open.chinaums.com`) or any `https://` URL; `http://` only to
   * this machine (requests carry signatures and tokens). Its path, if any, is put before each
   * request's own.
   */
  proxy: string;
  /**
   * Port of the public endpoint; `0` picks a free one (read it from `url`).
   * @default 4010
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * The OpenAPI document the answers are checked against.
   * @default the repository's `spec/openapi.yaml`, else the copy shipped in the package
   */
  spec?: string;
  /**
   * The drift report's file: JSON lines, one per disagreement, emptied at start. `false` writes
   * none (the log still names each disagreement).
   * @default 'tianman-drift.jsonl' in the working directory
   */
  report?: string | false;
  /** Called once per request with what was answered and, in `drift`, how it disagrees. */
  log?: (entry: MockRequestLog) => void;
}

/** A running mock in proxy mode. */
export interface RunningProxy {
  /** Base URL to give a client, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  /** The base URL requests are forwarded to. */
  upstream: string;
  /** The OpenAPI document answers are checked against. */
  spec: string;
  /** Absolute path of the drift report; `undefined` with `report: false`. */
  report: string | undefined;
  /** Stops accepting connections, ends open ones and closes the report. */
  close: () => Promise<void>;
}

const PROXY_OPTIONS = new Set(['proxy', 'port', 'host', 'spec', 'report', 'log']);

/** Options of the gate, which proxy mode does not run: refused rather than ignored. */
const GATE_OPTIONS = new Set([
  'credentials',
  'now',
  'toleranceSeconds',
  'tokenTtlSeconds',
  'maxLiveTokens',
  'prismLogLevel',
]);

/**
 * Starts the mock in proxy mode (see `createProxy`); `startMock` calls it with the port and host
 * it has checked. Refuses, before anything starts, an option that only the gate reads, a bad
 * `proxy` URL and a bad `report`.
 */
export async function startProxy(
  options: MockProxyOptions & { port: number; host: string },
): Promise<RunningProxy> {
  for (const [key, value] of Object.entries(options)) {
    if (PROXY_OPTIONS.has(key) || value === undefined) continue;
    throw new TypeError(
      GATE_OPTIONS.has(key)
        ? `@tianman/mock: ${key} is an option of the mock's own gate, which does not run with proxy (the upstream checks signatures and tokens): remove it.`
        : `@tianman/mock: unknown option ${key}; with proxy, startMock takes proxy, port, host, spec, report and log.`,
    );
  }
  const report = options.report ?? DEFAULT_REPORT_FILE;
  if (report !== false && (typeof report !== 'string' || report === '')) {
    throw new TypeError(
      '@tianman/mock: report must be the path of the drift report file, or false for none.',
    );
  }
  const target = readProxyTarget(options.proxy);
  const spec = options.spec ?? defaultSpecPath();
  const [{ operations }, knownCodes] = await Promise.all([loadSpec(spec), loadKnownCodes(spec)]);
  const drift = await openDriftReport(report);
  const proxy = createProxy({
    operations,
    knownCodes,
    target,
    report: drift,
    ...(options.log ? { log: options.log } : {}),
  });
  const server = createServer(proxy.handle);
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await drift.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await drift.close();
    })();
    return closing;
  };
  return {
    url: listeningUrl(server),
    upstream: target.pathname === '/' ? target.origin : `${target.origin}${target.pathname}`,
    spec,
    report: drift.file,
    close,
  };
}
