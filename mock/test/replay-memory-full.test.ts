import { sign, signTokenRequest } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../src/credentials.js';
import { NonceCache } from '../src/nonce-cache.js';
import { type GateHarness, post, startGateHarness } from './gate-harness.js';
import { SYNC_PATH, validBody } from './helpers.js';

// The replay check holds a bounded number of nonces. Full of nonces still inside their window,
// the gate refuses new requests (503, Retry-After) instead of forgetting an old nonce, whose
// replay would then pass. A gate with room for three, before a stand-in for Prism.

const body = JSON.stringify(validBody);
let clock = Date.UTC(2026, 0, 1, 4, 0, 0);
let harness: GateHarness;

beforeAll(async () => {
  harness = await startGateHarness(
    (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"respCode":"0000","respDesc":"成功"}');
      });
    },
    { auth: { now: () => clock, nonces: new NonceCache(3) } },
  );
});

afterAll(() => harness.close());

async function send(path: string, text: string, authorization = '') {
  const answer = await post(harness.url, path, text, {
    'content-type': 'application/json',
    authorization,
  });
  return {
    status: answer.status,
    reason: answer.headers['x-mock-reason'],
    retryAfter: answer.headers['retry-after'],
    body: JSON.parse(answer.text) as { errCode?: string; errInfo?: string },
  };
}

describe('a full replay memory', () => {
  const signed: string[] = [];

  it('takes three requests, then refuses the fourth with 503 and when to retry', async () => {
    for (let i = 0; i < 4; i++) {
      signed.push((await sign({ ...SANDBOX_CREDENTIALS, body, now: clock })).authorization);
    }
    for (const authorization of signed.slice(0, 3)) {
      expect((await send(SYNC_PATH, body, authorization)).status).toBe(200);
    }
    const refused = await send(SYNC_PATH, body, signed[3]);
    expect(refused).toMatchObject({ status: 503, reason: 'nonce-cache-full', retryAfter: '301' });
    expect(refused.body.errCode).toBe('9999');
    expect(refused.body.errInfo).toBe(
      '系统繁忙,请稍后重试: the mock remembers at most 3 nonces for the replay check and all are inside their window; it forgets none early (that would let a replay pass), so retry in 301 s',
    );
  });

  it('still refuses a replay of a remembered nonce as a replay', async () => {
    const replay = await send(SYNC_PATH, body, signed[0]);
    expect(replay).toMatchObject({ status: 412, reason: 'nonce-reused' });
  });

  it('refuses a token request the same way', async () => {
    const request = await signTokenRequest({ ...SANDBOX_CREDENTIALS, now: clock });
    const refused = await send('/v1/token/access', JSON.stringify(request));
    expect(refused).toMatchObject({ status: 503, reason: 'nonce-cache-full' });
  });

  it('takes requests again once the windows have ended', async () => {
    clock += 301_000;
    const { authorization } = await sign({ ...SANDBOX_CREDENTIALS, body, now: clock });
    expect((await send(SYNC_PATH, body, authorization)).status).toBe(200);
  });
});
