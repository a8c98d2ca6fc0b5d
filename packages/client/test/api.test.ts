import { verify } from '@tianman/signer';
import { describe, expect, it } from 'vitest';
import { createTianmanClient } from '../src/index.js';
import { APP_ID, APP_KEY, json, NOW, SYNC_PATH, serve, TOKEN_PATH, validBody } from './helpers.js';

describe('client.api: openapi-fetch with the auth middleware', () => {
  it('signs each request over the bytes openapi-fetch sends, and returns { data, error, response }', async () => {
    const server = await serve(async (request, res) => {
      const result = await verify({
        authorization: request.headers.authorization,
        body: new Uint8Array(request.body),
        appKey: APP_KEY,
        now: NOW,
      });
      if (result.ok) json(res, 200, { respCode: '0000', respDesc: '成功' });
      else json(res, 412, { errCode: '1000', errInfo: result.reason });
    });
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    const { data, error, response } = await client.api.POST(SYNC_PATH, {
      body: { ...validBody, mid: '商户号' },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ respCode: '0000', respDesc: '成功' });
    expect(response.status).toBe(200);
  });

  it('does not validate, retry or throw on HTTP errors: plain openapi-fetch', async () => {
    const server = await serve((_request, res) =>
      json(res, 503, { errCode: '9999', errInfo: '系统错误' }),
    );
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    const { data, error, response } = await client.api.POST(SYNC_PATH, {
      body: { ...validBody, fenOrderId: 'not valid!' },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errCode: '9999', errInfo: '系统错误' });
    expect(response.status).toBe(503);
    expect(server.received).toHaveLength(1);
  });

  it('sends the token request without an Authorization header', async () => {
    const server = await serve((_request, res) =>
      json(res, 200, { errCode: '0000', accessToken: 't', expiresIn: 3600 }),
    );
    const client = createTianmanClient({ appId: APP_ID, appKey: APP_KEY, baseUrl: server.url });
    const { data } = await client.api.POST(TOKEN_PATH, {
      body: {
        appId: APP_ID,
        timestamp: '20170101120000',
        nonce: 'n',
        signMethod: 'SHA256',
        signature: 'f'.repeat(64),
      },
    });
    expect(data?.accessToken).toBe('t');
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });

  it('uses the injected fetch', async () => {
    const seen: string[] = [];
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      environment: 'mock',
      now: () => NOW,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(
          `${request.method} ${request.url} ${request.headers.get('authorization')?.split(' ')[0]}`,
        );
        return Response.json({ respCode: '0000' });
      },
    });
    await client.api.POST(SYNC_PATH, { body: validBody });
    await client.syncPayScoreOrder(validBody);
    const expected = `POST http://127.0.0.1:4010${SYNC_PATH} OPEN-BODY-SIG`;
    expect(seen).toEqual([expected, expected]);
  });
});
