import { once } from 'node:events';
import { type CliValues, readCommandLine } from './cli-args.js';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REPORT_FILE,
  ENV_APP_ID,
  ENV_APP_KEY,
} from './constants.js';
import { type CredentialSource, resolveCredentialSources } from './credentials.js';
import { formatDrift } from './format-drift.js';
import { startMock } from './mock.js';
import type { PrismLogLevel } from './prism.js';
import { proxyBanner } from './proxy-banner.js';
import { readProxyTarget } from './proxy-target.js';
import type { MockRequestLog } from './request-log.js';
import type { RunningProxy } from './start-proxy.js';

/** Where the CLI writes and what stops it; injectable so tests run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Resolves when the mock should stop. @default the first SIGINT or SIGTERM */
  stop?: Promise<unknown>;
  /** Called once the mock answers requests, with the URL (tests wait on it). */
  onReady?: (url: string) => void;
}

const HELP = `tianman-mock — a local stand-in for the ChinaUMS 天满 open platform

Prism serving the tianman-sdk contract behind a gate that verifies OPEN-BODY-SIG signatures,
issues and checks OPEN-ACCESS-TOKEN tokens, and refuses replayed nonces and stale timestamps.

Usage: tianman-mock [options]
       tianman-mock --proxy <url> [--report <file>] [options]

Options:
  --port <n>     port to listen on, 0 = any free port   (default ${DEFAULT_PORT}, env TIANMAN_MOCK_PORT)
  --host <addr>  interface to listen on                 (default ${DEFAULT_HOST})
  --spec <path>  OpenAPI document to serve              (default: the bundled contract)
  --proxy <url>  proxy mode: forward every request unchanged to <url> (the platform's test
                 environment, https://test-api-open.chinaums.com, or any https:// base URL)
                 and check each answer against the spec; the upstream checks signatures and
                 tokens, the mock checks none (see the README, "Catching platform drift")
  --report <file>  with --proxy: the drift report, one JSON line per disagreement, emptied at
                 start                                  (default ./${DEFAULT_REPORT_FILE})
  --quiet        do not print a line per request
  --verbose      also print Prism's own log (JSON lines)
  -h, --help     show this help

Credentials: ${ENV_APP_ID} and ${ENV_APP_KEY} override the sandbox appId / appKey
(not with --proxy: the client brings the upstream's own).
Ctrl-C stops the mock.
`;

/**
 * Runs `tianman-mock` until stopped; resolves with the exit code. Kept apart from the bin so
 * tests drive it in-process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const started = performance.now();
  const commandLine = readCommandLine(argv);
  if (!commandLine.ok) {
    io.stderr.write(`tianman-mock: ${commandLine.problem}\nRun tianman-mock --help.\n`);
    return 2;
  }
  const { values } = commandLine;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const portText = values.port ?? io.env.TIANMAN_MOCK_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    io.stderr.write(`tianman-mock: --port must be 0–65535; got ${JSON.stringify(portText)}.\n`);
    return 2;
  }
  if (values.proxy === undefined && values.report !== undefined) {
    io.stderr.write(
      'tianman-mock: --report writes how a proxied upstream drifts from the spec: use it with --proxy <url>.\n',
    );
    return 2;
  }
  if (values.proxy !== undefined) {
    if (values.verbose) {
      io.stderr.write(
        "tianman-mock: --verbose prints Prism's log of the answers it makes up; with --proxy the upstream answers: leave it out.\n",
      );
      return 2;
    }
    try {
      readProxyTarget(values.proxy);
    } catch (error) {
      io.stderr.write(`tianman-mock: --proxy: ${withoutPrefix((error as Error).message)}\n`);
      return 2;
    }
  }
  const stop = io.stop ?? onceSignal();
  if (values.proxy !== undefined) {
    return runProxy(values.proxy, { values, port, io, stop, started });
  }
  let mock: Awaited<ReturnType<typeof startMock>>;
  let sources: CredentialSources;
  try {
    const resolved = resolveCredentialSources(undefined, io.env);
    sources = resolved.sources;
    mock = await startMock({
      port,
      host: values.host ?? DEFAULT_HOST,
      credentials: resolved.credentials,
      ...(values.spec ? { spec: values.spec } : {}),
      ...(values.quiet ? {} : { log: (entry) => io.stdout.write(formatLogLine(entry)) }),
      prismLogLevel: (values.verbose ? 'debug' : 'silent') satisfies PrismLogLevel,
    });
  } catch (error) {
    io.stderr.write(`tianman-mock: ${(error as Error).message}\n`);
    return 1;
  }
  // performance.now() counts from process start in the bin, so this is start-to-ready.
  const readyMs = performance.now();
  io.stdout.write(
    banner(mock.url, mock.credentials.appId, sources, mock.spec, readyMs, readyMs - started),
  );
  io.onReady?.(mock.url);
  await stop;
  io.stdout.write('\ntianman-mock: stopping…\n');
  await mock.close();
  io.stdout.write('tianman-mock: stopped.\n');
  return 0;
}

/** `tianman-mock --proxy <url>` until stopped: the proxy's banner, its log, and its exit code. */
async function runProxy(
  proxy: string,
  context: { values: CliValues; port: number; io: CliIo; stop: Promise<unknown>; started: number },
): Promise<number> {
  const { values, port, io, stop, started } = context;
  let running: RunningProxy;
  try {
    running = await startMock({
      proxy,
      port,
      host: values.host ?? DEFAULT_HOST,
      ...(values.spec ? { spec: values.spec } : {}),
      ...(values.report ? { report: values.report } : {}),
      ...(values.quiet ? {} : { log: (entry) => io.stdout.write(formatLogLine(entry)) }),
    });
  } catch (error) {
    io.stderr.write(`tianman-mock: ${withoutPrefix((error as Error).message)}\n`);
    return 1;
  }
  const readyMs = performance.now();
  io.stdout.write(
    proxyBanner({
      url: running.url,
      upstream: running.upstream,
      spec: running.spec,
      report: running.report,
      sinceProcessStartMs: readyMs,
      sinceCallMs: readyMs - started,
    }),
  );
  io.onReady?.(running.url);
  await stop;
  io.stdout.write('\ntianman-mock: stopping…\n');
  await running.close();
  io.stdout.write('tianman-mock: stopped.\n');
  return 0;
}

/** A library message without its package prefix: the CLI names itself. */
function withoutPrefix(message: string): string {
  return message.startsWith('@tianman/mock: ') ? message.slice('@tianman/mock: '.length) : message;
}

function onceSignal(): Promise<unknown> {
  // A second Ctrl-C while closing means "now": leave without waiting.
  const stop = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  void stop.then(() => {
    process.once('SIGINT', () => process.exit(130));
  });
  return stop;
}

/** Where the banner's credentials came from. */
export interface CredentialSources {
  appId: CredentialSource;
  appKey: CredentialSource;
}

/**
 * The startup banner: everything needed to point a client at the mock. It says where the appKey
 * came from and never prints it: a key in the environment may be someone's real one, and a
 * terminal is scrollback, screenshots and CI logs. The default is in the README.
 */
export function banner(
  url: string,
  appId: string,
  sources: CredentialSources,
  spec: string,
  sinceProcessStartMs: number,
  sinceCallMs: number,
): string {
  const appIdFrom =
    sources.appId === 'environment'
      ? `(from ${ENV_APP_ID})`
      : sources.appId === 'default'
        ? `(sandbox default; ${ENV_APP_ID} overrides)`
        : '(from the startMock options)';
  const appKey =
    sources.appKey === 'environment'
      ? `from ${ENV_APP_KEY}, not printed`
      : sources.appKey === 'default'
        ? `the sandbox default, not printed (see the README; ${ENV_APP_KEY} overrides)`
        : 'from the startMock options, not printed';
  return `tianman-mock — ChinaUMS 天满 open platform, locally (Prism + auth gate)

  URL     ${url}
  appId   ${appId}    ${appIdFrom}
  appKey  ${appKey}
  spec    ${spec}

  createTianmanClient({ appId, appKey, baseUrl: '${url}' })
  Prefer: code=412 | example=transient | example=orderNotExist … selects the spec's examples.

Ready in ${Math.round(sinceProcessStartMs)} ms from process start (${Math.round(sinceCallMs)} ms of it loading the spec and starting Prism). Ctrl-C stops.
`;
}

/** One request, one line: what was answered, and for a refusal, why. */
export function formatLogLine(entry: MockRequestLog): string {
  const time = new Date().toTimeString().slice(0, 8);
  const code = entry.code ? ` ${entry.code}` : '';
  const why = entry.info ? `  ${entry.info}` : '';
  return `${time} ${entry.method} ${entry.path} → ${entry.status}${code} (${entry.durationMs} ms)${why}${formatDrift(entry.drift)}\n`;
}
