import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { V1 } from './vectors.js';
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

  it('require()s the signer and the client on Node 20 (require of ESM, Node >= 20.19)', async () => {
    const script = `
      const { sign } = require('@tianman/signer');
      const { createTianmanClient } = require('@tianman/client');
      ${signV1}.then(({ signature }) => console.log(JSON.stringify({ signature, client: typeof createTianmanClient })));
    `;
    const result = await run('node', ['--no-warnings', '-e', script], {
      cwd: inject('consumerDir'),
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ signature: V1.signature, client: 'function' });
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

describe.each([
  ['node16', { module: 'node16', moduleResolution: 'node16' }],
  ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
])('a TypeScript consumer (moduleResolution %s)', (label, options) => {
  async function typecheck(source: string): Promise<{ code: number; stdout: string }> {
    const dir = join(inject('consumerDir'), `ts-${label}-${Math.random().toString(36).slice(2)}`);
    await mkdir(dir);
    await writeFile(join(dir, 'index.ts'), source);
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
        files: ['index.ts'],
      }),
    );
    return run(bin('tsc'), ['-p', dir]);
  }

  it('type-checks a correct syncPayScoreOrder call', async () => {
    const result = await typecheck(correctCall);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails on a wrong body, naming the field', async () => {
    const result = await typecheck(wrongCall);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('fenOrderID');
  });
});
