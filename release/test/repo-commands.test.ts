import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { V1 } from './vectors.js';
import { root, run } from './workspace.js';

// The CLIs as the READMEs show them: `pnpm tianman-sign …` / `pnpm tianman-mock …` from the
// repository root (root scripts over the built packages), `npx tianman-sign …` in a project that
// installed the tarball (`npx tianman-mock` has its own test: npx-mock.test.ts).

const signV1 = ['--app-id', V1.appId, '--timestamp', V1.timestamp, '--nonce', V1.nonce, '--json'];

/** Runs a command with the body on standard input, as `printf A | …` in a shell would. */
function withBody(command: string, args: string[], cwd: string) {
  const quoted = [command, ...args].map((a) => `'${a}'`).join(' ');
  return run('sh', ['-c', `printf '%s' '${V1.body}' | ${quoted}`], {
    cwd,
    env: { TIANMAN_APP_KEY: V1.appKey },
  });
}

describe('from the repository root', () => {
  it('pnpm tianman-sign signs the platform vector, arguments and standard input passed through', async () => {
    const result = await withBody('pnpm', ['tianman-sign', ...signV1], root);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ signature: V1.signature });
  });

  it('pnpm tianman-sign --help and pnpm tianman-mock --help print their usage', async () => {
    const sign = await run('pnpm', ['tianman-sign', '--help'], { cwd: root });
    expect(sign.code, sign.stderr).toBe(0);
    expect(sign.stdout).toMatch(/^tianman-sign: /);
    const mock = await run('pnpm', ['tianman-mock', '--help'], { cwd: root });
    expect(mock.code, mock.stderr).toBe(0);
    expect(mock.stdout).toMatch(/^tianman-mock — /);
  });
});

describe('in a project that installed the tarballs', () => {
  it('npx tianman-sign signs the platform vector', async () => {
    const result = await withBody(
      'npx',
      ['--no-install', 'tianman-sign', ...signV1],
      inject('consumerDir'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ signature: V1.signature });
  });
});

describe('pnpm bench', () => {
  // Not a timing test: one short round, no figure checked. It keeps the benchmark in step with
  // the API it measures, so `pnpm bench` does not break unnoticed.
  it.each([
    ['packages/client', 'bench/client.bench.mjs'],
    ['packages/signer', 'bench/sign.bench.mjs'],
  ])('%s: %s runs to the end and writes its report', { timeout: 120_000 }, async (dir, script) => {
    const report = join(mkdtempSync(join(tmpdir(), 'tianman-bench-smoke-')), 'report.json');
    const result = await run('node', [script], {
      cwd: join(root, dir),
      env: { BENCH_ROUNDS: '1', BENCH_TIME_MS: '20', BENCH_REPORT: report },
      timeout: 110_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(report, 'utf8'))).length).toBeGreaterThan(0);
  });
});
