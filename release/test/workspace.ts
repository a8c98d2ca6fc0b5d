import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The monorepo root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The packages we publish, by name and folder. */
export const published = [
  { name: '@tianman/signer', dir: join(root, 'packages/signer') },
  { name: '@tianman/client', dir: join(root, 'packages/client') },
  { name: '@tianman/mock', dir: join(root, 'mock') },
  { name: '@tianman/token-store-redis', dir: join(root, 'packages/token-store-redis') },
] as const;

/** A binary installed in this package's node_modules. */
export function bin(name: string): string {
  return join(root, 'release/node_modules/.bin', name);
}

/**
 * The version of `name` installed for the workspace package in `dir` (relative to the root):
 * the `catalog:` version of pnpm-workspace.yaml, as pnpm installed it.
 */
export function installedVersion(dir: string, name: string): string {
  const manifest = join(root, dir, 'node_modules', name, 'package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

const execFileAsync = promisify(execFile);

/** Runs a command; resolves with its output and exit code instead of throwing on failure. */
export async function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeout: options.timeout ?? 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as {
      code?: number | string;
      killed?: boolean;
      signal?: string | null;
      stdout?: string;
      stderr?: string;
    };
    // Killed at the timeout: say so, or the failure reads as an empty error message.
    const killed = e.killed
      ? `\n(${file} killed with ${e.signal} after ${options.timeout ?? 120_000} ms)`
      : '';
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: (e.stderr ?? String(error)) + killed,
    };
  }
}
