import { ERROR_PREFIX } from '../constants.js';
import {
  AuthorizationFormatError,
  bodyDigest,
  parseAuthorization,
  parseTimestamp,
  sign,
  verify,
} from '../index.js';
import { stringToSign } from '../string-to-sign.js';
import { parseCommand, type SignCommand, type VerifyCommand } from './args.js';
import { HELP } from './help.js';
import { readAppKey, readBody, type Stdin } from './inputs.js';
import { shellQuote } from './shell-quote.js';
import { UsageError } from './usage-error.js';

/** What the CLI touches of its process, passed in so tests can run it in-process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: Stdin;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Exit statuses: scripts branch on them. */
const EXIT_OK = 0;
const EXIT_NOT_VERIFIED = 1;
const EXIT_USAGE = 2;

function lines(entries: [string, string][]): string {
  const width = Math.max(...entries.map(([label]) => label.length)) + 2;
  return entries.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}\n`).join('');
}

function curlCommand(
  url: string,
  authorization: string,
  bodyFile: string | undefined,
  body: Uint8Array,
): string {
  let data: string;
  if (bodyFile !== undefined) {
    data = `@${shellQuote(bodyFile)}`;
  } else {
    // Inline the body when it is text, so the command stands alone; binary goes through stdin.
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      data = text.includes('\0') ? '@-' : shellQuote(text);
    } catch {
      data = '@-';
    }
  }
  return [
    'curl -sS -X POST',
    shellQuote(url),
    `-H ${shellQuote('Content-Type: application/json')}`,
    `-H ${shellQuote(`Authorization: ${authorization}`)}`,
    `--data-binary ${data}`,
  ].join(' ');
}

async function runSign(command: SignCommand, io: CliIo): Promise<number> {
  const appKey = await readAppKey(command.appKeyFile, io.env);
  const body = await readBody(command.bodyFile, io.stdin);
  const signed = await sign({
    appId: command.appId,
    appKey,
    body,
    timestamp: command.timestamp,
    nonce: command.nonce,
  });
  const digest = await bodyDigest(body);
  const toSign = stringToSign(signed.appId, signed.timestamp, signed.nonce, digest);
  const curl =
    command.url === undefined
      ? undefined
      : curlCommand(command.url, signed.authorization, command.bodyFile, body);
  if (command.json) {
    io.stdout.write(`${JSON.stringify({ ...signed, digest, stringToSign: toSign, curl })}\n`);
    return EXIT_OK;
  }
  io.stdout.write(
    lines([
      ['digest', digest],
      ['string to sign', toSign],
      ['Authorization', signed.authorization],
    ]),
  );
  if (curl !== undefined) io.stdout.write(`\n${curl}\n`);
  return EXIT_OK;
}

async function runVerify(command: VerifyCommand, io: CliIo): Promise<number> {
  const appKey = await readAppKey(command.appKeyFile, io.env);
  const body = await readBody(command.bodyFile, io.stdin);
  const now = command.now === undefined ? undefined : parseTimestamp(command.now);
  const expectedAppId = command.appId;
  const result = await verify({
    authorization: command.header,
    body,
    // With --app-id, only that application is known, as on a server that hosts several.
    appKey:
      expectedAppId === undefined
        ? appKey
        : (appId) => (appId === expectedAppId ? appKey : undefined),
    now,
    toleranceSeconds: command.tolerance,
  });
  if (command.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? EXIT_OK : EXIT_NOT_VERIFIED;
  }
  if (result.ok) {
    io.stdout.write('ok\n');
    return EXIT_OK;
  }
  io.stdout.write(`${result.reason}\n`);
  io.stderr.write(`${result.message}\n`);
  if (result.reason === 'signature') {
    // What this side signed, to lay beside what the other side logged.
    const { appId, timestamp, nonce } = parseAuthorization(command.header);
    const digest = await bodyDigest(body);
    io.stderr.write(lines([['string to sign', stringToSign(appId, timestamp, nonce, digest)]]));
  }
  return EXIT_NOT_VERIFIED;
}

/**
 * The `tianman-sign` command: sign a body, or verify a header against one. Resolves with the
 * exit status; writes only through `io`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.command === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    return command.command === 'sign' ? await runSign(command, io) : await runVerify(command, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof TypeError ||
      error instanceof AuthorizationFormatError
    ) {
      io.stderr.write(`tianman-sign: ${(error as Error).message.replace(ERROR_PREFIX, '')}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
