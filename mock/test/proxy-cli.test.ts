import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createTianmanClient } from '@tianman/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_FILE, startMock } from '../src/index.js';
import { runCli } from '../src/run-cli.js';
import { writeDriftSpec } from './drift-spec.js';
import { validBody } from './helpers.js';
import { STAND_IN_CREDENTIALS, type StandIn, startStandIn } from './stand-in-platform.js';

// `tianman-mock --proxy` and `startMock({ proxy })`: what they take, what they refuse, what they
// print.

function io() {
  let stdout = '';
  let stderr = '';
  let stop: () => void = () => {};
  let ready: (url: string) => void = () => {};
  const readyUrl = new Promise<string>((resolve) => {
    ready = resolve;
  });
  return {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {
        TIANMAN_MOCK_APP_ID: 'env-app-id-not-for-the-proxy',
        TIANMAN_MOCK_APP_KEY: 'env-app-key-not-for-the-proxy',
      },
      stop: new Promise<void>((resolve) => {
        stop = resolve;
      }),
      onReady: (url: string) => ready(url),
    },
    readyUrl,
    stop: () => stop(),
    out: () => stdout,
    err: () => stderr,
  };
}

let standIn: StandIn;
let dir: string;
let spec: string;
beforeAll(async () => {
  standIn = await startStandIn();
  ({ dir, spec } = await writeDriftSpec());
});
afterAll(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

describe('tianman-mock --proxy', () => {
  it('prints where requests go and where drift is written, and logs drift on the request line', async () => {
    const report = join(dir, 'cli-drift.jsonl');
    const cli = io();
    const exit = runCli(
      ['--proxy', standIn.url, '--port', '0', '--spec', spec, '--report', report],
      cli.io,
    );
    const url = await cli.readyUrl;
    expect(cli.out()).toContain(`tianman-mock — proxy to ${standIn.url}`);
    expect(cli.out()).toContain(`URL       ${url}`);
    expect(cli.out()).toContain(`upstream  ${standIn.url}`);
    expect(cli.out()).toContain(`report    ${report}`);
    // No credentials: the mock holds none in proxy mode, whatever the environment says.
    expect(cli.out()).not.toContain('env-app-id-not-for-the-proxy');
    expect(cli.out()).not.toContain('env-app-key-not-for-the-proxy');
    const client = createTianmanClient({
      ...STAND_IN_CREDENTIALS,
      baseUrl: url,
      retry: { limit: 0 },
      logLevel: 'off',
    });
    await client.syncPayScoreOrder({ ...validBody, fenOrderId: 'MISSING_FIELD' }).catch(() => {});
    expect(cli.out()).toMatch(
      /POST \/v1\/inip\/corporate-wallet\/wechat-pay-point\/order\/sync → 200 \([\d.]+ ms\) {2}drift: \/respCode absent \(required\)\n/,
    );
    cli.stop();
    expect(await exit).toBe(0);
    expect(cli.out()).toContain('stopped.');
    expect(await readFile(report, 'utf8')).toContain('"pointer":"/respCode"');
  });

  it('says how to use it in --help', async () => {
    const help = io();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out()).toContain('tianman-mock --proxy <url> [--report <file>]');
    expect(help.out()).toContain('--proxy <url>');
    expect(help.out()).toContain(`(default ./${DEFAULT_REPORT_FILE})`);
  });

  it.each([
    [
      ['--report', 'x.jsonl'],
      /--report writes how a proxied upstream drifts from the spec: use it with --proxy <url>/,
    ],
    [
      ['--proxy', 'http://example.com'],
      /^tianman-mock: --proxy: proxy must be https:\/\/ unless it names this machine/,
    ],
    [['--proxy', 'nope'], /^tianman-mock: --proxy: proxy must be an absolute URL/],
    [['--proxy', 'https://example.com', '--verbose'], /--verbose prints Prism's log/],
    [['--proxy'], /--proxy needs a value/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const cli = io();
    expect(await runCli(argv, cli.io)).toBe(2);
    expect(cli.err()).toMatch(message);
  });
});

describe('startMock({ proxy })', () => {
  it('refuses the options of the gate it does not run, and report without proxy', async () => {
    await expect(
      startMock({
        proxy: standIn.url,
        port: 0,
        credentials: { appKey: 'k' },
      } as unknown as Parameters<typeof startMock>[0]),
    ).rejects.toThrow(
      "@tianman/mock: credentials is an option of the mock's own gate, which does not run with proxy",
    );
    await expect(
      startMock({ proxy: standIn.url, port: 0, verbose: true } as unknown as Parameters<
        typeof startMock
      >[0]),
    ).rejects.toThrow('@tianman/mock: unknown option verbose');
    await expect(
      startMock({ port: 0, report: 'x.jsonl' } as unknown as Parameters<typeof startMock>[0]),
    ).rejects.toThrow('@tianman/mock: report records how a proxied upstream drifts');
    await expect(startMock({ proxy: standIn.url, port: 0, report: '' })).rejects.toThrow(
      '@tianman/mock: report must be the path',
    );
    await expect(startMock({ proxy: 'http://example.com', port: 0 })).rejects.toThrow(
      /must be https:\/\//,
    );
  });

  it('with report: false writes no file', async () => {
    const proxy = await startMock({ proxy: standIn.url, port: 0, report: false });
    try {
      expect(proxy.report).toBeUndefined();
      const answer = await fetch(`${proxy.url}/v1/token/access`, { method: 'POST', body: '{}' });
      // The stand-in's refusal of a token request it cannot verify, relayed.
      expect(answer.headers.get('x-stand-in-refusal')).toBe('token-signature');
    } finally {
      await proxy.close();
    }
  });
});
