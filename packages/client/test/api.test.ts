import { verify } from '@tianman/signer';
import { describe, expect, it } from 'vitest';
import { createTianmanClient } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  apiOf,
  json,
  NOW,
  SYNC_PATH,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

describe('the api: openapi-fetch over the one road', () => {
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
    const { data, error, response } = await apiOf(client).POST(SYNC_PATH, {
      body: { ...validBody, mid: '商户号' },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ respCode: '0000', respDesc: '成功' });
    expect(response.status).toBe(200);
  });

  it('validates the body like the methods: an invalid one throws, nothing is sent', async () => {
    const server = await serve((_request, res) => json(res, 200, { respCode: '0000' }));
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    const call = apiOf(client).POST(SYNC_PATH, {
      body: { ...validBody, fenOrderId: 'not valid!', extra: 1 },
    });
    await expect(call).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [
        { path: '/extra', rule: 'additionalProperties' },
        {
          path: '/fenOrderId',
          rule: 'pattern',
          message: '/fenOrderId must be letters, digits and _-|* only',
        },
      ],
    });
    // The paidTime rules of the hook table too.
    await expect(
      apiOf(client).POST(SYNC_PATH, {
        body: { ...validBody, detail: { paidTime: '20991231235959' } },
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ rule: 'paidTime.notInFuture' }],
    });
    expect(server.connections).toBe(0);
  });

  it('retries like the methods, then returns the last answer as { error, response }', async () => {
    const server = await serve((_request, res) =>
      json(res, 503, { errCode: '9999', errInfo: '系统错误' }),
    );
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const { data, error, response } = await apiOf(client).POST(SYNC_PATH, { body: validBody });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errCode: '9999', errInfo: '系统错误' });
    expect(response.status).toBe(503);
    expect(server.received).toHaveLength(3);
    // A fresh nonce on every attempt.
    const nonces = server.received.map(
      (r) => /Nonce="([^"]+)"/.exec(r.headers.authorization ?? '')?.[1],
    );
    expect(new Set(nonces).size).toBe(3);
  });

  it('times out like the methods: a TimeoutError, not a pending promise', async () => {
    const server = await serve(() => {});
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
      timeoutMs: 50,
      retry: { limit: 0 },
    });
    await expect(apiOf(client).POST(SYNC_PATH, { body: validBody })).rejects.toMatchObject({
      name: 'TimeoutError',
      code: 'ERR_MAYBE_DELIVERED',
    });
  });

  it('refuses a caller header the client sets itself', async () => {
    const server = await serve((_request, res) => json(res, 200, { respCode: '0000' }));
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    await expect(
      apiOf(client).POST(SYNC_PATH, { body: validBody, headers: { Authorization: 'x' } }),
    ).rejects.toThrow('headers.authorization: set by the client');
    const ok = await apiOf(client).POST(SYNC_PATH, {
      body: validBody,
      headers: { 'X-Request-Id': 'r1' },
    });
    expect(ok.data).toMatchObject({ respCode: '0000' });
    expect(server.received[0]?.headers['x-request-id']).toBe('r1');
  });

  it('sends the token request without an Authorization header', async () => {
    const server = await serve((_request, res) =>
      json(res, 200, { errCode: '0000', accessToken: 't', expiresIn: 3600 }),
    );
    const client = createTianmanClient({ appId: APP_ID, appKey: APP_KEY, baseUrl: server.url });
    const { data } = await apiOf(client).POST(TOKEN_PATH, {
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
    await apiOf(client).POST(SYNC_PATH, { body: validBody });
    await client.syncPayScoreOrder(validBody);
    const expected = `POST http://127.0.0.1:4010${SYNC_PATH} OPEN-BODY-SIG`;
    expect(seen).toEqual([expected, expected]);
  });
});
