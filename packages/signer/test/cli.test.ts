import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../src/cli/args.js';
import { type CliIo, main } from '../src/cli/main.js';
import { UsageError } from '../src/cli/usage-error.js';
import { sign } from '../src/index.js';
import { SIGNATURE_VECTORS, V1, V1_AUTHORIZATION } from './fixtures/vectors.js';

const V2 = SIGNATURE_VECTORS[1] as (typeof SIGNATURE_VECTORS)[number];

/** Runs the CLI in-process with the given stdin bytes (or a terminal) and environment. */
async function cli(
  argv: string[],
  {
    stdin = '',
    env = { TIANMAN_APP_KEY: V1.appKey },
  }: { stdin?: string | Uint8Array | (string | Uint8Array)[] | null; env?: CliIo['env'] } = {},
) {
  let stdout = '';
  let stderr = '';
  async function* chunks() {
    if (stdin === null) return;
    // A string is sent as bytes; an array as the chunks given (a stream may yield strings).
    if (Array.isArray(stdin)) yield* stdin;
    else yield typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin;
  }
  const io: CliIo = {
    env,
    stdin: Object.assign(chunks(), { isTTY: stdin === null }),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const V1_SIGN = ['--app-id', V1.appId, '--timestamp', V1.timestamp, '--nonce', V1.nonce];
const V1_STRING_TO_SIGN = V1.appId + V1.timestamp + V1.nonce + V1.digest;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tianman-sign-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tianman-sign (sign)', () => {
  it('signs V1 from standard input and prints the digest, the string to sign and the header', async () => {
    const result = await cli(V1_SIGN, { stdin: V1.body });
    expect(result).toEqual({
      code: 0,
      stdout:
        `digest:         ${V1.digest}\n` +
        `string to sign: ${V1_STRING_TO_SIGN}\n` +
        `Authorization:  ${V1_AUTHORIZATION}\n`,
      stderr: '',
    });
  });

  it('signs V2 from --body-file with the key from --app-key-file, one trailing newline ignored', async () => {
    const body = join(dir, 'v2.json');
    const key = join(dir, 'key.txt');
    await writeFile(body, V2.body);
    await writeFile(key, `${V2.appKey}\n`);
    const result = await cli(
      [
        '--app-id',
        V2.appId,
        '--timestamp',
        V2.timestamp,
        '--nonce',
        V2.nonce,
        '--body-file',
        body,
        '--app-key-file',
        key,
      ],
      { env: {}, stdin: null },
      // no key in the environment, a terminal on stdin: both must come from the files
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Signature="${V2.signature}"`);
  });

  it('reads the body from standard input with --body-file -', async () => {
    const result = await cli([...V1_SIGN, '--body-file', '-'], { stdin: V1.body });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Authorization:  ${V1_AUTHORIZATION}\n`);
  });

  it('prefers --app-key-file to TIANMAN_APP_KEY', async () => {
    const key = join(dir, 'v1-key.txt');
    await writeFile(key, V1.appKey);
    const result = await cli([...V1_SIGN, '--app-key-file', key], {
      stdin: V1.body,
      env: { TIANMAN_APP_KEY: 'the-wrong-key' },
    });
    expect(result.stdout).toContain(V1.signature);
  });

  it('prints a ready curl command with --url, the body inline and shell-quoted', async () => {
    const body = `{"remark":"it's 测试"}`;
    const result = await cli([...V1_SIGN, '--url', 'https://test-api-open.chinaums.com/v1/x'], {
      stdin: body,
    });
    expect(result.code).toBe(0);
    const curl = result.stdout.trim().split('\n').at(-1);
    const { authorization } = JSON.parse(
      (await cli([...V1_SIGN, '--json'], { stdin: body })).stdout,
    ) as { authorization: string };
    expect(curl).toBe(
      `curl -sS -X POST 'https://test-api-open.chinaums.com/v1/x' ` +
        `-H 'Content-Type: application/json' -H 'Authorization: ${authorization}' ` +
        `--data-binary '{"remark":"it'\\''s 测试"}'`,
    );
  });

  it('points curl at the body file when there is one', async () => {
    const body = join(dir, "body with 'quote'.json");
    await writeFile(body, V1.body);
    const result = await cli([...V1_SIGN, '--body-file', body, '--url', 'http://127.0.0.1:1/']);
    expect(result.stdout).toContain(`--data-binary @'${dir}/body with '\\''quote'\\''.json'`);
  });

  it('hands a binary body to curl on standard input rather than inline', async () => {
    const result = await cli([...V1_SIGN, '--url', 'http://127.0.0.1:1/'], { stdin: 'a\0b' });
    expect(result.stdout).toMatch(/--data-binary @-\n$/);
  });

  it('prints one JSON object with --json', async () => {
    const result = await cli([...V1_SIGN, '--json'], { stdin: V1.body });
    expect(JSON.parse(result.stdout)).toEqual({
      authorization: V1_AUTHORIZATION,
      appId: V1.appId,
      timestamp: V1.timestamp,
      nonce: V1.nonce,
      signature: V1.signature,
      digest: V1.digest,
      stringToSign: V1_STRING_TO_SIGN,
    });
  });

  it('signs with a fresh timestamp and nonce by default', async () => {
    const first = JSON.parse((await cli(['--app-id', V1.appId, '--json'])).stdout);
    const second = JSON.parse((await cli(['--app-id', V1.appId, '--json'])).stdout);
    expect(first.timestamp).toMatch(/^\d{14}$/);
    expect(first.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(second.nonce).not.toBe(first.nonce);
  });

  it('prints help', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^tianman-sign: sign or verify/);
    for (const option of ['--app-id', '--app-key-file', '--body-file', '--verify', '--url']) {
      expect(result.stdout).toContain(option);
    }
  });
});

describe('tianman-sign --verify', () => {
  const verifyV1 = ['--verify', V1_AUTHORIZATION, '--now', V1.timestamp];

  it('prints ok for the V1 header and body', async () => {
    expect(await cli(verifyV1, { stdin: V1.body })).toEqual({
      code: 0,
      stdout: 'ok\n',
      stderr: '',
    });
  });

  it('reports signature for a tampered body, with the string it expected signed', async () => {
    const result = await cli(verifyV1, { stdin: 'B' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('signature\n');
    expect(result.stderr).toMatch(/^Signature does not match the body/);
    expect(result.stderr).toContain(`string to sign: ${V1.appId}${V1.timestamp}${V1.nonce}`);
    expect(result.stderr).not.toContain(V1.appKey);
  });

  it('checks the clock unless told otherwise', async () => {
    const stale = await cli(['--verify', V1_AUTHORIZATION], { stdin: V1.body });
    expect(stale).toMatchObject({ code: 1, stdout: 'timestamp-skew\n' });
    const off = await cli(['--verify', V1_AUTHORIZATION, '--tolerance', 'off'], { stdin: V1.body });
    expect(off).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('accepts only the --app-id given, as a multi-app server would', async () => {
    const result = await cli([...verifyV1, '--app-id', 'another-app'], { stdin: V1.body });
    expect(result).toMatchObject({ code: 1, stdout: 'app-id\n' });
    expect(await cli([...verifyV1, '--app-id', V1.appId], { stdin: V1.body })).toMatchObject({
      code: 0,
    });
  });

  it('reports a malformed header as such', async () => {
    const result = await cli(['--verify', 'OPEN-BODY-SIG AppId=x'], { stdin: V1.body });
    expect(result).toMatchObject({ code: 1, stdout: 'malformed\n' });
    expect(result.stderr).toMatch(/must be in double quotes/);
  });

  it('prints the result as JSON with --json', async () => {
    const result = await cli([...verifyV1, '--json'], { stdin: 'B' });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, reason: 'signature' });
  });
});

describe('tianman-sign refuses bad usage with exit status 2 and one clear line', () => {
  it.each([
    [
      'a key on the command line',
      ['--app-key', 'SECRET-ON-ARGV', '--app-id', 'a'],
      /--app-key is refused: .*TIANMAN_APP_KEY or pass --app-key-file/,
    ],
    ['a key as --app-key=', ['--app-key=SECRET-ON-ARGV', '--app-id', 'a'], /--app-key is refused/],
    ['--app-key without a value', ['--app-id', 'a', '--app-key'], /--app-key is refused/],
    ['an option without its value', ['--app-id'], /--app-id needs a value \(argument #1\)/],
    ['no appId', [], /--app-id is required to sign/],
    ['an unknown option', ['--app-id', 'a', '--bogus'], /unknown option #3 \(see --help\)/],
    [
      'a misspelt option',
      ['--app-id', 'a', '--body-fille', 'x'],
      /unknown option #3; did you mean --body-file\?/,
    ],
    [
      'a bad timestamp',
      ['--app-id', 'a', '--timestamp', '2017-01-01'],
      /timestamp must be 14 digits/,
    ],
    ['a bad nonce', ['--app-id', 'a', '--nonce', 'x'.repeat(129)], /nonce must be at most 128/],
    ['a bad appId', ['--app-id', 'a b'], /appId must be a non-empty string of visible ASCII/],
    ['a relative --url', ['--app-id', 'a', '--url', '/v1/x'], /--url must be an absolute URL/],
    ['--now when signing', ['--app-id', 'a', '--now', V1.timestamp], /--now is for --verify only/],
    [
      '--nonce when verifying',
      ['--verify', V1_AUTHORIZATION, '--nonce', 'n'],
      /--nonce is for signing/,
    ],
    [
      'a bad --tolerance',
      ['--verify', V1_AUTHORIZATION, '--tolerance', 'soon'],
      /--tolerance must be a whole number/,
    ],
    [
      'a bad --now',
      ['--verify', V1_AUTHORIZATION, '--now', 'yesterday'],
      /--now must be 14 digits/,
    ],
    [
      'a missing body file',
      ['--app-id', 'a', '--body-file', '/nonexistent/body.json'],
      /--body-file: cannot read the file \(ENOENT\)/,
    ],
  ])('%s', async (_, argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tianman-sign: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('SECRET-ON-ARGV');
  });

  it('no key anywhere', async () => {
    const result = await cli(['--app-id', 'a'], { env: {} });
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(/no appKey: set TIANMAN_APP_KEY or pass --app-key-file/);
  });

  it('an empty key file', async () => {
    const key = join(dir, 'empty-key.txt');
    await writeFile(key, '\n');
    const result = await cli(['--app-id', 'a', '--app-key-file', key]);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(/--app-key-file: the file is empty/);
  });

  it('no body and a terminal on standard input', async () => {
    const result = await cli(['--app-id', 'a'], { stdin: null });
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(/no body: pass --body-file <path> or pipe the body/);
  });
});

describe('tianman-sign never echoes an argument it refuses (it is often a key in the wrong place)', () => {
  const KEY = 'PASTEDKEY0123456789abcdef0123456';
  it.each([
    ['a positional argument', ['--app-id', 'a', KEY], /^tianman-sign: unexpected argument #3: /],
    ['a positional first', [KEY, '--app-id', 'a'], /unexpected argument #1: /],
    ['after --', ['--app-id', 'a', '--', KEY], /unexpected argument #4: /],
    ['an unknown long option', ['--app-id', 'a', `--${KEY}`], /unknown option #3/],
    ['an unknown option with a value', [`--appkey=${KEY}`, '--app-id', 'a'], /unknown option #1/],
    ['an unknown short option', [`-${KEY}`], /unknown option #1/],
    ['a value for a flag', [`--json=${KEY}`, '--app-id', 'a'], /--json takes no value/],
    ['a key where a value belongs', ['--app-id', KEY.replace('P', '-P')], /--app-id needs a value/],
    ['--app-key-file', ['--app-id', 'a', '--app-key-file', KEY], /--app-key-file: cannot read/],
    ['--body-file', ['--app-id', 'a', '--body-file', KEY], /--body-file: cannot read/],
    ['--timestamp', ['--app-id', 'a', '--timestamp', KEY], /--timestamp must be 14 digits/],
    ['--now', ['--verify', V1_AUTHORIZATION, '--now', KEY], /--now must be 14 digits/],
    ['--tolerance', ['--verify', V1_AUTHORIZATION, '--tolerance', KEY], /--tolerance must be/],
    ['--url', ['--app-id', 'a', '--url', KEY], /--url must be an absolute URL/],
    ['--nonce', ['--app-id', 'a', '--nonce', `${KEY}"`], /nonce must be/],
  ])('%s', async (_, argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^tianman-sign: .*\n$/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
    // Not even a piece of it.
    expect(result.stdout + result.stderr).not.toContain(KEY.slice(0, 8));
  });
});

describe('tianman-sign details', () => {
  it('takes standard input in string chunks as UTF-8', async () => {
    const bytes = await cli(V1_SIGN, { stdin: '{"remark":"测试"}' });
    const strings = await cli(V1_SIGN, { stdin: ['{"remark":', '"测试"}'] });
    expect(strings).toEqual(bytes);
    expect(bytes.code).toBe(0);
  });

  it('hands a body that is not UTF-8 to curl on standard input, never inlined as mojibake', async () => {
    const result = await cli([...V1_SIGN, '--url', 'http://127.0.0.1:1/'], {
      stdin: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--data-binary @-\n$/);
  });

  it('drops exactly one trailing line break from a key file', async () => {
    const key = join(dir, 'key-with-inner-newline.txt');
    await writeFile(key, 'ab\ncd\r\n');
    const result = await cli([...V1_SIGN, '--app-key-file', key, '--json'], {
      stdin: V1.body,
      env: {},
    });
    const expected = await sign({ ...V1, appKey: 'ab\ncd' });
    expect(JSON.parse(result.stdout).signature).toBe(expected.signature);
  });

  it('says how to send an empty body when there is none', async () => {
    const result = await cli(['--app-id', 'a'], { stdin: null });
    expect(result.stderr).toBe(
      'tianman-sign: no body: pass --body-file <path> or pipe the body on standard input ' +
        '(--body-file /dev/null signs an empty body)\n',
    );
  });

  it('reports a library error without its package prefix', async () => {
    const result = await cli(['--app-id', 'a b']);
    expect(result.stderr).toBe(
      `tianman-sign: appId must be a non-empty string of visible ASCII characters without '"' or '\\'\n`,
    );
  });

  it('lets an unexpected failure through instead of calling it bad usage', async () => {
    const io: CliIo = {
      env: { TIANMAN_APP_KEY: 'k' },
      stdin: {
        // biome-ignore lint/correctness/useYield: a stream that fails before its first chunk
        async *[Symbol.asyncIterator]() {
          throw new Error('EIO: the terminal went away');
        },
      },
      stdout: { write: () => true },
      stderr: { write: () => true },
    };
    await expect(main(['--app-id', 'a'], io)).rejects.toThrow('EIO: the terminal went away');
  });

  it('names the positional argument rule in full', async () => {
    const result = await cli(['--app-id', 'a', 'stray']);
    expect(result.stderr).toBe(
      'tianman-sign: unexpected argument #3: tianman-sign takes options only (the body comes from ' +
        '--body-file or standard input, the key from TIANMAN_APP_KEY or --app-key-file; see --help)\n',
    );
  });

  it.each([
    ['--app-idd', '--app-id'],
    ['--nonc', '--nonce'],
    ['--tolerence', '--tolerance'],
    ['--jsno', '--json'],
    ['--jsonnn', '--json'],
    ['--verfy', '--verify'],
    ['---url', '--url'],
  ])('suggests the option nearest to %s', async (typo, option) => {
    const result = await cli(['--app-id', 'a', typo, 'x']);
    expect(result.stderr).toBe(`tianman-sign: unknown option #3; did you mean ${option}?\n`);
  });

  it.each([['--jsonnnn'], ['--xyz'], ['--appkey'], ['-x']])(
    'suggests nothing for %s (nothing within two edits; never --app-key)',
    async (typo) => {
      const result = await cli(['--app-id', 'a', typo]);
      expect(result.stderr).toBe('tianman-sign: unknown option #3 (see --help)\n');
    },
  );

  it.each([
    ['201701011200001', '--timestamp'],
    ['x20170101120000', '--timestamp'],
    ['2017010112000', '--timestamp'],
  ])('refuses the timestamp %s by the CLI rule, not the library one', async (value, option) => {
    const result = await cli(['--app-id', 'a', option, value]);
    expect(result.stderr).toBe(
      `tianman-sign: ${option} must be 14 digits yyyyMMddHHmmss in Beijing time\n`,
    );
  });

  it('reads --tolerance as whole seconds', async () => {
    const anHourLater = ['--verify', V1_AUTHORIZATION, '--now', '20170101130000'];
    expect(await cli([...anHourLater, '--tolerance', '3600'], { stdin: V1.body })).toMatchObject({
      code: 0,
      stdout: 'ok\n',
    });
    expect(await cli([...anHourLater, '--tolerance', '3599'], { stdin: V1.body })).toMatchObject({
      code: 1,
      stdout: 'timestamp-skew\n',
    });
    for (const bad of ['10s', 's10', '1.5', '-1']) {
      const result = await cli([...anHourLater, `--tolerance=${bad}`], { stdin: V1.body });
      expect(result.stderr, bad).toBe(
        'tianman-sign: --tolerance must be a whole number of seconds or "off"\n',
      );
    }
  });

  it('parses the command line into a command', () => {
    expect(parseCommand(['--verify', 'h', '--body-file', 'b.json', '--tolerance', 'off'])).toEqual({
      command: 'verify',
      appKeyFile: undefined,
      bodyFile: 'b.json',
      json: false,
      header: 'h',
      appId: undefined,
      now: undefined,
      tolerance: Number.POSITIVE_INFINITY,
    });
    expect(parseCommand(['--app-id', 'a', '--body-file', '-', '--json'])).toEqual({
      command: 'sign',
      appKeyFile: undefined,
      bodyFile: undefined,
      json: true,
      appId: 'a',
      timestamp: undefined,
      nonce: undefined,
      url: undefined,
    });
    expect(parseCommand(['-h'])).toEqual({ command: 'help' });
  });

  it('names its usage errors', () => {
    expect(new UsageError('x').name).toBe('UsageError');
  });
});
