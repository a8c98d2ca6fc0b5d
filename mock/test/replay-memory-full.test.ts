import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, signTokenRequest } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../src/credentials.js';
import { createGate } from '../src/gate.js';
import { NonceCache } from '../src/nonce-cache.js';
import { TokenStore } from '../src/token-store.js';
import { SYNC_PATH, validBody } from './helpers.js';

// The replay check holds a bounded number of nonces. Full of nonces still inside their window,
// the gate refuses new requests (503, Retry-After) instead of forgetting an old nonce, whose
// replay would then pass. A gate with room for three, before a stand-in for Prism.

const body = JSON.stringify(validBody);
let clock = Date.UTC(2026, 0, 1, 4, 0, 0);
let upstream: Server;
let front: Server;
let gate: ReturnType<typeof createGate>;
let url = '';

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"respCode":"0000","respDesc":"成功"}');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  gate = createGate({
    prismUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    exampleCodes: new Map(),
    auth: {
      credentials: { ...SANDBOX_CREDENTIALS },
      now: () => clock,
      toleranceSeconds: 300,
      maxLiveTokens: 10,
      nonces: new NonceCache(3),
      tokens: new TokenStore(3600, 10),
    },
  });
  front = createServer(gate.handle);
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  gate.close();
  front.closeAllConnections();
  upstream.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

async function post(path: string, text: string, authorization = '') {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: text,
  });
  return {
    status: response.status,
    reason: response.headers.get('x-mock-reason'),
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { errCode?: string; errInfo?: string },
  };
}

describe('a full replay memory', () => {
  const signed: string[] = [];

  it('takes three requests, then refuses the fourth with 503 and when to retry', async () => {
    for (let i = 0; i < 4; i++) {
      signed.push((await sign({ ...SANDBOX_CREDENTIALS, body, now: clock })).authorization);
    }
    for (const authorization of signed.slice(0, 3)) {
      expect((await post(SYNC_PATH, body, authorization)).status).toBe(200);
    }
    const refused = await post(SYNC_PATH, body, signed[3]);
    expect(refused).toMatchObject({ status: 503, reason: 'nonce-cache-full', retryAfter: '301' });
    expect(refused.body.errCode).toBe('9999');
    expect(refused.body.errInfo).toBe(
      '系统繁忙,请稍后重试: the mock remembers at most 3 nonces for the replay check and all are inside their window; it forgets none early (that would let a replay pass), so retry in 301 s',
    );
  });

  it('still refuses a replay of a remembered nonce as a replay', async () => {
    const replay = await post(SYNC_PATH, body, signed[0]);
    expect(replay).toMatchObject({ status: 412, reason: 'nonce-reused' });
  });

  it('refuses a token request the same way', async () => {
    const request = await signTokenRequest({ ...SANDBOX_CREDENTIALS, now: clock });
    const refused = await post('/v1/token/access', JSON.stringify(request));
    expect(refused).toMatchObject({ status: 503, reason: 'nonce-cache-full' });
  });

  it('takes requests again once the windows have ended', async () => {
    clock += 301_000;
    const { authorization } = await sign({ ...SANDBOX_CREDENTIALS, body, now: clock });
    expect((await post(SYNC_PATH, body, authorization)).status).toBe(200);
  });
});
