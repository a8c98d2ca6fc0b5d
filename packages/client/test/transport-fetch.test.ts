import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchTransport } from '../src/transport-fetch.js';
import { rejection, transportContract, wire } from './transport-contract.js';
import { httpServer } from './wire.js';

describe('fetch transport: the contract (global fetch, undici)', () => {
  transportContract(() => createFetchTransport());
});

describe('fetch transport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('looks up globalThis.fetch at each request: a fetch installed later is used', async () => {
    const transport = createFetchTransport();
    const installed = vi.fn(async () => new Response('from the stub', { status: 200 }));
    vi.stubGlobal('fetch', installed);
    const response = await transport(wire('http://127.0.0.1:1/x'));
    expect(response.text).toBe('from the stub');
    expect(installed).toHaveBeenCalledOnce();
  });

  it('uses the fetch it is given, asking it not to follow redirects', async () => {
    const given = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/' } }),
    );
    const response = await createFetchTransport(given as typeof fetch)(
      wire('https://api.test/x', { method: 'POST', body: '{}' }),
    );
    expect(response).toMatchObject({
      status: 302,
      headers: { location: 'https://elsewhere.test/' },
    });
    expect(given.mock.calls[0]?.[1]).toMatchObject({
      redirect: 'manual',
      method: 'POST',
      body: '{}',
    });
  });

  it("an abort rejects with the signal's reason even when fetch throws its own AbortError", async () => {
    const controller = new AbortController();
    const given = async (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted.', 'AbortError')),
        );
      });
    const call = rejection(
      createFetchTransport(given as typeof fetch)(
        wire('https://api.test/x', { signal: controller.signal }),
      ),
    );
    const reason = new Error('timed out');
    controller.abort(reason);
    expect(await call).toBe(reason);
  });

  it('joins repeated headers (set-cookie too) with ", "', async () => {
    const server = await httpServer((_req, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end();
    });
    const response = await createFetchTransport()(wire(server.url));
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('a header named like an Object.prototype member is just a header', async () => {
    const server = await httpServer((_req, res) => {
      res.setHeader('constructor', 'x');
      res.end();
    });
    const response = await createFetchTransport()(wire(server.url));
    expect(response.headers.constructor).toBe('x');
  });
});
