import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { V1, validBody as validBodyLiteral } from './vectors.js';
import { bin, run } from './workspace.js';

const signV1 = `sign({ appId: '${V1.appId}', appKey: '${V1.appKey}', timestamp: '${V1.timestamp}', nonce: '${V1.nonce}', body: '${V1.body}' })`;

describe('a JavaScript consumer of the tarballs', () => {
  it('imports every package as ESM', async () => {
    const script = `
      import { sign } from '@tianman/signer';
      import { createTianmanClient } from '@tianman/client';
      import { startMock } from '@tianman/mock';
      const { signature } = await ${signV1};
      console.log(JSON.stringify({ signature, client: typeof createTianmanClient, mock: typeof startMock }));
    `;
    const result = await run('node', ['--input-type=module', '-e', script], {
      cwd: inject('consumerDir'),
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      signature: V1.signature,
      client: 'function',
      mock: 'function',
    });
  });

  it('require()s every package, getting the CommonJS builds', async () => {
    const script = `
      const { sign } = require('@tianman/signer');
      const { createTianmanClient } = require('@tianman/client');
      const { startMock } = require('@tianman/mock');
      const builds = ['@tianman/signer', '@tianman/client', '@tianman/mock'].map((name) =>
        require.resolve(name).replace(/^.*[\\/]/, ''));
      ${signV1}.then(({ signature }) => console.log(JSON.stringify({
        signature, client: typeof createTianmanClient, mock: typeof startMock, builds })));
    `;
    // No `--no-warnings`: loading an ES module through require() would warn on stderr.
    const result = await run('node', ['-e', script], { cwd: inject('consumerDir') });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      signature: V1.signature,
      client: 'function',
      mock: 'function',
      builds: ['index.cjs', 'index.cjs', 'index.cjs'],
    });
  });

  // The dual-package hazard: an app whose own code is ESM and a dependency that require()s the
  // client loads both builds. Each is a separate module instance; nothing may depend on there
  // being one.
  it('works with both builds loaded in one process', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import * as esm from '@tianman/client';
      import * as signerEsm from '@tianman/signer';
      const require = createRequire(import.meta.url);
      const cjs = require('@tianman/client');
      const signerCjs = require('@tianman/signer');
      const body = ${JSON.stringify({ ...validBodyLiteral, fenOrderId: 'not allowed' })};
      const refusal = async (client) => client.syncPayScoreOrder(body).catch((e) => e);
      const fromEsm = await refusal(esm.createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' }));
      const fromCjs = await refusal(cjs.createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' }));
      // Nonces from the two builds' pools: both from the CSPRNG, none repeated.
      const nonces = new Set();
      for (let i = 0; i < 1000; i++) { nonces.add(signerEsm.createNonce()); nonces.add(signerCjs.createNonce()); }
      const signatures = [(await signerEsm.${signV1}).signature, (await signerCjs.${signV1}).signature];
      console.log(JSON.stringify({
        distinctBuilds: esm.createTianmanClient !== cjs.createTianmanClient,
        guardsAcrossBuilds: [esm.isValidationError(fromCjs), cjs.isValidationError(fromEsm)],
        instanceofAcrossBuilds: fromCjs instanceof esm.ValidationError,
        nonces: nonces.size,
        signatures,
      }));
    `;
    const result = await run('node', ['--input-type=module', '-e', script], {
      cwd: inject('consumerDir'),
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      distinctBuilds: true,
      // The guards use Symbol.for brands, so they see through the split; instanceof does not,
      // which is why the README tells users to use the guards.
      guardsAcrossBuilds: [true, true],
      instanceofAcrossBuilds: false,
      nonces: 2000,
      signatures: [V1.signature, V1.signature],
    });
  });
});

const correctCall = `
import { createTianmanClient } from '@tianman/client';
const client = createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' });
export const result = client.syncPayScoreOrder({
  fenOrderId: 'ORDER20261125001',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20261125143000' },
});
export const code: Promise<string> = result.then((r) => r.respCode);
`;

// A misspelt field and a missing required one: both must be compile errors.
const wrongCall = `
import { createTianmanClient } from '@tianman/client';
const client = createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' });
export const result = client.syncPayScoreOrder({
  fenOrderID: 'ORDER20261125001',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20261125143000' },
});
`;

// Every package's public API in one file: with `skipLibCheck` off, tsc reads each package's
// declarations and everything they import, so a dependency's types leaking through one (Prism's,
// which need pino's, which do not exist) fails here.
const everyPackage = `
import { sign } from '@tianman/signer';
import { createTianmanClient, type TokenStore } from '@tianman/client';
import { startMock, type MockOptions, type RunningMock } from '@tianman/mock';
import { createRedisTokenStore } from '@tianman/token-store-redis';
export const api = { sign, createTianmanClient, startMock, createRedisTokenStore };
export type Types = [TokenStore, MockOptions, RunningMock];
`;

interface Checked {
  code: number;
  /** Every error tsc reported, one line each. */
  errors: string[];
  errorsIn: (file: string) => string[];
}

describe.concurrent.each([
  ['node16', { module: 'node16', moduleResolution: 'node16' }],
  ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
])('a TypeScript consumer (moduleResolution %s)', (label, options) => {
  // One tsc run checks the three files; each file's errors are reported against it.
  let checked: Promise<Checked> | undefined;
  async function typecheck(): Promise<Checked> {
    const dir = join(inject('consumerDir'), `ts-${label}`);
    await mkdir(dir);
    await writeFile(join(dir, 'correct.ts'), correctCall);
    await writeFile(join(dir, 'wrong.ts'), wrongCall);
    await writeFile(join(dir, 'every-package.ts'), everyPackage);
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['correct.ts', 'wrong.ts', 'every-package.ts'],
      }),
    );
    const tsc = await run(bin('tsc'), ['-p', dir, '--pretty', 'false']);
    const errors = tsc.stdout.split('\n').filter((line) => /\.ts\(\d+,\d+\): error/.test(line));
    return {
      code: tsc.code,
      errors,
      errorsIn: (file) =>
        errors.filter((line) => line.startsWith(`${file}(`) || line.includes(`/${file}(`)),
    };
  }

  it('type-checks a correct syncPayScoreOrder call', async () => {
    checked ??= typecheck();
    expect((await checked).errorsIn('correct.ts')).toEqual([]);
  });

  it("type-checks every package's declarations with skipLibCheck off", async () => {
    checked ??= typecheck();
    const { errors, errorsIn } = await checked;
    const wrong = new Set(errorsIn('wrong.ts'));
    expect(errors.filter((line) => !wrong.has(line))).toEqual([]);
  });

  it('fails on a wrong body, naming the field', async () => {
    checked ??= typecheck();
    const { code, errorsIn } = await checked;
    expect(code).not.toBe(0);
    const errors = errorsIn('wrong.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('fenOrderID');
  });
});
