import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { readEndpointExample, withEndpointExample } from '../../spec/test/endpoint-example.js';
import { type RunningMock, startMock } from '../src/index.js';
import { defaultSpecPath } from '../src/spec-path.js';
import { expectAgreement } from './differential-suite.js';
import { operationTests, type SuiteTarget } from './operation-suite.js';
import { loadContract, violationsOf } from './spec-operations.js';

// The promise of a contract-first SDK, tested as the root README makes it: the platform's next
// endpoint is a spec edit. The README's "Adding an endpoint" example (the YAML between its
// `endpoint-example` markers) is added to a copy of the spec (spec/test/endpoint-example.test.ts
// lints that copy); the generator writes a copy of the client's sources from it; with no other edit, that copy passes
// the tests every operation of the spec gets (operation-suite.ts, differential-suite.ts)
// against a mock serving the edited spec, and the README's program for the new operations
// type-checks and runs. The copy lives inside packages/client so its imports (@tianman/signer,
// openapi-fetch) resolve; it is gitignored (`packages/client/.fixture-*`) and removed afterwards.

const root = fileURLToPath(new URL('../../', import.meta.url));
const clientDir = join(root, 'packages/client');
/** Generated requests per new operation on which the client and the mock must agree. */
const RUNS = 300;

// The edited spec is written now, not in beforeAll: the tests below are made from it.
const example = readEndpointExample();
const spec = withEndpointExample(
  parse(readFileSync(defaultSpecPath(), 'utf8')) as { paths: Record<string, unknown> },
  example,
);
const dir = mkdtempSync(join(clientDir, '.fixture-'));
const specPath = join(dir, 'openapi.yaml');
writeFileSync(specPath, stringify(spec, { lineWidth: 0 }));
const contract = loadContract(specPath);
const added = contract.operations.filter((op) => op.path in example.paths);

interface ClientModule {
  createTianmanClient(options: object): object;
  createTianmanApi(client: object): object;
  ValidationError: abstract new (...args: never[]) => Error;
  validateRequestBody(operationId: never, body: unknown): Array<{ path: string; rule: string }>;
  isValidationError(error: unknown): error is Error & { issues: Array<{ rule: string }> };
}

let copy: ClientModule;
let mock: RunningMock;

beforeAll(async () => {
  cpSync(join(clientDir, 'src'), join(dir, 'src'), { recursive: true });
  const { generate } = await import(pathToFileURL(join(clientDir, 'scripts/generate.mjs')).href);
  await generate({ spec: specPath, out: join(dir, 'src/generated'), dryRun: false });
  copy = {
    ...(await import(pathToFileURL(join(dir, 'src/index.ts')).href)),
    ...(await import(pathToFileURL(join(dir, 'src/api.ts')).href)),
  } as ClientModule;
  mock = await startMock({ port: 0, spec: specPath });
}, 60_000);

afterAll(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = (auth: 'signature' | 'token', baseUrl: string) =>
  copy.createTianmanClient({ ...mock.credentials, baseUrl, auth, retry: { limit: 0 } });

it('the README example adds operations to the spec', () => {
  expect(added.map((op) => op.id)).toEqual(['queryPayScoreOrders', 'getPayScoreOrder']);
});

/** Every file under `at`, relative, with its content. */
function tree(at: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(at, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(relative(at, file), readFileSync(file, 'utf8'));
  }
  return files;
}

it('the regenerated copy differs from the client’s sources in generated/ only: no hand edit', () => {
  const before = tree(join(clientDir, 'src'));
  const after = tree(join(dir, 'src'));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (file) => before.get(file) !== after.get(file),
  );
  expect(changed.length).toBeGreaterThan(0);
  expect(changed.filter((file) => !file.startsWith('generated/'))).toEqual([]);
});

it('the broken requests derived from the example reach every place and kind of rule', () => {
  const broken = new Set(
    added.flatMap((op) => violationsOf(contract, op).map((v) => `${v.where} ${v.rule}`)),
  );
  for (const rule of [
    'type',
    'required',
    'additionalProperties',
    'minLength',
    'maxLength',
    'pattern',
    'minItems',
    'maxItems',
    'minimum',
    'maximum',
    'enum',
  ]) {
    expect(broken).toContain(`body ${rule}`);
  }
  for (const rule of ['required', 'maxLength', 'pattern', 'type']) {
    expect(broken).toContain(`path ${rule}`);
  }
  for (const rule of ['required', 'maxLength', 'maxItems', 'enum', 'additionalProperties']) {
    expect(broken).toContain(`query ${rule}`);
  }
});

const target: SuiteTarget = {
  mockUrl: () => mock.url,
  client,
  api: (c) => copy.createTianmanApi(c),
  get ValidationError() {
    return copy.ValidationError;
  },
  validateRequestBody: (id, body) => copy.validateRequestBody(id, body),
};

describe.each(added)('$id ($method $path)', (op) => {
  operationTests(contract, op, target);

  it(`the client and the mock agree on ${RUNS} generated requests`, {
    timeout: 120_000,
  }, async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    await expectAgreement(
      contract,
      op,
      {
        mockUrl: mock.url,
        client: client('signature', mock.url),
        validateRequestBody: copy.validateRequestBody,
        isValidationError: copy.isValidationError,
      },
      {
        runs: RUNS,
        seed,
        replay: `FC_SEED=${seed} pnpm --filter @tianman/mock exec vitest run test/adding-an-endpoint.test.ts`,
      },
    );
  });
});

describe('the README’s program for the new operations', () => {
  const tsc = (project: string) =>
    promisify(execFile)(
      process.execPath,
      [join(clientDir, 'node_modules/typescript/bin/tsc'), '-p', project, '--pretty', 'false'],
      { cwd: dir },
    ).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );

  it('type-checks against the generated copy, which types the new operations', {
    timeout: 120_000,
  }, async () => {
    writeFileSync(join(dir, 'program.ts'), example.program);
    // Mistakes the generated types must catch.
    writeFileSync(
      join(dir, 'mistakes.ts'),
      `import { createTianmanClient } from '@tianman/client';

const client = createTianmanClient({ appId: 'a', appKey: 'k', baseUrl: 'http://127.0.0.1:1' });

export async function mistakes(): Promise<unknown[]> {
  const { orders } = await client.queryPayScoreOrders({ mid: 'm', fenOrderIds: ['A1'], page: { size: 1 } });
  // @ts-expect-error: state is one of the spec's enum, not any string
  const wrong: Array<'OTHER'> = orders.map((order) => order.state);
  // @ts-expect-error: an unknown field in the body
  await client.queryPayScoreOrders({ mid: 'm', fenOrderIds: ['A1'], page: { size: 1 }, extra: 1 });
  // @ts-expect-error: an array item of the wrong type
  await client.queryPayScoreOrders({ mid: 'm', fenOrderIds: [1], page: { size: 1 } });
  // @ts-expect-error: the nested object's required field missing
  await client.queryPayScoreOrders({ mid: 'm', fenOrderIds: ['A1'], page: {} });
  // @ts-expect-error: the path parameter missing
  await client.getPayScoreOrder({ query: { mid: 'm' } });
  // @ts-expect-error: the required query parameter missing
  await client.getPayScoreOrder({ path: { fenOrderId: 'A1' }, query: {} });
  // @ts-expect-error: a query array item outside its enum
  await client.getPayScoreOrder({ path: { fenOrderId: 'A1' }, query: { mid: 'm', fields: ['x'] } });
  // @ts-expect-error: a GET takes no body
  await client.getPayScoreOrder({ path: { fenOrderId: 'A1' }, query: { mid: 'm' }, body: {} });
  return [wrong];
}
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: {
          paths: {
            '#transport': ['./src/transport-default-node.ts'],
            '@tianman/client': ['./src/index.ts'],
          },
        },
        include: ['src', 'program.ts', 'mistakes.ts'],
      }),
    );
    expect(await tsc(join(dir, 'tsconfig.json'))).toBe('');
  });

  it('runs against the mock serving the edited spec', async () => {
    writeFileSync(join(dir, 'run-program.ts'), example.program);
    vi.stubEnv('TIANMAN_BASE_URL', mock.url);
    vi.stubEnv('TIANMAN_APP_ID', mock.credentials.appId);
    vi.stubEnv('TIANMAN_APP_KEY', mock.credentials.appKey);
    vi.doMock('@tianman/client', () => import(pathToFileURL(join(dir, 'src/index.ts')).href));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import(pathToFileURL(join(dir, 'run-program.ts')).href);
      expect(log.mock.calls).toEqual([['2 orders; the first is DONE']]);
    } finally {
      log.mockRestore();
      vi.doUnmock('@tianman/client');
      vi.unstubAllEnvs();
    }
  });
});
