import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/** Standard input as the CLI needs it. */
export interface Stdin extends AsyncIterable<Uint8Array | string> {
  /** A terminal means nobody piped a body: reading would wait forever. */
  isTTY?: boolean | undefined;
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

async function readNamedFile(option: string, path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    // The path is not repeated: what was typed there may be a key (the caller knows the path).
    throw new UsageError(`${option}: cannot read the file (${code})`);
  }
}

/** The body bytes, exactly as in the file or on standard input. */
export async function readBody(bodyFile: string | undefined, stdin: Stdin): Promise<Uint8Array> {
  if (bodyFile !== undefined) return readNamedFile('--body-file', bodyFile);
  if (stdin.isTTY) {
    throw new UsageError(
      'no body: pass --body-file <path> or pipe the body on standard input ' +
        '(--body-file /dev/null signs an empty body)',
    );
  }
  return readAll(stdin);
}

/**
 * The appKey from `--app-key-file` (which wins: it is the explicit one) or `TIANMAN_APP_KEY`.
 * One trailing line break is dropped, because editors add it and keys never end in one.
 */
export async function readAppKey(
  appKeyFile: string | undefined,
  env: Record<string, string | undefined>,
): Promise<string> {
  const key =
    appKeyFile === undefined
      ? env.TIANMAN_APP_KEY
      : new TextDecoder().decode(await readNamedFile('--app-key-file', appKeyFile));
  const trimmed = key?.replace(/\r?\n$/, '');
  if (!trimmed) {
    throw new UsageError(
      appKeyFile === undefined
        ? 'no appKey: set TIANMAN_APP_KEY or pass --app-key-file <path>'
        : '--app-key-file: the file is empty',
    );
  }
  return trimmed;
}
