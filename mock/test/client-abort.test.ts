import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockRequestLog, type RunningMock, startMock } from '../src/index.js';

// A mock of its own, to read its request log.
const logged: MockRequestLog[] = [];
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, log: (entry) => logged.push(entry) });
});
afterAll(() => mock.close());

describe('a client that hangs up mid-body', () => {
  it('is logged as a client abort, not as a 500 of the mock', async () => {
    const { hostname, port } = new URL(mock.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /v1/token/access HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"appId":',
    );
    // Let the gate start reading the body, then leave.
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await expect.poll(() => logged.length, { timeout: 5000 }).toBe(1);
    expect(logged[0]).toMatchObject({
      method: 'POST',
      path: '/v1/token/access',
      status: 499,
      reason: 'client-closed',
    });
    expect(logged[0]?.info).toMatch(/client closed the connection/);
    // And the mock goes on answering.
    const next = await fetch(`${mock.url}/v1/token/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(next.status).toBe(400);
  });
});
