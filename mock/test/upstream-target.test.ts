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
    try {
      for (const path of [
        `//127.0.0.1:${port}/v1/token/access`,
        `http://127.0.0.1:${port}/v1/token/access`,
      ]) {
        const body = JSON.stringify(await signTokenRequest({ ...mock.credentials }));
        const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: Number(mockPort),
              method: 'POST',
              path,
              headers: { 'content-type': 'application/json' },
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
        // Answered by the mock itself, for the path alone: a real token, not the other server's `{}`.
        expect(answer.status, answer.text).toBe(200);
        expect(JSON.parse(answer.text)).toMatchObject({
          errCode: '0000',
          accessToken: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
      }
      expect(hits).toBe(0);
    } finally {
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });
});
