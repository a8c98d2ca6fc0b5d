import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeTransport } from '../src/transport-node.js';
import { rejection, transportContract, wire } from './transport-contract.js';
import { connectProxy, httpServer, httpsServer, makeTestPki, type TestPki } from './wire.js';

describe('node transport: the contract', () => {
  transportContract(() => createNodeTransport());
});

describe('node transport', () => {
  it('a reset mid-body rejects with ECONNRESET', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('0123456789', () => setTimeout(() => res.socket?.destroy(), 20));
    });
    const error = await rejection(createNodeTransport()(wire(server.url)));
    expect(error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('keeps the connection alive: two sequential calls share one socket', async () => {
    const server = await httpServer((_req, res) => res.end('ok'));
    const transport = createNodeTransport();
    await transport(wire(server.url));
    await transport(wire(server.url, { method: 'POST', body: '{}' }));
    expect(server.requests).toHaveLength(2);
    expect(server.connections).toBe(1);
  });

  it('shares its pool between transports (clients built per request still reuse sockets)', async () => {
    const server = await httpServer((_req, res) => res.end('ok'));
    await createNodeTransport()(wire(server.url));
    await createNodeTransport()(wire(server.url));
    expect(server.connections).toBe(1);
  });

  it('a header value with CR/LF is refused before anything is sent', async () => {
    const server = await httpServer((_req, res) => res.end('ok'));
    const error = await rejection(
      createNodeTransport()(wire(server.url, { headers: { authorization: 'Bearer a\r\nx: y' } })),
    );
    expect(error).toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect(server.connections).toBe(0);
  });

  it('refuses a URL that is not http(s)', async () => {
    const error = await rejection(createNodeTransport()(wire('ftp://127.0.0.1/x')));
    expect(error).toBeInstanceOf(TypeError);
  });

  it('uses the agent it is given', async () => {
    const server = await httpServer((_req, res) => res.end('ok'));
    const agent = new HttpAgent({ keepAlive: false });
    let created = 0;
    const createConnection = agent.createConnection.bind(agent);
    agent.createConnection = ((...args: Parameters<typeof createConnection>) => {
      created++;
      return createConnection(...args);
    }) as typeof agent.createConnection;
    await createNodeTransport({ agent })(wire(server.url));
    expect(created).toBe(1);
  });
});

describe('node transport over TLS (a test CA made with openssl)', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makeTestPki();
  });
  const answer = (
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    res.end(JSON.stringify({ client: peer?.subject?.CN ?? null }));
  };

  it('refuses a server its CAs do not vouch for (the default agent)', async () => {
    const server = await httpsServer({ key: pki.serverKey, cert: pki.serverCert }, answer);
    const error = await rejection(createNodeTransport()(wire(server.url)));
    expect((error as { code?: string }).code).toMatch(/CERT|SIGNATURE/);
  });

  it('trusts a custom CA through `agent`', async () => {
    const server = await httpsServer({ key: pki.serverKey, cert: pki.serverCert }, answer);
    const agent = new HttpsAgent({ ca: pki.ca, keepAlive: true });
    const response = await createNodeTransport({ agent })(wire(server.url));
    expect(response).toMatchObject({ status: 200, text: '{"client":null}' });
    agent.destroy();
  });

  it('presents a client certificate for mutual TLS', async () => {
    const server = await httpsServer(
      {
        key: pki.serverKey,
        cert: pki.serverCert,
        ca: pki.ca,
        requestCert: true,
        rejectUnauthorized: true,
      },
      answer,
    );
    const withCert = new HttpsAgent({ ca: pki.ca, cert: pki.clientCert, key: pki.clientKey });
    const response = await createNodeTransport({ agent: withCert })(wire(server.url));
    expect(response.text).toBe('{"client":"tianman-test-client"}');

    const without = new HttpsAgent({ ca: pki.ca });
    const error = await rejection(createNodeTransport({ agent: without })(wire(server.url)));
    expect(error).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it('tunnels through a CONNECT proxy (https-proxy-agent) to an HTTPS server', async () => {
    const server = await httpsServer({ key: pki.serverKey, cert: pki.serverCert }, answer);
    const proxy = await connectProxy();
    const agent = new HttpsProxyAgent(proxy.url);
    // https-proxy-agent takes the target's TLS options from the request's options, which Node
    // merges with `agent.options`; its constructor options only reach the proxy connection.
    Object.assign(agent.options, { ca: pki.ca });
    const response = await createNodeTransport({ agent })(
      wire(`${server.url}/v1/x`, { method: 'POST', body: '{"a":1}' }),
    );
    expect(response).toMatchObject({ status: 200, text: '{"client":null}' });
    expect(proxy.tunnels).toEqual([new URL(server.url).host]);
    expect(server.requests[0]?.url).toBe('/v1/x');
  });

  it('tunnels through a CONNECT proxy to a plain HTTP server', async () => {
    const server = await httpServer((_req, res) => res.end('ok'));
    const proxy = await connectProxy();
    const response = await createNodeTransport({ agent: new HttpsProxyAgent(proxy.url) })(
      wire(server.url),
    );
    expect(response.text).toBe('ok');
    expect(proxy.tunnels).toEqual([new URL(server.url).host]);
  });
});
