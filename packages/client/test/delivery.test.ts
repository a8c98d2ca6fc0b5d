import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { APP_ID, APP_KEY, fastRetry, NOW, validBody } from './helpers.js';
import { closedPort, rawServer } from './wire.js';

// A copy of the sync operation that the contract marks idempotent (x-tianman-idempotent), beside
// the real one, which it does not.
vi.mock('../src/generated/operations.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/generated/operations.js')>();
  return {
    ...original,
    operationTable: {
      ...original.operationTable,
      idempotentSync: { ...original.operationTable.syncPayScoreOrder, idempotent: true },
    },
  };
});

const { createTianmanClient } = await import('../src/index.js');
type Client = ReturnType<typeof createTianmanClient>;

const OK =
  'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 19\r\n\r\n{"respCode":"0000"}';

function clientFor(url: string, transport: 'node' | 'fetch' = 'node'): Client {
  return createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: url,
    now: () => NOW,
    retry: fastRetry,
    ...(transport === 'fetch' ? { fetch: globalThis.fetch } : {}),
  });
}

const idempotentSync = (client: Client) =>
  (client as unknown as Record<string, (body: unknown) => Promise<unknown>>).idempotentSync?.(
    validBody,
  );

async function failure(
  promise: Promise<unknown> | undefined,
): Promise<Error & Record<string, unknown>> {
  return (promise as Promise<unknown>).then(
    () => expect.unreachable('the call should have failed'),
    (error: Error & Record<string, unknown>) => error,
  );
}

// What a server can do after it has read the whole request.
const afterReading: Array<[string, (socket: Socket) => void]> = [
  ['resets the connection', (socket) => socket.resetAndDestroy()],
  ['closes the connection without answering', (socket) => socket.end()],
  [
    'answers with two different Content-Lengths',
    (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}'),
  ],
  [
    'answers with a negative Content-Length',
    (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n{}'),
  ],
  [
    'answers with both Transfer-Encoding and Content-Length',
    (socket) =>
      socket.end(
        'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
      ),
  ],
  [
    'breaks the chunk framing',
    (socket) => socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n'),
  ],
  [
    'sends a header past the size limit',
    (socket) => socket.end(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(100_000)}\r\n\r\n`),
  ],
  [
    'switches protocols unasked (101)',
    (socket) =>
      socket.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\nconnection: upgrade\r\n\r\n'),
  ],
];

describe.each(['node', 'fetch'] as const)(
  '%s transport: a request the server has read is never sent again',
  (transport) => {
    it.each(afterReading)(
      'a server that %s after reading: one delivery, ERR_MAYBE_DELIVERED',
      async (_what, misbehave) => {
        const server = await rawServer((socket) => misbehave(socket));
        const error = await failure(clientFor(server.url, transport).syncPayScoreOrder(validBody));
        expect(error).toMatchObject({
          name: 'NetworkError',
          code: 'ERR_MAYBE_DELIVERED',
          attempts: 1,
        });
        expect(error.message).toContain('may have been delivered');
        expect(server.delivered).toHaveLength(1);
      },
    );

    it('a timeout after the request was written: one delivery, ERR_MAYBE_DELIVERED', async () => {
      const server = await rawServer(() => {});
      const error = await failure(
        clientFor(server.url, transport).syncPayScoreOrder(validBody, { timeoutMs: 100 }),
      );
      expect(error).toMatchObject({
        name: 'TimeoutError',
        code: 'ERR_MAYBE_DELIVERED',
        attempts: 1,
      });
      expect(server.delivered).toHaveLength(1);
    });

    it('an operation the contract marks idempotent is sent again after such a failure', async () => {
      const server = await rawServer((socket, _request, n) => {
        if (n === 1) socket.resetAndDestroy();
        else socket.end(OK);
      });
      const result = await idempotentSync(clientFor(server.url, transport));
      expect(result).toMatchObject({ respCode: '0000', attempts: 2 });
      expect(server.delivered).toHaveLength(2);
    });

    it('a refused connection sent nothing: retried, then ERR_NETWORK', async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const error = await failure(clientFor(url, transport).syncPayScoreOrder(validBody));
      expect(error).toMatchObject({ name: 'NetworkError', code: 'ERR_NETWORK', attempts: 3 });
      expect(error.message).not.toContain('may have been delivered');
    });
  },
);

describe('node transport: a kept-alive socket the server gave up on is never written to', () => {
  it('a socket the server closed while idle: the next call takes a fresh one, one delivery', async () => {
    const server = await rawServer((socket) =>
      socket.end(OK.replace('\r\n\r\n', '\r\nconnection: keep-alive\r\n\r\n')),
    );
    const client = clientFor(server.url);
    await client.syncPayScoreOrder(validBody);
    // The server ended the socket after answering; the client still holds it as a free one
    // until it notices.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(client.syncPayScoreOrder(validBody)).resolves.toMatchObject({ attempts: 1 });
    expect(server.delivered).toHaveLength(2);
    expect(server.connections).toBe(2);
  });

  it('a socket idle for longer than the server announced (Keep-Alive: timeout) is not reused', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    try {
      const server = await rawServer((socket) =>
        socket.write(OK.replace('\r\n\r\n', '\r\nkeep-alive: timeout=5\r\n\r\n')),
      );
      const client = clientFor(server.url);
      await client.syncPayScoreOrder(validBody);
      now += 3_000;
      await client.syncPayScoreOrder(validBody);
      expect(server.connections).toBe(1);
      // 4 s of the announced 5 s: inside the margin kept against the server closing it first.
      now += 4_000;
      await client.syncPayScoreOrder(validBody);
      expect(server.connections).toBe(2);
      expect(server.delivered).toHaveLength(3);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
