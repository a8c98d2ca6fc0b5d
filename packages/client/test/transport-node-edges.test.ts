import { globalAgent as httpGlobalAgent } from 'node:http';
import { globalAgent as httpsGlobalAgent } from 'node:https';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeTransport } from '../src/transport-node.js';
import { rejection, wire } from './transport-contract.js';
import { closedPort, httpServer } from './wire.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('node transport: what goes on the wire', () => {
  it('announces the body by its UTF-8 byte length, not chunked', async () => {
    let seen: Record<string, unknown> = {};
    let received = '';
    const server = await httpServer((req, res) => {
      seen = req.headers;
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        received += chunk;
      });
      req.on('end', () => res.end('ok'));
    });
    const body = '{"mid":"商户号"}';
    await createNodeTransport()(wire(server.url, { method: 'POST', body }));
    expect(seen['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen['transfer-encoding']).toBeUndefined();
    expect(received).toBe(body);
  });

  it('credentials in the URL become Basic auth', async () => {
    let authorization: string | undefined;
    const server = await httpServer((req, res) => {
      authorization = req.headers.authorization;
      res.end('ok');
    });
    const url = server.url.replace('http://', 'http://user:pa%20ss@');
    await createNodeTransport()(wire(url));
    expect(authorization).toBe(`Basic ${Buffer.from('user:pa ss').toString('base64')}`);
  });

  it('names the protocol it refuses', async () => {
    const error = await rejection(createNodeTransport()(wire('ftp://127.0.0.1/x')));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('unsupported protocol in URL: ftp:');
  });

  it('joins a repeated header with ", " and lower-cases names', async () => {
    const server = await httpServer((_req, res) => {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Thing', 'One');
      res.end('ok');
    });
    const response = await createNodeTransport()(wire(server.url));
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(response.headers['x-thing']).toBe('One');
  });
});

describe("node transport: its own keep-alive pools, not Node's global agents", () => {
  // A caller may have reconfigured (or replaced) the global agents; the default transport's
  // keep-alive, socket cap and scheduling come from its own module-wide agents.
  it.each([
    ['http', httpGlobalAgent],
    ['https', httpsGlobalAgent],
  ] as const)('%s: requests do not go through the global agent', async (protocol, agent) => {
    const addRequest = vi.spyOn(agent as unknown as { addRequest: () => void }, 'addRequest');
    const port = await closedPort();
    const transport = createNodeTransport();
    await rejection(transport(wire(`${protocol}://127.0.0.1:${port}/`)));
    await rejection(transport(wire(`${protocol}://127.0.0.1:${port}/`)));
    expect(addRequest).not.toHaveBeenCalled();
  });
});
