import { signTokenRequest } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type MockRequestLog, type RunningMock, startMock } from '../src/index.js';
import { checkPrefer, withExampleCode } from '../src/prefer.js';
import { rawCall, validBody } from './helpers.js';

const body = JSON.stringify(validBody);

describe('Prefer helpers at their edges', () => {
  it('withExampleCode adds nothing without a Prefer header or without the examples table', () => {
    expect(withExampleCode(undefined, new Map([['success', 200]]))).toBeUndefined();
    expect(withExampleCode('example=success', undefined)).toBeUndefined();
    expect(withExampleCode('example=success', new Map([['success', 200]]))).toBe(
      'example=success, code=200',
    );
  });

  it('checkPrefer says when the chosen code has no named examples', () => {
    const responses = new Map<number, string[]>([
      [200, ['ok']],
      [404, []],
    ]);
    expect(checkPrefer('code=404, example=ok', responses)).toBe(
      'Prefer example=ok belongs to code=200; code=404 has no named examples',
    );
    expect(checkPrefer('example=nope', responses)).toBe(
      'Prefer example=nope is not an example of this operation; choose one of 200: ok; 404: (none)',
    );
    expect(checkPrefer(undefined, responses)).toBeUndefined();
    expect(checkPrefer('code=200', undefined)).toBeUndefined();
  });
});

describe('a quoted charset', () => {
  it('charset="utf-8" is UTF-8: accepted and answered by Prism', async () => {
    const answer = await rawCall(body, {
      headers: { 'content-type': 'application/json; charset="utf-8"' },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ respCode: '0000' });
  });

  it('charset="latin1" is read inside its quotes, and refused', async () => {
    const answer = await rawCall(body, {
      headers: { 'content-type': 'application/json; charset="latin1"' },
    });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.text).toContain('latin1');
  });
});

describe("the request log: the gate's reasons only for the gate's own refusals", () => {
  let mock: RunningMock;
  const entries: MockRequestLog[] = [];
  beforeAll(async () => {
    mock = await startMock({ port: 0, log: (entry) => entries.push(entry) });
  });
  afterAll(() => mock.close());

  it("an answer Prism gave (a 412 example chosen with Prefer) carries its code, not the gate's info", async () => {
    const answer = await rawCall(body, { url: mock.url, headers: { prefer: 'code=412' } });
    expect(answer.status).toBe(412);
    const entry = entries.at(-1);
    expect(entry).toMatchObject({ status: 412, code: '1000' });
    expect(entry?.info).toBeUndefined();
    expect(entry?.reason).toBeUndefined();
  });

  it('a gate refusal carries its reason and errInfo', async () => {
    const answer = await rawCall(body, { url: mock.url, authorization: 'OPEN-BODY-SIG nonsense' });
    expect(answer.status).toBe(412);
    const entry = entries.at(-1);
    expect(entry?.reason).toBe('malformed');
    expect(entry?.info).toContain('认证失败');
  });
});

describe('a token request whose signature has the wrong length', () => {
  it('is a parameter error (the contract wants 64 hex digits), not a crash of the comparison', async () => {
    const { appId, appKey } = inject('mockCredentials');
    const request = await signTokenRequest({ appId, appKey });
    const answer = await rawCall(
      JSON.stringify({ ...request, signature: request.signature.slice(1) }),
      {
        path: '/v1/token/access',
        authorization: '',
      },
    );
    expect(answer.status, answer.text).toBe(422);
    expect(answer.body).toMatchObject({ errCode: '9001' });
  });
});

describe('hop-by-hop headers stop at the gate', () => {
  it('a chunked upload is answered: Transfer-Encoding is not forwarded beside the Content-Length the gate sets', async () => {
    const { request } = await import('node:http');
    const { sign } = await import('@tianman/signer');
    const { authorization } = await sign({ ...inject('mockCredentials'), body });
    const url = new URL('/v1/inip/corporate-wallet/wechat-pay-point/order/sync', inject('mockUrl'));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          },
          agent: false,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    });
    expect(status).toBe(200);
  });
});

describe('refusals name the values the developer sent', () => {
  it('an unknown AppId is quoted back (it is not a secret); the signature never is', async () => {
    const { appKey } = inject('mockCredentials');
    const { sign } = await import('@tianman/signer');
    const signed = await sign({ appId: 'someOtherApp', appKey, body });
    const answer = await rawCall(body, { authorization: signed.authorization });
    expect(answer.status).toBe(412);
    expect(answer.text).toContain('unknown AppId \\"someOtherApp\\"');
    expect(answer.text).not.toContain(signed.signature);
  });
});
