import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EdgeVM } from '@edge-runtime/vm';
import { verify } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundle } from './bundle.js';
import { V1, validBody } from './vectors.js';

// The signer's non-Node entry and the client, bundled without the `node` condition and run in
// an Edge-runtime VM (the Vercel/Workers-like global scope: fetch, crypto.subtle, no process,
// no require, no node: modules).
let signerBundle = '';
let clientBundle = '';
beforeAll(async () => {
  const consumerDir = inject('consumerDir');
  signerBundle = await bundle(
    consumerDir,
    `import * as signer from '@tianman/signer'; globalThis.signer = signer;`,
    'browser',
    'iife',
  );
  clientBundle = await bundle(
    consumerDir,
    `import * as client from '@tianman/client'; globalThis.tianman = client;`,
    'browser',
    'iife',
  );
});

describe('the signer in an edge runtime', () => {
  it('reaches no node: module and no require', () => {
    expect(signerBundle).not.toMatch(/["'`]node:/);
    expect(signerBundle).not.toMatch(/\brequire\(/);
    expect(clientBundle).not.toMatch(/["'`]node:/);
  });

  it('signs the platform vector V1 with WebCrypto', async () => {
    const vm = new EdgeVM();
    expect(vm.evaluate('typeof process')).toBe('undefined');
    vm.evaluate(signerBundle);
    const result = await vm.evaluate(
      `signer.sign(${JSON.stringify({ appId: V1.appId, appKey: V1.appKey, timestamp: V1.timestamp, nonce: V1.nonce, body: V1.body })})`,
    );
    expect(result.signature).toBe(V1.signature);
  });
});

describe('the client in an edge runtime', () => {
  let server: ReturnType<typeof createServer>;
  let url = '';
  const seen: Array<{ ok: boolean }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const result = await verify({
          authorization: req.headers.authorization ?? '',
          body: new Uint8Array(Buffer.concat(chunks)),
          appKey: V1.appKey,
        });
        seen.push({ ok: result.ok });
        res.writeHead(result.ok ? 200 : 412, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            result.ok
              ? { respCode: '0000', respDesc: '成功' }
              : { errCode: '1000', errInfo: '认证失败' },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a signed order sync the server verifies', async () => {
    const vm = new EdgeVM();
    vm.evaluate(clientBundle);
    const result = await vm.evaluate(`
      tianman.createTianmanClient({ appId: ${JSON.stringify(V1.appId)}, appKey: ${JSON.stringify(V1.appKey)}, baseUrl: ${JSON.stringify(url)} })
        .syncPayScoreOrder(${JSON.stringify({ ...validBody, detail: { paidTime: '20170101120000' } })})
    `);
    expect(result.respCode).toBe('0000');
    expect(seen).toEqual([{ ok: true }]);
  });
});
