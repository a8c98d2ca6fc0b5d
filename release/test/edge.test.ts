import { EdgeVM } from '@edge-runtime/vm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundle } from './bundle.js';
import { V1, validBody } from './vectors.js';
import { startVerifyingServer, type VerifyingServer } from './verifying-server.js';

// The signer's non-Node entry and the client, bundled without the `node` condition and run in
// an Edge-runtime VM (the Vercel/Workers-like global scope: fetch, crypto.subtle, no process,
// no require, no node: modules).
let signerBundle = '';
let clientBundle = '';
// The same, reached through `require()`: the CommonJS build picks WebCrypto the same way.
let signerRequireBundle = '';
beforeAll(async () => {
  const consumerDir = inject('consumerDir');
  signerBundle = await bundle(
    consumerDir,
    `import * as signer from '@tianman/signer'; globalThis.signer = signer;`,
    'browser',
    'iife',
  );
  signerRequireBundle = await bundle(
    consumerDir,
    `globalThis.signer = require('@tianman/signer');`,
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
    expect(signerRequireBundle).not.toMatch(/["'`]node:/);
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

  it('signs V1 from the CommonJS build too', async () => {
    const vm = new EdgeVM();
    vm.evaluate(signerRequireBundle);
    const result = await vm.evaluate(
      `signer.sign(${JSON.stringify({ appId: V1.appId, appKey: V1.appKey, timestamp: V1.timestamp, nonce: V1.nonce, body: V1.body })})`,
    );
    expect(result.signature).toBe(V1.signature);
  });
});

describe('the client in an edge runtime', () => {
  let server: VerifyingServer;
  beforeAll(async () => {
    server = await startVerifyingServer(V1.appKey);
  });
  afterAll(() => server.close());

  it('sends a signed order sync the server verifies', async () => {
    const vm = new EdgeVM();
    vm.evaluate(clientBundle);
    const result = await vm.evaluate(`
      tianman.createTianmanClient({ appId: ${JSON.stringify(V1.appId)}, appKey: ${JSON.stringify(V1.appKey)}, baseUrl: ${JSON.stringify(server.url)} })
        .syncPayScoreOrder(${JSON.stringify({ ...validBody, detail: { paidTime: '20170101120000' } })})
    `);
    expect(result.respCode).toBe('0000');
    expect(server.verdicts).toEqual([true]);
  });
});
