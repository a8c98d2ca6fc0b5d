import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signTokenRequest } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../src/index.js';

// A mock of its own.
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());

describe('upstream target', () => {
  it('forwards only to Prism, whatever the request target says', async () => {
    let hits = 0;
    const elsewhere = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const port = (elsewhere.address() as AddressInfo).port;
    const { port: mockPort } = new URL(mock.url);
    const body = JSON.stringify(await signTokenRequest({ ...mock.credentials, now: Date.now() }));
    try {
      for (const path of [
        `//127.0.0.1:${port}/v1/token/access`,
        `http://127.0.0.1:${port}/v1/token/access`,
      ]) {
        const status = await new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: Number(mockPort),
              method: 'POST',
              path,
              headers: { 'content-type': 'application/json' },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
        expect(status).toBeGreaterThan(0);
      }
      expect(hits).toBe(0);
    } finally {
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });
});
