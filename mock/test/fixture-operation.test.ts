import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type RunningMock, startMock } from '../src/index.js';
import { defaultSpecPath } from '../src/spec-path.js';
import { type CountingProxy, countingProxy } from './counting-proxy.js';
import { rawCall } from './helpers.js';
import { loadContract, pointerOf, prismLocation, violationsOf } from './spec-operations.js';

// The promise of a contract-first SDK, tested: the platform's next endpoint is a spec edit. A
// copy of the spec gets a fixture operation (an array of patterned strings, a nested object
// behind a $ref, a $ref with a sibling maxLength, a typed success answer with its example); the
// generator writes into a copy of the client's sources; that copy, with no other edit, makes a
// signed, validated call to a mock serving the edited spec. The copy lives inside
// packages/client so its imports (@tianman/signer, openapi-fetch) resolve; it is gitignored
// (`packages/client/.fixture-*`) and removed afterwards.

const clientDir = fileURLToPath(new URL('../../packages/client/', import.meta.url));
const ID = 'queryPayScoreOrders';
const PATH = '/v1/inip/corporate-wallet/wechat-pay-point/order/query';

/** The parts of the spec the edit touches. */
interface Spec {
  paths: Record<string, unknown>;
  components: { schemas: Record<string, unknown> };
}

/** The spec edit, and the only one: what adding the platform's next endpoint takes. */
function addFixtureOperation(spec: Spec): void {
  spec.components.schemas.OrderQueryPage = {
    type: 'object',
    description: 'Paging of an order query.',
    additionalProperties: false,
    required: ['size'],
    properties: {
      size: { type: 'integer', minimum: 1, maximum: 50 },
      state: { type: 'string', enum: ['DONE', 'CREATED'] },
    },
  };
  spec.paths[PATH] = {
    post: {
      operationId: ID,
      tags: ['wechat-pay-point'],
      summary: '订单查询 — query Pay Score orders',
      description: 'Looks orders up by their Pay Score order numbers.',
      security: [{ OpenBodySig: [] }, { OpenAccessToken: [] }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['mid', 'fenOrderIds', 'page'],
              properties: {
                mid: { type: 'string', minLength: 1, maxLength: 32 },
                fenOrderIds: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 3,
                  items: {
                    type: 'string',
                    maxLength: 12,
                    pattern: '^[A-Za-z0-9]+$',
                    'x-pattern-message': 'letters and digits only',
                  },
                },
                // A keyword beside a $ref: a generator that drops it leaves the value unchecked.
                primaryOrderId: {
                  $ref: '#/components/schemas/SyncPayScoreOrderRequest/properties/fenOrderId',
                  maxLength: 16,
                },
                page: { $ref: '#/components/schemas/OrderQueryPage' },
              },
            },
            examples: {
              twoOrders: {
                summary: 'Two orders',
                value: {
                  mid: '898310148160568',
                  fenOrderIds: ['ORDER1', 'ORDER2'],
                  primaryOrderId: 'ORDER1',
                  page: { size: 10, state: 'DONE' },
                },
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The orders found.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['respCode', 'orders'],
                properties: {
                  respCode: { type: 'string' },
                  respDesc: { type: 'string' },
                  orders: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['fenOrderId', 'state', 'amount'],
                      properties: {
                        fenOrderId: { type: 'string' },
                        state: { type: 'string', enum: ['DONE', 'CREATED'] },
                        amount: { type: 'integer', description: 'In fen (分).' },
                      },
                    },
                  },
                },
              },
              examples: {
                found: {
                  summary: 'Two orders found',
                  value: {
                    respCode: '0000',
                    respDesc: '成功',
                    orders: [
                      { fenOrderId: 'ORDER1', state: 'DONE', amount: 1200 },
                      { fenOrderId: 'ORDER2', state: 'CREATED', amount: 50 },
                    ],
                  },
                },
              },
            },
          },
        },
        '412': { $ref: '#/components/responses/GatewayAuthFailed' },
        '422': { $ref: '#/components/responses/GatewayParameterError' },
      },
    },
  };
}

const example = {
  mid: '898310148160568',
  fenOrderIds: ['ORDER1', 'ORDER2'],
  primaryOrderId: 'ORDER1',
  page: { size: 10, state: 'DONE' },
};
const found = {
  respCode: '0000',
  respDesc: '成功',
  orders: [
    { fenOrderId: 'ORDER1', state: 'DONE', amount: 1200 },
    { fenOrderId: 'ORDER2', state: 'CREATED', amount: 50 },
  ],
};

type Method = (body: unknown) => Promise<Record<string, unknown>>;
interface FixtureClient {
  [id: string]: unknown;
}
interface FixtureModule {
  createTianmanClient(options: Record<string, unknown>): FixtureClient;
  createTianmanApi(client: FixtureClient): {
    POST(path: string, init: { body: unknown }): Promise<{ data?: unknown; response: Response }>;
  };
  ValidationError: new (
    ...args: never[]
  ) => Error & { issues: Array<{ path: string; rule: string }> };
}

/** Every file under `dir`, relative, with its content. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(relative(dir, file), readFileSync(file, 'utf8'));
  }
  return files;
}

let dir: string;
let specPath: string;
let fixture: FixtureModule;
let mock: RunningMock;
let proxy: CountingProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(clientDir, '.fixture-'));
  cpSync(join(clientDir, 'src'), join(dir, 'src'), { recursive: true });
  const spec = parse(readFileSync(defaultSpecPath(), 'utf8')) as Spec;
  addFixtureOperation(spec);
  specPath = join(dir, 'openapi.yaml');
  writeFileSync(specPath, stringify(spec));
  const { generate } = await import(pathToFileURL(join(clientDir, 'scripts/generate.mjs')).href);
  await generate({ spec: specPath, out: join(dir, 'src/generated'), dryRun: false });
  fixture = {
    ...(await import(pathToFileURL(join(dir, 'src/index.ts')).href)),
    ...(await import(pathToFileURL(join(dir, 'src/api.ts')).href)),
  } as FixtureModule;
  mock = await startMock({ port: 0, spec: specPath });
  proxy = await countingProxy(mock.url);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await mock?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function client(auth: 'signature' | 'token', baseUrl = mock.url): FixtureClient {
  return fixture.createTianmanClient({ ...mock.credentials, baseUrl, auth, retry: { limit: 0 } });
}
const call = (c: FixtureClient, body: unknown) => (c[ID] as Method)(body);

it('the regenerated copy differs from the client’s sources in generated/ only: no hand edit', () => {
  const before = tree(join(clientDir, 'src'));
  const after = tree(join(dir, 'src'));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (file) => before.get(file) !== after.get(file),
  );
  expect(changed.length).toBeGreaterThan(0);
  expect(changed.filter((file) => !file.startsWith('generated/'))).toEqual([]);
});

describe.each(['signature', 'token'] as const)('auth: %s', (auth) => {
  it(`client.${ID}(example): signed, validated, answered with the success example`, async () => {
    const result = await call(client(auth), example);
    expect(result).toMatchObject({ ...found, status: 200, attempts: 1 });
  });

  it('the api: the same call', async () => {
    const { data, response } = await fixture.createTianmanApi(client(auth)).POST(PATH, {
      body: example,
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(found);
  });
});

describe.each([
  [
    'an array item too long',
    { ...example, fenOrderIds: ['ORDER1', 'A'.repeat(13)] },
    '/fenOrderIds/1',
    'maxLength',
  ],
  [
    'an array item breaking its pattern',
    { ...example, fenOrderIds: ['ORDER 1'] },
    '/fenOrderIds/0',
    'pattern',
  ],
  [
    'the maxLength beside a $ref (16, where the referenced schema allows 32)',
    { ...example, primaryOrderId: 'A'.repeat(17) },
    '/primaryOrderId',
    'maxLength',
  ],
  [
    'the referenced schema’s pattern, beside the sibling maxLength',
    { ...example, primaryOrderId: 'ORDER 1' },
    '/primaryOrderId',
    'pattern',
  ],
  [
    'a nested object’s field out of range',
    { ...example, page: { size: 51 } },
    '/page/size',
    'maximum',
  ],
])('%s', (_what, body, path, rule) => {
  it('the client refuses it, method and api, 0 bytes sent', async () => {
    const c = client('signature', proxy.url);
    for (const attempt of [
      () => call(c, body),
      () => fixture.createTianmanApi(c).POST(PATH, { body }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(fixture.ValidationError);
      expect((error as InstanceType<FixtureModule['ValidationError']>).issues).toContainEqual(
        expect.objectContaining({ path, rule }),
      );
    }
    expect({ connections: proxy.connections, bytes: proxy.bytes }).toEqual({
      connections: 0,
      bytes: 0,
    });
  });

  it('Prism refuses it too, sent raw', async () => {
    const answer = await rawCall(JSON.stringify(body), { url: mock.url, path: PATH });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ errCode: '9001' });
  });
});

it('the operation-table tests pick the fixture operation up with no edit', async () => {
  // What operations.test.ts does for the real spec, on the edited copy.
  const contract = loadContract(specPath);
  const op = contract.operations.find((o) => o.id === ID);
  expect(op).toBeDefined();
  if (!op) return;
  const violations = violationsOf(contract, op);
  expect(new Set(violations.map((v) => v.rule))).toEqual(
    new Set([
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
    ]),
  );
  const c = client('signature', proxy.url);
  for (const violation of violations) {
    const error = await call(c, violation.body).catch((e: unknown) => e);
    expect(error, violation.what).toBeInstanceOf(fixture.ValidationError);
    expect(
      (error as InstanceType<FixtureModule['ValidationError']>).issues,
      violation.what,
    ).toContainEqual(
      expect.objectContaining({ path: pointerOf(violation.at), rule: violation.rule }),
    );
    const answer = await rawCall(JSON.stringify(violation.body), { url: mock.url, path: PATH });
    expect(answer.status, violation.what).toBe(422);
    expect(JSON.parse(answer.headers.get('sl-violations') ?? '[]'), violation.what).toContainEqual(
      expect.objectContaining({ code: violation.rule, location: prismLocation(violation) }),
    );
  }
  expect(proxy.connections).toBe(0);
});

it('the method is typed from the spec: the result’s fields, and the body (tsc)', async () => {
  writeFileSync(
    join(dir, 'typed.ts'),
    `import { createTianmanClient } from './src/index.js';

const client = createTianmanClient({ appId: 'a', appKey: 'k', baseUrl: 'http://127.0.0.1:1' });

export async function typed(): Promise<unknown[]> {
  const result = await client.${ID}({ mid: 'm', fenOrderIds: ['A1'], page: { size: 1 } });
  const states: Array<'DONE' | 'CREATED'> = result.orders.map((order) => order.state);
  const amounts: number[] = result.orders.map((order) => order.amount);
  const code: string = result.respCode;
  const status: number = result.status;
  // @ts-expect-error: state is one of the spec's enum, not any string
  const wrong: Array<'OTHER'> = result.orders.map((order) => order.state);
  // @ts-expect-error: an unknown field in the body
  await client.${ID}({ mid: 'm', fenOrderIds: ['A1'], page: { size: 1 }, extra: 1 });
  // @ts-expect-error: an array item of the wrong type
  await client.${ID}({ mid: 'm', fenOrderIds: [1], page: { size: 1 } });
  // @ts-expect-error: the nested object's required field missing
  await client.${ID}({ mid: 'm', fenOrderIds: ['A1'], page: {} });
  return [states, amounts, code, status, wrong];
}
`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../tsconfig.json', include: ['src', 'typed.ts'] }),
  );
  const tsc = join(clientDir, 'node_modules/typescript/bin/tsc');
  const run = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
    cwd: dir,
  }).then(
    () => ({ ok: true, output: '' }),
    (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
  );
  expect(run.output).toBe('');
  expect(run.ok).toBe(true);
}, 120_000);
