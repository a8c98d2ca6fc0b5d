import { createRequire } from 'node:module';
import { formatTimestamp, verify } from '@tianman/signer';
import { describe, expect, it } from 'vitest';
import { createTianmanClient, formatPaidTime } from '../src/index.js';
import { APP_ID, APP_KEY, authOf, json, NOW, SYNC_PATH, serve, validBody } from './helpers.js';

/** A server that checks every request with the signer's verify, as the gateway would. */
async function verifyingServer() {
  return serve(async (request, res) => {
    const result = await verify({
      authorization: request.headers.authorization,
      body: new Uint8Array(request.body),
      appKey: APP_KEY,
      now: NOW,
    });
    if (result.ok) json(res, 200, { respCode: '0000', respDesc: '成功' });
    else json(res, 412, { errCode: '1000', errInfo: `认证失败 (${result.reason})` });
  });
}

describe('OPEN-BODY-SIG signing', () => {
  it('sends calls a verifying server accepts, Chinese text included', async () => {
    const server = await verifyingServer();
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    const bodies = [
      validBody,
      { ...validBody, mid: '商户号测试', serviceId: '服务ID—支付分' },
      { ...validBody, mid: '😀'.repeat(32), serviceId: '中'.repeat(32) },
    ];
    for (const body of bodies) {
      const result = await client.syncPayScoreOrder(body);
      expect(result).toEqual({
        respCode: '0000',
        respDesc: '成功',
        status: 200,
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
        attempts: 1,
      });
    }
    expect(server.received).toHaveLength(3);
    for (const [i, request] of server.received.entries()) {
      // The bytes sent are JSON.stringify of the body, UTF-8: what was signed.
      expect(request.body.toString('utf8')).toBe(JSON.stringify(bodies[i]));
      expect(request.method).toBe('POST');
      expect(request.url).toBe(SYNC_PATH);
      expect(request.headers['content-type']).toBe('application/json');
    }
  });

  it('signs with the Beijing-time timestamp of the injected clock and the injected nonce', async () => {
    const server = await verifyingServer();
    const nonces = ['a'.repeat(32), 'b'.repeat(32)];
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
      createNonce: () => nonces.shift() as string,
    });
    await client.syncPayScoreOrder(validBody);
    await client.syncPayScoreOrder(validBody);
    const parts = server.received.map(authOf);
    expect(parts.map((p) => p.timestamp)).toEqual(['20261125143200', '20261125143200']);
    expect(parts.map((p) => p.nonce)).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(parts.map((p) => p.appId)).toEqual([APP_ID, APP_ID]);
  });

  it('uses a fresh CSPRNG nonce per call by default', async () => {
    const server = await verifyingServer();
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    await Promise.all(Array.from({ length: 20 }, () => client.syncPayScoreOrder(validBody)));
    const nonces = server.received.map((r) => authOf(r).nonce);
    expect(new Set(nonces).size).toBe(20);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is refused by the verifying server with a wrong appKey (the test server is not a rubber stamp)', async () => {
    const server = await verifyingServer();
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: 'not-the-key-0123456789',
      baseUrl: server.url,
      now: () => NOW,
    });
    await expect(client.syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'AuthError',
      code: '1000',
      status: 412,
      attempts: 1,
    });
  });

  it('resolves the signer to its node:crypto implementation on Node', () => {
    // The signer has one entry; its `#crypto` import is what the `node` condition decides.
    const signer = createRequire(import.meta.url).resolve('@tianman/signer');
    expect(createRequire(signer).resolve('#crypto')).toMatch(/crypto-node\.c?js$/);
  });
});

describe('Beijing time whatever the host time zone', () => {
  it('formats paidTime and the signature timestamp in UTC+8 under TZ=America/Los_Angeles', async () => {
    const saved = process.env.TZ;
    const instant = Date.UTC(2026, 0, 1, 1, 2, 3); // 09:02:03 in Beijing, 17:02:03 the day before in LA
    try {
      process.env.TZ = 'America/Los_Angeles';
      // Proof that the switch took effect in this process: local time is now Pacific time.
      expect(new Date(instant).getHours()).toBe(17);
      expect(new Date(instant).getDate()).toBe(31);
      expect(formatPaidTime(instant)).toBe('20260101090203');
      expect(formatPaidTime(new Date(instant))).toBe('20260101090203');

      const server = await verifyingServer();
      const client = createTianmanClient({
        appId: APP_ID,
        appKey: APP_KEY,
        baseUrl: server.url,
        now: () => NOW,
      });
      await client.syncPayScoreOrder(validBody);
      expect(authOf(server.received[0] as never).timestamp).toBe('20261125143200');
      expect(formatTimestamp(NOW)).toBe('20261125143200');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
