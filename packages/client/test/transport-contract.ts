/**
 * What every transport promises (see src/transport.ts), as one suite both transports run
 * against real loopback servers.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  isResponseTooLarge,
  ResponseTooLargeError,
  type Transport,
  type WireRequest,
} from '../src/transport.js';
import { closedPort, httpServer, until } from './wire.js';

const MiB = 1024 * 1024;

export function wire(url: string, overrides: Partial<WireRequest> = {}): WireRequest {
  return {
    method: 'GET',
    url,
    headers: {},
    body: undefined,
    signal: new AbortController().signal,
    maxResponseBytes: MiB,
    ...overrides,
  };
}

/** Rejection of `promise`, failing the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

export function transportContract(make: () => Transport): void {
  describe('round trip', () => {
    it('sends method, headers and the exact body bytes; returns status, headers and text', async () => {
      let seen: { method?: string; headers?: Record<string, unknown>; body?: string } = {};
      const server = await httpServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          seen = {
            method: req.method,
            headers: req.headers,
            body: Buffer.concat(chunks).toString(),
          };
          res.setHeader('X-Multi', ['a', 'b']);
          res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end('{"respCode":"0000","respDesc":"成功"}');
        });
      });
      const body = '{"mid":"商户 🚀"}';
      const response = await make()(
        wire(`${server.url}/v1/x?q=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'OPEN-BODY-SIG x' },
          body,
        }),
      );
      expect(seen.method).toBe('POST');
      expect(seen.body).toBe(body);
      expect(seen.headers?.['content-length']).toBe(String(Buffer.byteLength(body)));
      expect(seen.headers?.authorization).toBe('OPEN-BODY-SIG x');
      expect(server.requests[0]?.url).toBe('/v1/x?q=1');
      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['x-multi']).toBe('a, b');
      expect(response.text).toBe('{"respCode":"0000","respDesc":"成功"}');
    });

    it('decodes a character split across chunks whole', async () => {
      const bytes = Buffer.from('价格：¥100 🚀');
      const server = await httpServer((_req, res) => {
        res.writeHead(200);
        // One byte at a time, each flushed apart: every multi-byte character is split.
        let i = 0;
        const next = () => {
          if (i === bytes.length) return res.end();
          res.write(bytes.subarray(i, i + 1), () => setTimeout(next, 1));
          i++;
        };
        next();
      });
      const response = await make()(wire(server.url));
      expect(response.text).toBe('价格：¥100 🚀');
    });

    it('returns an empty text for a body-less answer', async () => {
      const server = await httpServer((_req, res) => res.writeHead(204).end());
      const response = await make()(wire(server.url, { method: 'DELETE' }));
      expect(response).toMatchObject({ status: 204, text: '' });
    });
  });

  describe('response cap', () => {
    it('refuses a body whose content-length exceeds the cap before reading it, and drops the connection', async () => {
      const server = await httpServer((_req, res) => {
        res.writeHead(200, { 'content-length': String(10 * MiB), 'x-id': '7' });
        res.write(Buffer.alloc(1024)); // and never the rest: only a dropped connection ends this
      });
      const error = await rejection(make()(wire(server.url, { maxResponseBytes: MiB })));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(isResponseTooLarge(error)).toBe(true);
      expect(error).toMatchObject({ limit: MiB, status: 200, headers: { 'x-id': '7' } });
      await until(() => server.closed === 1);
    });

    it('stops reading a streamed body at the cap: the server cannot write 50 MB, the socket closes', async () => {
      let written = 0;
      const server = await httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked
        const chunk = Buffer.alloc(64 * 1024, 97);
        const pump = () => {
          while (written < 50 * MiB && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
      const error = await rejection(make()(wire(server.url, { maxResponseBytes: MiB })));
      expect(isResponseTooLarge(error)).toBe(true);
      await until(() => server.closed === 1);
      // What loopback socket buffers hold, not the 50 MB: the body was not read to the end.
      expect(written).toBeLessThan(16 * MiB);
    });

    it('accepts a body of exactly the cap', async () => {
      const server = await httpServer((_req, res) => res.end('x'.repeat(1000)));
      const response = await make()(wire(server.url, { maxResponseBytes: 1000 }));
      expect(response.text).toHaveLength(1000);
    });
  });

  describe('redirects are returned, never followed', () => {
    for (const status of [302, 307]) {
      it(`${status}: the answer is the redirect; the target receives nothing`, async () => {
        const target = await httpServer((_req, res) => res.end('{"respCode":"0000"}'));
        const server = await httpServer((_req, res) => {
          res.writeHead(status, { location: `${target.url}/elsewhere` }).end();
        });
        const response = await make()(
          wire(server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'OPEN-BODY-SIG x' },
            body: '{}',
          }),
        );
        expect(response.status).toBe(status);
        expect(response.headers.location).toBe(`${target.url}/elsewhere`);
        expect(target.connections).toBe(0);
      });
    }
  });

  describe('abort', () => {
    it('before sending: rejects with the reason and opens no connection', async () => {
      const server = await httpServer((_req, res) => res.end());
      const controller = new AbortController();
      const reason = new Error('stopped before');
      controller.abort(reason);
      const error = await rejection(make()(wire(server.url, { signal: controller.signal })));
      expect(error).toBe(reason);
      expect(server.connections).toBe(0);
    });

    it('while waiting for headers: rejects with the reason and closes the connection', async () => {
      const server = await httpServer(() => {}); // never answers
      const controller = new AbortController();
      const call = rejection(make()(wire(server.url, { signal: controller.signal })));
      await until(() => server.requests.length === 1);
      const reason = new Error('timed out');
      controller.abort(reason);
      expect(await call).toBe(reason);
      await until(() => server.closed === 1);
    });

    it('while reading the body: rejects with the reason and closes the connection', async () => {
      const server = await httpServer((_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('0123456789'); // then nothing
      });
      const controller = new AbortController();
      const call = rejection(make()(wire(server.url, { signal: controller.signal })));
      await until(() => server.requests.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const reason = new Error('caller gave up');
      controller.abort(reason);
      expect(await call).toBe(reason);
      await until(() => server.closed === 1);
    });

    it('leaves no listener on a signal that outlives many calls', async () => {
      const server = await httpServer((_req, res) => res.end('ok'));
      const controller = new AbortController();
      const transport = make();
      for (let i = 0; i < 20; i++) {
        await transport(wire(server.url, { signal: controller.signal }));
      }
      await rejection(
        transport(wire(`http://127.0.0.1:${await closedPort()}`, { signal: controller.signal })),
      );
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('network failures keep their code', () => {
    it('ECONNREFUSED', async () => {
      const error = await rejection(make()(wire(`http://127.0.0.1:${await closedPort()}`)));
      expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    });

    it('the server resets the connection mid-body', async () => {
      const server = await httpServer((_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('0123456789', () => setTimeout(() => res.socket?.destroy(), 20));
      });
      const error = await rejection(make()(wire(server.url)));
      expect(error).toBeInstanceOf(Error);
      expect(typeof (error as { code?: unknown }).code).toBe('string');
    });
  });
}
