import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../src/index.js';
import { formatLogLine, runCli } from '../src/run-cli.js';
import { rawCall, validBody } from './helpers.js';

function io(env: Record<string, string | undefined> = {}) {
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
      env,
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

describe('tianman-mock', () => {
  it('prints the URL and the sandbox credentials, logs requests, and stops cleanly', async () => {
    const cli = io();
    const exit = runCli(['--port', '0'], cli.io);
    const url = await cli.readyUrl;
    expect(cli.out()).toContain(`URL     ${url}`);
    expect(cli.out()).toMatch(
      new RegExp(
        `appId   ${SANDBOX_CREDENTIALS.appId} +\\(sandbox default; TIANMAN_MOCK_APP_ID overrides\\)`,
      ),
    );
    expect(cli.out()).toMatch(
      /appKey {2}the sandbox default, not printed \(see the README; TIANMAN_MOCK_APP_KEY overrides\)/,
    );
    // The sandbox key is public, but a banner that prints a key prints whatever key it is given.
    expect(cli.out()).not.toContain(SANDBOX_CREDENTIALS.appKey);
    expect(cli.out()).toMatch(/Ready in \d+ ms/);
    await rawCall(JSON.stringify(validBody), { url, sign: { nonce: 'cli-test-nonce' } });
    expect(cli.out()).toMatch(
      /POST \/v1\/inip\/corporate-wallet\/wechat-pay-point\/order\/sync → 200 0000/,
    );
    cli.stop();
    expect(await exit).toBe(0);
    expect(cli.out()).toContain('stopped.');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('takes the credentials from the environment', async () => {
    const key = 'my-own-sandbox-key-0123456789';
    const cli = io({ TIANMAN_MOCK_APP_ID: 'my-sandbox-app', TIANMAN_MOCK_APP_KEY: key });
    const exit = runCli(['--port', '0', '--quiet'], cli.io);
    await cli.readyUrl;
    expect(cli.out()).toMatch(/appId {3}my-sandbox-app +\(from TIANMAN_MOCK_APP_ID\)/);
    expect(cli.out()).toMatch(/appKey {2}from TIANMAN_MOCK_APP_KEY, not printed/);
    expect(cli.out()).not.toContain(key);
    expect(cli.err()).not.toContain(key);
    cli.stop();
    expect(await exit).toBe(0);
  });

  it('answers --help, and refuses unknown flags and bad ports with exit code 2', async () => {
    const help = io();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Usage: tianman-mock');
    const unknown = io();
    expect(await runCli(['--prot', '1'], unknown.io)).toBe(2);
    expect(unknown.err()).toMatch(/^tianman-mock: unknown option #1\n/);
    // A stray word is often a key pasted in the wrong place: named by position, never echoed.
    const stray = io();
    expect(await runCli(['--quiet', 'PASTED-KEY-0123'], stray.io)).toBe(2);
    expect(stray.err()).toMatch(/^tianman-mock: unexpected argument #2: /);
    expect(stray.err()).not.toContain('PASTED');
    const missing = io();
    expect(await runCli(['--port'], missing.io)).toBe(2);
    expect(missing.err()).toMatch(/--port needs a value \(argument #1\)/);
    const bad = io();
    expect(await runCli(['--port', 'http'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--port must be');
  });

  it.each([
    [
      'a value for a flag',
      ['--quiet=PASTED-KEY'],
      /^tianman-mock: --quiet takes no value \(argument #1\)\n/,
    ],
    [
      'an option where a value belongs',
      ['--host', '--quiet'],
      /--host needs a value \(argument #1\); one that starts with '-' goes as --host=-…/,
    ],
    ['a word after --', ['--quiet', '--', 'PASTED-KEY'], /^tianman-mock: unexpected argument #3: /],
    ['an unknown short option', ['-PASTED-KEY'], /^tianman-mock: unknown option #1\n/],
    ['an unknown option with a value', ['--key=PASTED-KEY'], /^tianman-mock: unknown option #1\n/],
  ])(
    'refuses %s with exit code 2, naming it by position and never echoing it',
    async (_, argv, message) => {
      const cli = io();
      expect(await runCli(argv, cli.io)).toBe(2);
      expect(cli.err()).toMatch(message);
      expect(cli.err()).toMatch(/Run tianman-mock --help\.\n$/);
      expect(cli.err()).not.toContain('PASTED');
    },
  );

  it('exits 1 with the reason when it cannot start', async () => {
    const cli = io();
    expect(await runCli(['--port', '0', '--spec', '/nonexistent.yaml'], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/^tianman-mock: /);
  });

  it('formats a refusal with its reason on one line', () => {
    const line = formatLogLine({
      method: 'POST',
      path: '/x',
      status: 412,
      code: '1000',
      reason: 'nonce-reused',
      info: '认证失败: Nonce "n" was already used',
      durationMs: 1.5,
    });
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d POST \/x → 412 1000 \(1\.5 ms\) {2}认证失败: Nonce "n" was already used\n$/,
    );
  });
});
