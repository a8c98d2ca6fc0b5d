import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { V1, validBody } from './vectors.js';
import { startVerifyingServer, type VerifyingServer } from './verifying-server.js';
import { run } from './workspace.js';

// Bun and Deno ship their binaries inside registry packages, so the real runtimes can run the
// packed packages here. Both resolve the `node` export condition (node:crypto).
const RUNTIMES = { bun: 'bun@1.4.5', deno: 'deno@2.9.6' } as const;

let tools = '';
let server: VerifyingServer;
beforeAll(async () => {
  tools = await mkdtemp(join(tmpdir(), 'tianman-runtimes-'));
  await writeFile(join(tools, 'package.json'), '{"name":"runtimes","private":true}');
  const installed = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...Object.values(RUNTIMES)],
    { cwd: tools, timeout: 180_000 },
  );
  if (installed.code !== 0)
    throw new Error(`npm install of the runtimes failed:\n${installed.stderr}`);
  server = await startVerifyingServer(V1.appKey);
});
afterAll(async () => {
  await server?.close();
  await rm(tools, { recursive: true, force: true });
});

const script = (url: string): string => `
import { sign } from '@tianman/signer';
import { createTianmanClient, isValidationError } from '@tianman/client';
const { signature } = await sign(${JSON.stringify({ appId: V1.appId, appKey: V1.appKey, timestamp: V1.timestamp, nonce: V1.nonce, body: V1.body })});
const client = createTianmanClient({ appId: ${JSON.stringify(V1.appId)}, appKey: ${JSON.stringify(V1.appKey)}, baseUrl: ${JSON.stringify(url)} });
const { respCode } = await client.syncPayScoreOrder(${JSON.stringify({ ...validBody, detail: { paidTime: '20170101120000' } })});
let refused = false;
try { await client.syncPayScoreOrder({ ...${JSON.stringify(validBody)}, fenOrderId: 'not allowed' }); } catch (e) { refused = isValidationError(e); }
console.log(JSON.stringify({ signature, respCode, refused }));
`;

describe.each([
  ['bun', (file: string) => [join(tools, 'node_modules/.bin/bun'), [file]] as const],
  [
    'deno',
    (file: string) =>
      [
        join(tools, 'node_modules/.bin/deno'),
        ['run', '--allow-net', '--allow-read', '--allow-env', file],
      ] as const,
  ],
])('the packed packages under %s', (name, command) => {
  it('sign V1, send a verified order sync, refuse an invalid body', async () => {
    const dir = inject('consumerDir');
    const file = join(dir, `runtime-${name}.mjs`);
    await writeFile(file, script(server.url));
    const before = server.verdicts.length;
    const [bin, args] = command(file);
    const result = await run(bin, [...args], {
      cwd: dir,
      env: { NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      signature: V1.signature,
      respCode: '0000',
      refused: true,
    });
    expect(server.verdicts.slice(before)).toEqual([true]);
  });
});
