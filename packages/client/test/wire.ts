/**
 * Real servers for the transport tests: HTTP or HTTPS on an ephemeral loopback port, counting
 * connections and closed sockets (so a test can prove a connection was dropped, or that nothing
 * was sent), a test CA made with the `openssl` CLI, and a CONNECT proxy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export interface WireServer {
  url: string;
  /** Requests whose headers arrived. */
  requests: IncomingMessage[];
  /** TCP connections accepted: 0 proves that no byte was sent. */
  connections: number;
  /** Accepted sockets since closed (by either side). */
  closed: number;
  close(): Promise<void>;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

function track(server: Server, protocol: 'http' | 'https'): Promise<WireServer> {
  const sockets = new Set<Socket>();
  const result: WireServer = {
    url: '',
    requests: [],
    connections: 0,
    closed: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    result.connections++;
    sockets.add(socket);
    socket.on('close', () => {
      result.closed++;
      sockets.delete(socket);
    });
  });
  server.on('request', (req: IncomingMessage) => result.requests.push(req));
  open.push(result);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      result.url = `${protocol}://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve(result);
    }),
  );
}

/** An HTTP server on an ephemeral loopback port, closed after the test. */
export function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<WireServer> {
  return track(createServer(handler), 'http');
}

/** An HTTPS server on an ephemeral loopback port, closed after the test. */
export function httpsServer(
  options: ServerOptions,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<WireServer> {
  return track(createHttpsServer(options, handler) as unknown as Server, 'https');
}

/** Resolves once `condition` holds; polls, since the events it waits on are another side's. */
export async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('until: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** PEM material from a throwaway CA: a server cert for 127.0.0.1/localhost and a client cert. */
export interface TestPki {
  ca: string;
  serverKey: string;
  serverCert: string;
  clientKey: string;
  clientCert: string;
}

/** Makes a test CA and two leaf certificates with the `openssl` CLI (EC P-256: fast to make). */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'tianman-pki-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=Tianman Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    const leaf = (name: string, subject: string, extensions: string) => {
      openssl(
        'req',
        ...ec,
        '-keyout',
        at(`${name}.key`),
        '-out',
        at(`${name}.csr`),
        '-subj',
        subject,
      );
      writeFileSync(at(`${name}.ext`), extensions);
      openssl(
        'x509',
        '-req',
        '-in',
        at(`${name}.csr`),
        '-CA',
        at('ca.crt'),
        '-CAkey',
        at('ca.key'),
        '-CAcreateserial',
        '-out',
        at(`${name}.crt`),
        '-days',
        '1',
        '-extfile',
        at(`${name}.ext`),
      );
    };
    leaf(
      'server',
      '/CN=localhost',
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
    );
    leaf('client', '/CN=tianman-test-client', 'extendedKeyUsage=clientAuth\n');
    const read = (name: string) => readFileSync(at(name), 'utf8');
    return {
      ca: read('ca.crt'),
      serverKey: read('server.key'),
      serverCert: read('server.crt'),
      clientKey: read('client.key'),
      clientCert: read('client.crt'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A forward proxy that only tunnels (CONNECT), recording each target it was asked for. */
export async function connectProxy(): Promise<WireServer & { tunnels: string[] }> {
  const server = createServer((_req, res) => {
    res.writeHead(405).end();
  });
  const tunnels: string[] = [];
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
    upstream.on('close', end);
    client.on('close', end);
  });
  const tracked = await track(server, 'http');
  return Object.assign(tracked, { tunnels });
}

/** A TCP server that reads whole HTTP/1.1 requests and answers with raw bytes of the test's choosing. */
export interface RawServer {
  url: string;
  /** Requests read whole (headers and the `content-length` bytes of body): deliveries. */
  delivered: Array<{ head: string; body: string }>;
  connections: number;
  close(): Promise<void>;
}

/**
 * A server that speaks HTTP by hand, to answer in ways `node:http` never would (malformed
 * framing, an unsolicited 101, a reset after reading). `answer` gets each request read whole and
 * its socket; it writes raw bytes, destroys the socket, or does nothing.
 */
export async function rawServer(
  answer: (socket: Socket, request: { head: string; body: string }, n: number) => void,
): Promise<RawServer> {
  const { createServer: createTcpServer } = await import('node:net');
  const sockets = new Set<Socket>();
  const result: RawServer = {
    url: '',
    delivered: [],
    connections: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createTcpServer((socket) => {
    result.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
        buffer = buffer.subarray(end + 4 + length);
        const request = { head, body };
        result.delivered.push(request);
        answer(socket, request, result.delivered.length);
      }
    });
  });
  open.push(result);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  result.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return result;
}
