import { createHash } from 'node:crypto';
import { sign, signTokenRequest } from '@tianman/signer';
import { describe, expect, inject, it } from 'vitest';
import { rawCall, SYNC_PATH, validBody } from './helpers.js';

const body = JSON.stringify(validBody);

function expectRefusal(
  answer: Awaited<ReturnType<typeof rawCall>>,
  status: number,
  reason: string,
): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('x-mock-reason')).toBe(reason);
  expect(answer.body).toMatchObject({ errCode: status === 412 ? '1000' : '9001' });
}

describe('OPEN-BODY-SIG at the gate', () => {
  it('accepts a body signed with the sandbox credentials and answers the spec example', async () => {
    const answer = await rawCall(body);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ respCode: '0000', respDesc: '成功' });
  });

  it('accepts the `, ` pair separator some integrations send', async () => {
    const { appId, appKey } = inject('mockCredentials');
    const { authorization } = await sign({ appId, appKey, body });
    const answer = await rawCall(body, { authorization: authorization.replaceAll('",', '", ') });
    expect(answer.status).toBe(200);
  });

  it('refuses a signature made with another key, and says what to check', async () => {
    const answer = await rawCall(body, { sign: { appKey: 'not-the-sandbox-key-000000000000' } });
    expectRefusal(answer, 412, 'signature');
    expect((answer.body as { errInfo: string }).errInfo).toMatch(/^认证失败: signature mismatch/);
    expect(answer.text).toContain('appKey');
  });

  it('refuses a body changed after signing (the signature covers the exact bytes)', async () => {
    const { appId, appKey } = inject('mockCredentials');
    const { authorization } = await sign({ appId, appKey, body });
    // Same JSON value, different bytes: re-serializing after signing is the classic bug.
    const answer = await rawCall(JSON.stringify(validBody, null, 2), { authorization });
    expectRefusal(answer, 412, 'signature');
  });

  it('refuses a stale timestamp, with both times in the message', async () => {
    const answer = await rawCall(body, { sign: { now: Date.now() - 301_000 } });
    expectRefusal(answer, 412, 'timestamp-skew');
    expect((answer.body as { errInfo: string }).errInfo).toMatch(
      /^认证失败: Timestamp "\d{14}" is 30\d s behind the gateway clock \(\d{14} Beijing time\); allowed ±300 s/,
    );
  });

  it('points at the time zone when the timestamp is 8 hours off', async () => {
    // What a UTC host that formats its local time sends.
    const utc = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const answer = await rawCall(body, { sign: { timestamp: utc } });
    expectRefusal(answer, 412, 'timestamp-skew');
    expect(answer.text).toContain('Beijing time (UTC+8)');
  });

  it('answers an unreadable timestamp with the platform wording', async () => {
    const { appId } = inject('mockCredentials');
    const authorization = `OPEN-BODY-SIG AppId="${appId}",Timestamp="2026-11-25 14:30:00",Nonce="${'a'.repeat(32)}",Signature="AAAA"`;
    const answer = await rawCall(body, { authorization });
    expectRefusal(answer, 412, 'timestamp-format');
    expect((answer.body as { errInfo: string }).errInfo).toMatch(/^Timestamp解析失败/);
  });

  it('refuses a reused nonce', async () => {
    const { appId, appKey } = inject('mockCredentials');
    const { authorization } = await sign({ appId, appKey, body });
    expect((await rawCall(body, { authorization })).status).toBe(200);
    const replay = await rawCall(body, { authorization });
    expectRefusal(replay, 412, 'nonce-reused');
    expect(replay.text).toContain('fresh nonce');
  });

  it('refuses an unknown appId and names the one it serves', async () => {
    const answer = await rawCall(body, { sign: { appId: 'ffffffffffffffffffffffffffffffff' } });
    expectRefusal(answer, 412, 'app-id');
    expect(answer.text).toContain(inject('mockCredentials').appId);
    expect(answer.text).not.toContain(inject('mockCredentials').appKey);
  });

  it('refuses a missing header, another scheme and a malformed header', async () => {
    const missing = await fetch(`${inject('mockUrl')}${SYNC_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(missing.status).toBe(412);
    expect(missing.headers.get('x-mock-reason')).toBe('missing-authorization');
    expectRefusal(await rawCall(body, { authorization: 'Bearer abc' }), 412, 'scheme');
    expectRefusal(
      await rawCall(body, { authorization: 'OPEN-BODY-SIG AppId=unquoted' }),
      412,
      'malformed',
    );
  });

  it('never echoes the signature it was sent', async () => {
    const { appId, appKey } = inject('mockCredentials');
    const signed = await sign({ appId, appKey: `${appKey}x`, body });
    const answer = await rawCall(body, { authorization: signed.authorization });
    expect(answer.text).not.toContain(signed.signature);
  });
});

describe('bodies the gateway cannot read', () => {
  it('answers malformed JSON with 400 quickly instead of hanging (Prism would)', async () => {
    const started = Date.now();
    const answer = await rawCall('{"fenOrderId": "A1",');
    expectRefusal(answer, 400, 'malformed-json');
    expect((answer.body as { errInfo: string }).errInfo).toMatch(/^请求报文格式错误/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers bytes that are not UTF-8 with 400', async () => {
    expectRefusal(await rawCall(new Uint8Array([0x7b, 0xff, 0x7d])), 400, 'encoding');
  });

  it('answers a non-JSON content type with 400', async () => {
    const answer = await rawCall(body, { headers: { 'content-type': 'text/plain' } });
    expectRefusal(answer, 400, 'content-type');
    const gbk = await rawCall(body, {
      headers: { 'content-type': 'application/json; charset=GBK' },
    });
    expectRefusal(gbk, 400, 'content-type');
  });

  it('accepts application/json with charset=UTF-8', async () => {
    const answer = await rawCall(body, {
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    expect(answer.status).toBe(200);
  });

  it('answers a body over 1 MiB with 400', async () => {
    const huge = JSON.stringify({ ...validBody, mid: 'x'.repeat(1024 * 1024) });
    expectRefusal(await rawCall(huge), 400, 'body-too-large');
  });

  it('answers a body that starts with a UTF-8 byte order mark with a prompt 400 naming it', async () => {
    // TextDecoder drops a BOM silently and JSON.parse then accepts the rest, but Prism does not:
    // it never answers such a body. Refused before Prism, on both paths, with or without
    // credentials.
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    const started = Date.now();
    const signed = await rawCall(bom);
    expectRefusal(signed, 400, 'encoding');
    expect((signed.body as { errInfo: string }).errInfo).toMatch(/byte order mark/);
    const token = await rawCall(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), {
      path: '/v1/token/access',
      authorization: '',
    });
    expectRefusal(token, 400, 'encoding');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('leaves an empty body to Prism: the contract requires one (422)', async () => {
    const answer = await rawCall('');
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ errCode: '9001', errInfo: '参数校验失败' });
  });
});

describe('Prism behind the gate', () => {
  it('validates the body against the contract: 422 with the spec example and the violations', async () => {
    const answer = await rawCall(JSON.stringify({ ...validBody, fenOrderID: 'typo' }));
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ errCode: '9001', errInfo: '参数校验失败' });
    const violations = JSON.parse(answer.headers.get('sl-violations') ?? '[]');
    expect(violations[0]).toMatchObject({ code: 'additionalProperties' });
    expect(violations[0].message).toContain('fenOrderID');
  });

  it.each([
    ['code=412', 412, { errCode: '1000', errInfo: '认证失败' }],
    [
      'code=412, example=timestampUnparsable',
      412,
      { errCode: '1000', errInfo: 'Timestamp解析失败' },
    ],
    ['example=notAuthorized', 412, { errCode: '1001', errInfo: '授权失败' }],
    ['example=transient', 412, { errCode: '9200', errInfo: '系统繁忙,请稍后重试' }],
    ['example=orderNotExist', 200, { respCode: 'ORDER_NOT_EXIST', respDesc: '订单不存在' }],
    ['example=deductionRunning', 200, { respCode: 'INVALID_ORDER_STATE' }],
    ['code=422', 422, { errCode: '9001' }],
    ['code=500', 500, { errCode: '9999', errInfo: '系统错误' }],
    ['example=unavailable', 503, { errCode: 'SYSTEM_ERROR' }],
  ])('Prefer: %s selects the spec example', async (prefer, status, expected) => {
    const answer = await rawCall(body, { headers: { prefer } });
    expect(answer.status, answer.text).toBe(status);
    expect(answer.body).toMatchObject(expected);
  });

  it('still checks the signature before honouring Prefer', async () => {
    const answer = await rawCall(body, {
      headers: { prefer: 'code=200' },
      sign: { appKey: 'wrong-key-wrong-key-wrong-key-00' },
    });
    expectRefusal(answer, 412, 'signature');
  });
});

describe('OPEN-ACCESS-TOKEN', () => {
  async function tokenCall(
    request: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown>; reason: string | null }> {
    const response = await fetch(`${inject('mockUrl')}/v1/token/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(request),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      reason: response.headers.get('x-mock-reason'),
    };
  }

  it('issues a token for a correctly signed request, and the sync call accepts it', async () => {
    const request = await signTokenRequest(inject('mockCredentials'));
    const issued = await tokenCall(request);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ errCode: '0000', errInfo: '正常', expiresIn: 3600 });
    expect(issued.body.accessToken).toMatch(/^[0-9a-f]{32}$/);
    // A real token, not the spec's example one.
    expect(issued.body.accessToken).not.toBe('3c2a5e0f8b8f4f6f9a1d7e2b4c6a8e0d');
    const answer = await rawCall(body, {
      authorization: `OPEN-ACCESS-TOKEN AccessToken=${issued.body.accessToken}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ respCode: '0000', respDesc: '成功' });
  });

  it('refuses an unknown token', async () => {
    const answer = await rawCall(body, {
      authorization: 'OPEN-ACCESS-TOKEN AccessToken=3c2a5e0f8b8f4f6f9a1d7e2b4c6a8e0d',
    });
    expectRefusal(answer, 412, 'token-unknown');
  });

  it('refuses a token request signed with another key, or as an HMAC', async () => {
    const { appId } = inject('mockCredentials');
    const wrongKey = await signTokenRequest({ appId, appKey: 'wrong' });
    expect(await tokenCall(wrongKey)).toMatchObject({ status: 412, reason: 'signature' });
  });

  it('refuses a nonce the schema allows but no signer can send with 412, not 500', async () => {
    // maxLength counts code points and allows spaces; the platform's nonce is visible ASCII.
    for (const nonce of ['a b', '😀'.repeat(100), 'é']) {
      const request = await signTokenRequest(inject('mockCredentials'));
      const answer = await tokenCall({ ...request, nonce });
      expect(answer, nonce).toMatchObject({ status: 412, reason: 'malformed' });
      expect(answer.body.errInfo).toMatch(/nonce must be/);
    }
  });

  it('refuses a reused nonce, a stale timestamp and an unknown appId', async () => {
    const request = await signTokenRequest(inject('mockCredentials'));
    expect((await tokenCall(request)).status).toBe(200);
    expect(await tokenCall(request)).toMatchObject({ status: 412, reason: 'nonce-reused' });
    const stale = await signTokenRequest({
      ...inject('mockCredentials'),
      now: Date.now() - 3_600_000,
    });
    expect(await tokenCall(stale)).toMatchObject({ status: 412, reason: 'timestamp-skew' });
    const stranger = await signTokenRequest({ appId: 'someone-else', appKey: 'k' });
    expect(await tokenCall(stranger)).toMatchObject({ status: 412, reason: 'app-id' });
  });

  it('checks the request against the contract first (422 from Prism)', async () => {
    const request = await signTokenRequest(inject('mockCredentials'));
    const answer = await tokenCall({ ...request, signMethod: 'HMAC-SHA256' });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ errCode: '9001', errInfo: '参数校验失败' });
  });

  it('never needs the appKey on the wire', async () => {
    const request = await signTokenRequest(inject('mockCredentials'));
    expect(JSON.stringify(request)).not.toContain(inject('mockCredentials').appKey);
    const { appId, appKey } = inject('mockCredentials');
    expect(request.signature).toBe(
      createHash('sha256')
        .update(appId + request.timestamp + request.nonce + appKey)
        .digest('hex'),
    );
    expect((await tokenCall(request)).status).toBe(200);
  });
});
