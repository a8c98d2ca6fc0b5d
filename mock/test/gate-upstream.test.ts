import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { sign } from '@tianman/signer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../src/credentials.js';
import type { MockRequestLog } from '../src/request-log.js';
import { type GateHarness, post, startGateHarness } from './gate-harness.js';
import { SYNC_PATH, validBody } from './helpers.js';

// The gate alone, in front of a stand-in for Prism that records what it receives and answers
// what the test tells it to: what crosses the gate, either way, is visible here.

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

let received: Received[] = [];
let reply: (res: import('node:http').ServerResponse) => void = () => {};
const logs: MockRequestLog[] = [];
let harness: GateHarness;
let frontPort = 0;

beforeAll(async () => {
  harness = await startGateHarness(
    (req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        reply(res);
      });
    },
    {
      routes: [
        {
          method: 'POST',
          path: SYNC_PATH,
          exampleCodes: new Map([['transient', 412]]),
          responses: new Map([
            [200, ['success']],
            [412, ['transient']],
          ]),
        },
      ],
      log: (entry) => logs.push(entry),
      upstreamTimeoutMs: 300,
    },
  );
  frontPort = Number(new URL(harness.url).port);
});

afterAll(() => harness.close());

beforeEach(() => {
  received = [];
  logs.length = 0;
  reply = (res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      date: 'Thu, 01 Jan 1970 00:00:00 GMT',
      'x-upstream': 'yes',
    });
    res.end('{"respCode":"0000","respDesc":"成功"}');
  };
});

const body = JSON.stringify(validBody);

/** A signed request on a connection of its own, so any header can be sent as written. */
async function send(
  extraHeaders: Record<string, string>,
  path = `${SYNC_PATH}?q=1`,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const { authorization } = await sign({ ...SANDBOX_CREDENTIALS, body });
  return post(harness.url, path, body, {
    'content-type': 'application/json',
    authorization,
    'content-length': Buffer.byteLength(body),
    ...extraHeaders,
  });
}

describe('what the gate forwards to Prism', () => {
  it('the exact body, path and query, and the end-to-end headers only', async () => {
    const answer = await send({
      connection: 'close',
      'keep-alive': 'timeout=99',
      'proxy-connection': 'keep-alive',
      te: 'trailers',
      host: 'elsewhere.example',
      'x-request-id': 'r-1',
    });
    expect(answer.status, answer.text).toBe(200);
    expect(received).toHaveLength(1);
    const [forwarded] = received as [Received];
    expect(forwarded).toMatchObject({ method: 'POST', url: `${SYNC_PATH}?q=1`, body });
    expect(forwarded.headers['x-request-id']).toBe('r-1');
    expect(forwarded.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(forwarded.headers.host).toBe(new URL(harness.upstreamUrl).host);
    // The gate's own keep-alive connection, not the caller's wishes for its connection.
    expect(forwarded.headers.connection).toBe('keep-alive');
    for (const name of ['keep-alive', 'proxy-connection', 'te']) {
      expect(forwarded.headers[name], name).toBeUndefined();
    }
  });

  it('adds the code an example belongs to', async () => {
    await send({ prefer: 'example=transient' });
    expect(received[0]?.headers.prefer).toBe('example=transient, code=412');
  });

  it('sends nothing for a Prefer the spec cannot answer', async () => {
    const answer = await send({ prefer: 'code=999' });
    expect(answer.status).toBe(400);
    expect(received).toHaveLength(0);
  });
});

describe('what the gate passes back from Prism', () => {
  it("Prism's status, body and headers, with its own Date and length", async () => {
    reply = (res) => {
      res.writeHead(422, {
        'content-type': 'application/json',
        date: 'Thu, 01 Jan 1970 00:00:00 GMT',
        'sl-violations': '[]',
        'keep-alive': 'timeout=1',
      });
      res.end('{"errCode":"9001","errInfo":"参数校验失败"}');
    };
    const answer = await send({});
    expect(answer.status).toBe(422);
    expect(answer.text).toBe('{"errCode":"9001","errInfo":"参数校验失败"}');
    expect(answer.headers['sl-violations']).toBe('[]');
    expect(answer.headers.date).not.toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.text)));
    expect(answer.headers['keep-alive']).not.toBe('timeout=1');
    expect(logs[0]).toMatchObject({
      method: 'POST',
      path: `${SYNC_PATH}?q=1`,
      status: 422,
      code: '9001',
    });
    expect(logs[0]?.reason).toBeUndefined();
    expect(logs[0]?.info).toBeUndefined();
  });

  it('a 500 naming the wait when Prism does not answer in time', async () => {
    reply = () => {};
    const answer = await send({});
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({
      errCode: '9999',
      errInfo: 'mock internal error: Prism did not answer within 300 ms',
    });
    expect(answer.headers['x-mock-reason']).toBe('internal');
    expect(logs[0]).toMatchObject({ status: 500, code: '9999', reason: 'internal' });
  });

  it('a 500 when Prism hangs up', async () => {
    reply = (res) => res.socket?.destroy();
    const answer = await send({});
    expect(answer.status).toBe(500);
    expect(answer.headers['x-mock-reason']).toBe('internal');
  });
});

describe('what the gate answers itself', () => {
  it('logs the reason and what to fix', async () => {
    const answer = await send({ 'content-type': 'text/plain' });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(logs[0]).toMatchObject({
      status: 400,
      code: '9001',
      reason: 'content-type',
      info: '请求报文格式错误: Content-Type must be application/json (UTF-8); got "text/plain"',
    });
    expect(received).toHaveLength(0);
  });

  it('drains a body over 1 MiB and answers 400 instead of resetting', async () => {
    const { hostname } = { hostname: '127.0.0.1' };
    const socket = connect(frontPort, hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const size = 1024 * 1024 + 1;
    socket.write(
      `POST ${SYNC_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: x\r\nContent-Length: ${size}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(size, 0x20));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    await expect.poll(() => text, { timeout: 5000 }).toMatch(/^HTTP\/1\.1 400 /);
    socket.destroy();
    expect(text).toContain('x-mock-reason: body-too-large');
    expect(text).toContain('body larger than 1048576 bytes');
  });
});

describe('the Content-Type and encoding checks', () => {
  it.each([
    ['application/json', 200],
    ['Application/JSON', 200],
    ['application/problem+json', 200],
    ['application/vnd.a.b-c+json', 200],
    ['application/json; charset=utf-8', 200],
    ['application/json; charset="UTF-8"', 200],
    ['application/json;charset=utf8', 200],
    ['application/json; xcharset=latin1', 200],
    ['application/json; charsetx=latin1', 200],
    ['application/json; charset=utf-16', 400],
    ['application/json; charset=xutf-8', 400],
    ['application/json; charset=utf-8x', 400],
    ['application/json; charset=utf--8', 400],
    ['xapplication/json', 400],
    ['application/jsonx', 400],
    ['application/+json', 400],
    ['text/json', 400],
  ])('%s → %i', async (contentType, status) => {
    const answer = await send({ 'content-type': contentType });
    expect(answer.status, answer.text).toBe(status);
    if (status === 400) expect(answer.headers['x-mock-reason']).toBe('content-type');
  });

  it.each([
    ['EF BB 7B', [0xef, 0xbb, 0x7b, 0x7d]],
    ['EF 7B BF', [0xef, 0x7b, 0xbf]],
    ['7B BB BF', [0x7b, 0xbb, 0xbf]],
    ['7B EF BB BF 7D', [0x7b, 0xef, 0xbb, 0xbf, 0x7d]],
  ])('a body starting %s is not taken for a byte order mark', async (_, bytes) => {
    const { hostname, port } = { hostname: '127.0.0.1', port: frontPort };
    const socket = connect(port, hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const payload = Buffer.from(bytes);
    socket.write(
      `POST /v1/token/access HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n\r\n`,
    );
    socket.write(payload);
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    await expect.poll(() => text, { timeout: 5000 }).toMatch(/\r\n\r\n\{.*\}$/s);
    socket.destroy();
    expect(text).not.toContain('byte order mark');
  });
});

describe('the request log', () => {
  it('times each request in tenths of a millisecond, and adds only the fields it has', async () => {
    reply = (res) => {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end('{"type":"x","status":404}');
    };
    const started = performance.now();
    await send({});
    const elapsed = performance.now() - started;
    const [entry] = logs as [MockRequestLog];
    expect(entry.durationMs).toBeGreaterThan(0);
    expect(entry.durationMs).toBeLessThanOrEqual(elapsed);
    expect(Math.round(entry.durationMs * 10)).toBeCloseTo(entry.durationMs * 10, 6);
    expect(Object.keys(entry).sort()).toEqual(['durationMs', 'method', 'path', 'status']);
  });

  it('takes a body of exactly 1 MiB', async () => {
    const socket = connect(frontPort, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const size = 1024 * 1024;
    socket.write(
      `POST ${SYNC_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(size, 0x20));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    // Read whole, then refused for what it lacks (authorization), not for its size.
    await expect.poll(() => text, { timeout: 5000 }).toMatch(/^HTTP\/1\.1 412 /);
    socket.destroy();
  });
});

describe('headers the gate drops that a client library would not send', () => {
  it('Trailer, Upgrade and Expect do not reach Prism', async () => {
    const { authorization } = await sign({ ...SANDBOX_CREDENTIALS, body });
    const socket = connect(frontPort, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST ${SYNC_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${authorization}\r\n` +
        `Trailer: x-sum\r\nUpgrade: h2c\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    await expect.poll(() => text, { timeout: 5000 }).toMatch(/^HTTP\/1\.1 200 /);
    socket.destroy();
    expect(received[0]?.headers.trailer).toBeUndefined();
    expect(received[0]?.headers.upgrade).toBeUndefined();
    const { authorization: second } = await sign({ ...SANDBOX_CREDENTIALS, body });
    received = [];
    const expecting = connect(frontPort, '127.0.0.1');
    await new Promise<void>((resolve) => expecting.once('connect', resolve));
    expecting.write(
      `POST ${SYNC_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${second}\r\n` +
        `Expect: 100-continue\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    let reply2 = '';
    expecting.on('data', (chunk) => (reply2 += chunk));
    await expect.poll(() => reply2, { timeout: 5000 }).toMatch(/HTTP\/1\.1 200 /);
    expecting.destroy();
    expect(received[0]?.headers.expect).toBeUndefined();
  });
});
