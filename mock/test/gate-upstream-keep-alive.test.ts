import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { sign } from '@tianman/signer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../src/credentials.js';
import type { MockRequestLog } from '../src/request-log.js';
import { type GateHarness, post, startGateHarness } from './gate-harness.js';
import { SYNC_PATH, validBody } from './helpers.js';

// The gate keeps its connections to Prism alive between requests. Prism (Node's HTTP server)
// closes one that stays idle past its keep-alive timeout, and on a loaded machine the gate can
// pick that connection for the next request just as it closes: the request meets a reset
// ("socket hang up", ECONNRESET) and used to come back as the gate's 500. The stand-in for Prism
// here makes that moment certain instead of rare: it drops every connection that brings it a
// second request, without answering, as a server whose timer fired first does.

const body = JSON.stringify(validBody);
const logs: MockRequestLog[] = [];
/** How many requests each connection has brought the stand-in. */
const served = new WeakMap<Socket, number>();
const connections = new Set<Socket>();
let dropReused = true;
let dropAll = false;
let delayMs = 0;
let harness: GateHarness;

beforeAll(async () => {
  harness = await startGateHarness(
    (req: IncomingMessage, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (dropAll || (dropReused && count > 1)) {
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"respCode":"0000","respDesc":"成功"}');
        }, delayMs),
      );
    },
    { log: (entry) => logs.push(entry) },
  );
  harness.upstream.on('connection', (socket: Socket) => connections.add(socket));
});

afterAll(() => harness.close());

beforeEach(() => {
  logs.length = 0;
  dropReused = true;
  dropAll = false;
  delayMs = 0;
});

async function send(): Promise<{ status: number; text: string }> {
  const { authorization } = await sign({ ...SANDBOX_CREDENTIALS, body });
  return post(harness.url, SYNC_PATH, body, { 'content-type': 'application/json', authorization });
}

describe('the gate and its kept-alive connections', () => {
  it('close() ends the connections it keeps open to Prism', async () => {
    // A gate of its own, made here rather than before the tests, and closed by the test. The
    // stand-in sends no keep-alive hint and the gate waits a minute for an answer, so nothing
    // but close() ends the idle connection within the poll below.
    const own = await startGateHarness(
      (req, res) => {
        req.resume();
        req.on('end', () => res.end('{}'));
      },
      { upstreamTimeoutMs: 60_000 },
    );
    own.upstream.keepAliveTimeout = 0;
    try {
      let closed = 0;
      own.upstream.on('connection', (socket: Socket) => socket.on('close', () => closed++));
      const { authorization } = await sign({ ...SANDBOX_CREDENTIALS, body });
      const answer = await post(own.url, SYNC_PATH, body, {
        'content-type': 'application/json',
        authorization,
      });
      expect(answer.status).toBe(200);
      // Answered, and the connection to the stand-in stays open for the next request.
      expect(closed).toBe(0);
      own.gate.close();
      await expect.poll(() => closed, { timeout: 10_000 }).toBe(1);
    } finally {
      await own.close();
    }
  });
});

describe('a kept-alive connection to Prism that closes as the gate reuses it', () => {
  it('the request is sent again on a fresh connection and answered, not a 500', async () => {
    const first = await send();
    expect(first.status, first.text).toBe(200);
    const before = connections.size;
    // The connection the first request used is idle in the gate's pool; the stand-in drops it
    // as soon as it brings a second request.
    for (let i = 0; i < 3; i++) {
      const answer = await send();
      expect(answer.status, answer.text).toBe(200);
      expect(answer.text).toBe('{"respCode":"0000","respDesc":"成功"}');
    }
    expect(connections.size).toBeGreaterThan(before);
    expect(logs.filter((entry) => entry.status !== 200)).toEqual([]);
  });

  it('a slow Prism is waited for, on a reused connection that closed or a fresh one', async () => {
    // Slow, as Prism is on a loaded machine: well inside the gate's 10 s, so the answer is
    // Prism's own, however long it took.
    delayMs = 1500;
    for (let i = 0; i < 2; i++) {
      const answer = await send();
      expect(answer.status, answer.text).toBe(200);
      expect(answer.text).toBe('{"respCode":"0000","respDesc":"成功"}');
    }
    expect(logs.map((entry) => entry.status)).toEqual([200, 200]);
  });

  it('a fresh connection that fails is not tried again: that is a real failure, a 500', async () => {
    dropReused = false;
    expect((await send()).status).toBe(200);
    // Now every connection, fresh ones included, is dropped on its first request.
    dropAll = true;
    const failed = await send();
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.text)).toMatchObject({ errCode: '9999' });
  });
});
