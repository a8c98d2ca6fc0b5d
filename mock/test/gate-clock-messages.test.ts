import { formatTimestamp, signTokenRequest } from '@tianman/signer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../src/index.js';
import { rawCall, validBody } from './helpers.js';

// A mock of its own on a clock the tests set, so the messages that quote times and offsets can
// be checked word for word, boundaries included, without waiting or racing the real clock.

const TTL_SECONDS = 600;
const START = Math.floor(Date.now() / 1000) * 1000;
let clock = START;
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, now: () => clock, tokenTtlSeconds: TTL_SECONDS });
});
afterAll(() => mock.close());
beforeEach(() => {
  clock = START;
});

const body = JSON.stringify(validBody);

function errInfo(answer: Awaited<ReturnType<typeof rawCall>>): string {
  return (answer.body as { errInfo: string }).errInfo;
}

async function tokenCall(request: object) {
  const response = await fetch(`${mock.url}/v1/token/access`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return {
    status: response.status,
    reason: response.headers.get('x-mock-reason'),
    body: (await response.json()) as { errCode: string; errInfo: string; accessToken?: string },
  };
}

describe('an expired access token', () => {
  it('names the moment it expired (issue time + expiresIn), not the time of the call', async () => {
    const issued = await tokenCall(await signTokenRequest({ ...mock.credentials, now: clock }));
    expect(issued.status).toBe(200);
    const expiredAt = formatTimestamp(START + TTL_SECONDS * 1000);
    clock = START + (TTL_SECONDS + 3600) * 1000;
    const answer = await rawCall(body, {
      url: mock.url,
      authorization: `OPEN-ACCESS-TOKEN AccessToken=${issued.body.accessToken}`,
    });
    expect(answer.status).toBe(412);
    expect(answer.headers.get('x-mock-reason')).toBe('token-expired');
    expect(answer.body).toEqual({
      errCode: '1000',
      errInfo: `认证失败: access token expired at ${expiredAt} (Beijing time); request a new one from POST /v1/token/access shortly before expiresIn elapses`,
    });
  });
});

describe('a token request whose 14 digits are not a date', () => {
  it.each(['20251399999999', '20250230120000', '20250520246000'])(
    '%s: 412, Timestamp解析失败, reason timestamp-format',
    async (timestamp) => {
      // The schema's pattern (14 digits) passes, so this is the gate's own check.
      const request = await signTokenRequest({ ...mock.credentials, now: clock });
      const answer = await tokenCall({ ...request, timestamp });
      expect(answer.status).toBe(412);
      expect(answer.reason).toBe('timestamp-format');
      expect(answer.body).toEqual({
        errCode: '1000',
        errInfo: `Timestamp解析失败: timestamp "${timestamp}" is not a valid yyyyMMddHHmmss (Beijing time UTC+8)`,
      });
    },
  );
});

// The 8-hour hint covers offsets within 15 minutes of 8 h, both ends excluded: 7 h 45 min and
// 8 h 15 min exactly already get the plain clock hint.
const EIGHT_HOURS =
  'an 8-hour offset means the timestamp was formatted in UTC or host-local time instead of Beijing time (UTC+8)';
const CLOCK = 'check the clock of the sending machine';
const boundaries: Array<[number, string]> = [
  [8 * 3600 + 15 * 60, CLOCK],
  [8 * 3600 + 15 * 60 - 1, EIGHT_HOURS],
  [7 * 3600 + 45 * 60, CLOCK],
  [7 * 3600 + 45 * 60 + 1, EIGHT_HOURS],
];

function skewMessage(timestamp: string, offsetSeconds: number, hint: string): string {
  const direction = offsetSeconds < 0 ? 'behind' : 'ahead of';
  return `认证失败: Timestamp "${timestamp}" is ${Math.abs(offsetSeconds)} s ${direction} the gateway clock (${formatTimestamp(START)} Beijing time); allowed ±300 s; ${hint}`;
}

describe('the skew hint at the ±8 h ± 15 min boundaries', () => {
  describe.each([1, -1])('timestamp on the side %i', (side) => {
    it.each(boundaries)('OPEN-BODY-SIG, %i s off', async (seconds, hint) => {
      const timestamp = formatTimestamp(START + side * seconds * 1000);
      const answer = await rawCall(body, { url: mock.url, sign: { timestamp } });
      expect(answer.status).toBe(412);
      expect(answer.headers.get('x-mock-reason')).toBe('timestamp-skew');
      expect(errInfo(answer)).toBe(skewMessage(timestamp, side * seconds, hint));
    });

    it.each(boundaries)('token request, %i s off', async (seconds, hint) => {
      const timestamp = formatTimestamp(START + side * seconds * 1000);
      const answer = await tokenCall(await signTokenRequest({ ...mock.credentials, timestamp }));
      expect(answer.status).toBe(412);
      expect(answer.reason).toBe('timestamp-skew');
      expect(answer.body.errInfo).toBe(skewMessage(timestamp, side * seconds, hint));
    });
  });
});
