import { signTokenRequest } from '@tianman/signer';
import { describe, expect, inject, it } from 'vitest';
import { rawCall, validBody } from './helpers.js';

// The gate's refusals word for word: each says what failed and what to do, and the exact
// wording is what a developer reads in a log.

const body = JSON.stringify(validBody);
const SHAPE =
  'OPEN-BODY-SIG AppId="…",Timestamp="yyyyMMddHHmmss",Nonce="…",Signature="…" or OPEN-ACCESS-TOKEN AccessToken=…';

function errInfo(answer: Awaited<ReturnType<typeof rawCall>>): string {
  return (answer.body as { errInfo: string }).errInfo;
}

describe('OPEN-BODY-SIG refusals, word for word', () => {
  it('a missing or blank header', async () => {
    for (const authorization of ['', '   ']) {
      expect(errInfo(await rawCall(body, { authorization }))).toBe(
        `认证失败: missing Authorization header; send ${SHAPE}`,
      );
    }
  });

  it('another scheme, named (cut at 40 characters), after leading spaces', async () => {
    expect(errInfo(await rawCall(body, { authorization: '  Bearer abc' }))).toBe(
      `认证失败: unsupported Authorization scheme "Bearer"; send ${SHAPE}`,
    );
    const long = 'X'.repeat(50);
    expect(errInfo(await rawCall(body, { authorization: `${long} a` }))).toBe(
      `认证失败: unsupported Authorization scheme "${'X'.repeat(40)}"; send ${SHAPE}`,
    );
  });

  it('a malformed header', async () => {
    expect(errInfo(await rawCall(body, { authorization: 'OPEN-BODY-SIG AppId=x' }))).toBe(
      `认证失败: Authorization header: the value of AppId must be in double quotes; expected ${SHAPE}`,
    );
  });

  it('an unknown appId, and the one served', async () => {
    const answer = await rawCall(body, { sign: { appId: 'someone-else' } });
    expect(errInfo(answer)).toBe(
      `认证失败: unknown AppId "someone-else"; this mock serves AppId "${inject('mockCredentials').appId}" (set TIANMAN_MOCK_APP_ID to change it)`,
    );
  });

  it('an unreadable timestamp', async () => {
    const { appId } = inject('mockCredentials');
    const authorization = `OPEN-BODY-SIG AppId="${appId}",Timestamp="20261399000000",Nonce="n",Signature="AAAA"`;
    expect(errInfo(await rawCall(body, { authorization }))).toBe(
      'Timestamp解析失败: Timestamp "20261399000000" is not yyyyMMddHHmmss (14 digits, Beijing time UTC+8)',
    );
  });

  it('a skew, with its direction and a hint only near 8 hours', async () => {
    const now = Date.now();
    const behind = errInfo(await rawCall(body, { sign: { now: now - 400_000 } }));
    expect(behind).toMatch(
      /^认证失败: Timestamp "\d{14}" is (?:39\d|40\d) s behind the gateway clock \(\d{14} Beijing time\); allowed ±300 s; check the clock of the sending machine$/,
    );
    const ahead = errInfo(await rawCall(body, { sign: { now: now + 400_000 } }));
    expect(ahead).toMatch(
      / is (?:39\d|400) s ahead of the gateway clock .*; check the clock of the sending machine$/,
    );
    const hint =
      '; an 8-hour offset means the timestamp was formatted in UTC or host-local time instead of Beijing time (UTC+8)';
    // 8 h ± a quarter of an hour gets the time-zone hint; 7.5 h does not.
    expect(errInfo(await rawCall(body, { sign: { now: now - 8 * 3600_000 - 600_000 } }))).toContain(
      hint,
    );
    expect(errInfo(await rawCall(body, { sign: { now: now + 8 * 3600_000 } }))).toContain(hint);
    expect(errInfo(await rawCall(body, { sign: { now: now - 7.5 * 3600_000 } }))).not.toContain(
      hint,
    );
  });

  it('a wrong signature, naming the appId', async () => {
    const answer = await rawCall(body, { sign: { appKey: 'another-key' } });
    expect(errInfo(answer)).toBe(
      `认证失败: signature mismatch for AppId "${inject('mockCredentials').appId}": expected Base64 HMAC-SHA256(appKey, appId + timestamp + nonce + lower-hex SHA-256 of the exact body bytes sent); check the appKey and that the body was not re-serialized after signing`,
    );
  });

  it('a body that is not UTF-8', async () => {
    expect(errInfo(await rawCall(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe(
      '请求报文格式错误: body is not valid UTF-8',
    );
  });

  it('a GET of the token path is a business call (authorization first), not a token request', async () => {
    const response = await fetch(`${inject('mockUrl')}/v1/token/access`);
    expect(response.status).toBe(412);
    expect(response.headers.get('x-mock-reason')).toBe('missing-authorization');
  });
});

describe('OPEN-ACCESS-TOKEN headers', () => {
  async function withToken(format: (token: string) => string) {
    const issued = await fetch(`${inject('mockUrl')}/v1/token/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await signTokenRequest(inject('mockCredentials'))),
    });
    const { accessToken } = (await issued.json()) as { accessToken: string };
    return rawCall(body, { authorization: format(accessToken) });
  }

  it.each([
    ['the platform form', (t: string) => `OPEN-ACCESS-TOKEN AccessToken=${t}`],
    ['quoted', (t: string) => `OPEN-ACCESS-TOKEN AccessToken="${t}"`],
    ['spaces around =', (t: string) => `OPEN-ACCESS-TOKEN AccessToken = ${t}`],
    ['spaces and tabs around', (t: string) => ` \tOPEN-ACCESS-TOKEN \t AccessToken=${t} \t`],
    ['a lower-case scheme', (t: string) => `open-access-token AccessToken=${t}`],
  ])('accepts %s', async (_, format) => {
    const answer = await withToken(format);
    expect(answer.status, answer.text).toBe(200);
  });

  it.each([
    ['something after the token', (t: string) => `OPEN-ACCESS-TOKEN AccessToken=${t} x`],
    ['something glued to the pair name', (t: string) => `OPEN-ACCESS-TOKEN AccessTokenX=${t}`],
    ['no pair', () => 'OPEN-ACCESS-TOKEN'],
    ['an empty token', () => 'OPEN-ACCESS-TOKEN AccessToken='],
  ])('refuses %s as malformed', async (_, format) => {
    const answer = await withToken(format);
    expect(answer.status).toBe(412);
    expect(errInfo(answer)).toBe(
      '认证失败: OPEN-ACCESS-TOKEN header is not "OPEN-ACCESS-TOKEN AccessToken=<token>"',
    );
  });

  it('says an unknown token is unknown, and where to get one', async () => {
    const answer = await rawCall(body, { authorization: 'OPEN-ACCESS-TOKEN AccessToken=abc' });
    expect(errInfo(answer)).toBe(
      '认证失败: unknown access token; obtain one from POST /v1/token/access (tokens do not survive a restart of the mock)',
    );
  });
});

describe('token request refusals, word for word', () => {
  async function tokenCall(request: unknown) {
    return rawCall(JSON.stringify(request), { path: '/v1/token/access', authorization: '' });
  }

  it('an unknown appId', async () => {
    const request = await signTokenRequest({ appId: 'someone-else', appKey: 'k' });
    expect(errInfo(await tokenCall(request))).toBe(
      `认证失败: unknown appId "someone-else"; this mock serves appId "${inject('mockCredentials').appId}" (set TIANMAN_MOCK_APP_ID to change it)`,
    );
  });

  it('a wrong signature', async () => {
    const request = await signTokenRequest({ ...inject('mockCredentials'), appKey: 'wrong' });
    expect(errInfo(await tokenCall(request))).toBe(
      '认证失败: token signature mismatch: expected lower-case hex SHA-256 (plain, no HMAC) of appId + timestamp + nonce + appKey; check the appKey',
    );
  });

  it('a reused nonce', async () => {
    const request = await signTokenRequest(inject('mockCredentials'));
    await tokenCall(request);
    expect(errInfo(await tokenCall(request))).toBe(
      `认证失败: nonce "${request.nonce}" was already used; send a fresh nonce with every request, retries included`,
    );
  });

  it('a nonce no signer can send: the rule, without the package name', async () => {
    const request = await signTokenRequest(inject('mockCredentials'));
    expect(errInfo(await tokenCall({ ...request, nonce: 'a b' }))).toBe(
      `认证失败: nonce must be a non-empty string of visible ASCII characters without '"' or '\\'`,
    );
  });
});
