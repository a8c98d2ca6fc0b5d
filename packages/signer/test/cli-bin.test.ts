import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { V1, V1_AUTHORIZATION } from './fixtures/vectors.js';

// Apart from cli.test.ts because it runs the build (global-setup.ts), not the sources: mutation
// testing instruments the sources and leaves this file out.

const V1_SIGN = ['--app-id', V1.appId, '--timestamp', V1.timestamp, '--nonce', V1.nonce];

describe('the built tianman-sign executable', () => {
  const run = (args: string[], input: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        join(inject('distDir'), 'cli.js'),
        args,
        { env: { ...process.env, TIANMAN_APP_KEY: V1.appKey } },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
      child.stdin?.end(input);
    });

  it('is executable and starts with a node shebang', async () => {
    const file = join(inject('distDir'), 'cli.js');
    expect((await stat(file)).mode & 0o111).not.toBe(0);
    expect((await readFile(file, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('signs V1 to the known signature', async () => {
    const result = await run(V1_SIGN, V1.body);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Authorization:  ${V1_AUTHORIZATION}\n`);
  });

  it('reports signature, with exit status 1, for a tampered body', async () => {
    const result = await run(['--verify', V1_AUTHORIZATION, '--now', V1.timestamp], 'AA');
    expect(result).toMatchObject({ code: 1, stdout: 'signature\n' });
  });
});
