import type { AddressInfo } from 'node:net';
import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of a server that counts what reaches it. */
export interface CountingProxy {
  /** `http://127.0.0.1:<port>`: give it to a client as its base URL. */
  url: string;
  /** Connections accepted so far: 0 proves that nothing was sent, whatever the transport. */
  readonly connections: number;
  /** Bytes received from clients so far. */
  readonly bytes: number;
  close(): Promise<void>;
}

/**
 * Forwards every connection to `target` byte for byte, counting connections and bytes. It sits
 * below HTTP, so it counts what any transport (node:http, fetch, keep-alive or not) sends.
 */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let connections = 0;
  let bytes = 0;
  const server = createServer((socket) => {
    connections++;
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(socket).add(upstream);
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
      sockets.delete(socket);
      sockets.delete(upstream);
    };
    socket.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    get bytes() {
      return bytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
