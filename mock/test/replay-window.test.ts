import { sign, signTokenRequest } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../src/index.js';
import { rawCall, validBody } from './helpers.js';

// A mock of its own, with a clock the tests move.
let clock = Date.now();
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, now: () => clock });
});
afterAll(() => mock.close());

describe('replay window', () => {
  it('refuses a replayed nonce for as long as its timestamp still passes the skew check', async () => {
    // A timestamp on a whole second; verify reads the clock in whole seconds, so at +300.5 s
    // the timestamp still passes the ±300 s check: the nonce must still be remembered.
    const signedAt = Math.floor(Date.now() / 1000) * 1000;
    clock = signedAt;
    const body = JSON.stringify(validBody);
    const { authorization } = await sign({ ...mock.credentials, body, now: signedAt });
    const first = await rawCall(body, { url: mock.url, authorization });
    expect(first.status, first.text).toBe(200);
    clock = signedAt + 300_500;
    const replay = await rawCall(body, { url: mock.url, authorization });
    expect(replay.status, replay.text).toBe(412);
    expect(replay.headers.get('x-mock-reason')).toBe('nonce-reused');
  });
});

describe('token endpoint skew window (±300 s by default)', () => {
  // At the edge, so a wider (or narrower) window fails: an hour off proves nothing about it.
  it.each([
    ['signed exactly 300 s ago', 300, 200, null],
    ['signed 301 s ago', 301, 412, 'timestamp-skew'],
    ['signed exactly 300 s ahead', -300, 200, null],
    ['signed 301 s ahead', -301, 412, 'timestamp-skew'],
  ])('%s: %s', async (_, offsetSeconds, status, reason) => {
    const signedAt = Math.floor(Date.now() / 1000) * 1000;
    const request = await signTokenRequest({ ...mock.credentials, now: signedAt });
    clock = signedAt + offsetSeconds * 1000;
    const answer = await rawCall(JSON.stringify(request), {
      url: mock.url,
      path: '/v1/token/access',
      authorization: '',
    });
    expect(answer.status, answer.text).toBe(status);
    expect(answer.headers.get('x-mock-reason')).toBe(reason);
  });
});
