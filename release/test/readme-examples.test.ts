import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type RunningMock, SANDBOX_CREDENTIALS, startMock } from '@tianman/mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type RedisServer,
  startRedis,
} from '../../packages/token-store-redis/test/redis-server.js';
import { between, type CodeBlock, codeBlocks } from './markdown.js';
import { bin, root, run } from './workspace.js';

// Every TypeScript block of every README (and of every other Markdown file) is a test. A block says what it is in its info string:
//
//   ```ts run    type-checked, then run: a complete program that exits 0 and writes nothing to
//                stderr, against a mock on a free port (and a redis-server for REDIS_URL)
//   ```ts check  type-checked only: it needs the platform, a proxy, a certificate…
//   ```ts after-spec-edit
//                uses operations a README adds to the spec: mock/test/adding-an-endpoint.test.ts
//                type-checks and runs it against the client generated from that edit
//
// They are checked as a user's project would check them: a fresh ESM project that installed
// the tarballs (the global setup's consumer), with the root README's tsconfig (between its
// `tsconfig` markers), `strict` and without `skipLibCheck`. A runnable block reads what a user's
// program reads from the environment: TIANMAN_APP_ID, TIANMAN_APP_KEY, TIANMAN_BASE_URL and
// REDIS_URL; TIANMAN_LOG=warn sends the client's warnings to stderr, where they fail the run.

// Every tracked Markdown file: the READMEs (root, packages/*, mock), CONTRIBUTING.md, docs/.
// Changesets are changelog lines, not documentation.
const listed = await run('git', ['ls-files', '-z', '--', '*.md'], { cwd: root });
if (listed.code !== 0) throw new Error(`git ls-files: ${listed.stderr}`);
const READMES = listed.stdout.split('\0').filter((file) => file && !file.startsWith('.changeset/'));

interface Example extends CodeBlock {
  /** `packages/client/README.md:30` */
  where: string;
  /** The file the block is written to, in the examples project. */
  file: string;
}

/** The kinds of block, by info-string tag; `after-spec-edit` ones are checked elsewhere. */
const KINDS = ['run', 'check', 'after-spec-edit'];

const examples: Example[] = [];
for (const readme of READMES) {
  const text = await readFile(join(root, readme), 'utf8');
  for (const block of codeBlocks(text)) {
    if (block.lang !== 'ts' && block.lang !== 'typescript') continue;
    const slug = readme.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-');
    examples.push({ ...block, where: `${readme}:${block.line}`, file: `${slug}-${block.line}.ts` });
  }
}

const rootReadme = await readFile(join(root, 'README.md'), 'utf8');
const [tsconfigBlock] = codeBlocks(between(rootReadme, 'tsconfig')).filter(
  (b) => b.lang === 'json',
);
const readmeTsconfig = JSON.parse(tsconfigBlock?.code ?? '{}') as {
  compilerOptions: Record<string, unknown>;
};

/** tsc over every block, on a loaded machine: longer than the config's 120 s per test. */
const TYPECHECK_TIMEOUT = 300_000;

interface Checked {
  /** tsc's errors, by example file. */
  errors: Map<string, string[]>;
  dir: string;
}

let checked: Promise<Checked> | undefined;
/** The blocks this test type-checks against the packages. */
const compiled = () => examples.filter((e) => !e.tags.includes('after-spec-edit'));

/** One tsc run over every block: type-checks them and emits JavaScript to `out/`. */
function typecheck(): Promise<Checked> {
  checked ??= (async () => {
    const dir = join(inject('consumerDir'), 'readme-examples');
    await mkdir(dir, { recursive: true });
    for (const example of compiled()) await writeFile(join(dir, example.file), example.code);
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { ...readmeTsconfig.compilerOptions, outDir: 'out', skipLibCheck: false },
        files: compiled().map((e) => e.file),
      }),
    );
    // Run from the project, so tsc names each file relative to it.
    const tsc = await run(bin('tsc'), ['-p', '.', '--pretty', 'false'], {
      cwd: dir,
      timeout: TYPECHECK_TIMEOUT - 10_000,
    });
    const errors = new Map<string, string[]>();
    for (const line of tsc.stdout.split('\n')) {
      if (!/\.ts\(\d+,\d+\): error/.test(line)) continue;
      const file = examples.find((e) => line.startsWith(`${e.file}(`))?.file ?? '(other files)';
      errors.set(file, [...(errors.get(file) ?? []), line]);
    }
    if (tsc.code !== 0 && errors.size === 0)
      throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
    return { errors, dir };
  })();
  return checked;
}

let mock: RunningMock | undefined;
let redis: RedisServer | undefined;
beforeAll(async () => {
  mock = await startMock({ port: 0, credentials: SANDBOX_CREDENTIALS });
  if (examples.some((e) => e.tags.includes('run') && e.code.includes('REDIS_URL'))) {
    redis = await startRedis();
  }
});
afterAll(async () => {
  await mock?.close();
  await redis?.stop();
});

async function redisCli(...args: string[]): Promise<string> {
  const result = await run('redis-cli', ['-p', String(redis?.port), '--raw', ...args]);
  if (result.code !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('the READMEs', () => {
  it('have TypeScript examples, and the root README a tsconfig for them', () => {
    expect(examples.length).toBeGreaterThan(0);
    expect(readmeTsconfig.compilerOptions).toMatchObject({ strict: true });
    expect(readmeTsconfig.compilerOptions.skipLibCheck).not.toBe(true);
  });

  it('type-check no file but the examples', { timeout: TYPECHECK_TIMEOUT }, async () => {
    expect((await typecheck()).errors.get('(other files)')).toBeUndefined();
  });
});

describe.each(examples.map((example) => [example.where, example] as const))('%s', (_, example) => {
  const kind = example.tags.filter((tag) => KINDS.includes(tag));

  it('says whether it runs (```ts run), is only type-checked (```ts check) or follows a spec edit (```ts after-spec-edit)', () => {
    expect(kind, `${example.where}: \`\`\`${example.lang} ${example.tags.join(' ')}`).toHaveLength(
      1,
    );
  });

  // Its operations exist only in the client generated from the spec edit (see KINDS).
  if (kind[0] === 'after-spec-edit') return;
  it('type-checks (strict, skipLibCheck off)', { timeout: TYPECHECK_TIMEOUT }, async () => {
    const { errors } = await typecheck();
    expect(errors.get(example.file) ?? []).toEqual([]);
  });

  // A `check` block gets no run test at all (not a skipped one): there is nothing to run.
  if (kind[0] !== 'run') return;
  it('runs against the mock', { timeout: TYPECHECK_TIMEOUT }, async () => {
    const { errors, dir } = await typecheck();
    expect(errors.get(example.file) ?? []).toEqual([]);
    const usesRedis = example.code.includes('REDIS_URL');
    if (usesRedis) await redisCli('FLUSHALL');
    const script = join(dir, 'out', example.file.replace(/\.ts$/, '.js'));
    const result = await run('node', [script], {
      cwd: dir,
      timeout: 60_000,
      env: {
        TIANMAN_APP_ID: mock?.credentials.appId,
        TIANMAN_APP_KEY: mock?.credentials.appKey,
        TIANMAN_BASE_URL: mock?.url,
        TIANMAN_LOG: 'warn',
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
    });
    expect(result.stderr, relative(root, script)).toBe('');
    expect(result.code).toBe(0);
    if (usesRedis) {
      // The token went through the shared store: the client wrote it there.
      const keys = (await redisCli('KEYS', '*')).split('\n').filter(Boolean);
      const tokenKeys = keys.filter((key) => !key.endsWith(':lock'));
      expect(tokenKeys, 'a token stored in Redis').toHaveLength(1);
      const stored = JSON.parse(await redisCli('GET', tokenKeys[0] as string));
      expect(stored).toMatchObject({
        accessToken: expect.any(String),
        expiresAt: expect.any(Number),
      });
    }
  });
});
