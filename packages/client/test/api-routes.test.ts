import { describe, expect, it } from 'vitest';
import { createTianmanClient, type ValidationError } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  apiOf,
  json,
  NOW,
  ok,
  SYNC_PATH,
  serve,
  TOKEN_PATH,
  usageError,
  validBody,
} from './helpers.js';

const base = { appId: APP_ID, appKey: APP_KEY, now: () => NOW, retry: { limit: 0 } };
const tokenBody = {
  appId: APP_ID,
  timestamp: '20170101120000',
  nonce: 'n',
  signMethod: 'SHA256' as const,
  signature: 'f'.repeat(64),
};

describe('api routes', () => {
  it('works under a baseUrl with a path: the prefix is not part of the route', async () => {
    const server = await serve((_r, res) => ok(res));
    const client = createTianmanClient({ ...base, baseUrl: `${server.url}/gw` });
    const { data, response } = await apiOf(client).POST(SYNC_PATH, { body: validBody });
    expect(response.status).toBe(200);
    expect(data).toEqual({ respCode: '0000', respDesc: '成功' });
    expect(server.received[0]?.url).toBe(`/gw${SYNC_PATH}`);
    expect(server.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('hands back an answer without a body for a null-body status (204)', async () => {
    const server = await serve((_r, res) => {
      res.writeHead(204);
      res.end();
    });
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    const { response } = await apiOf(client).POST(SYNC_PATH, { body: validBody });
    expect(response.status).toBe(204);
  });

  it('refuses a path that is not an operation, and an operation with a query, sending nothing', async () => {
    const server = await serve((_r, res) => ok(res));
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    await expect(
      apiOf(client).POST('/v1/nope' as never, { body: validBody } as never),
    ).rejects.toThrow(
      usageError('ERR_UNKNOWN_OPERATION', 'api: POST /v1/nope is not an operation of the contract'),
    );
    await expect(
      apiOf(client).POST(SYNC_PATH, { body: validBody, params: { query: { a: '1' } } } as never),
    ).rejects.toThrow(
      usageError(
        'ERR_UNKNOWN_OPERATION',
        `api: POST ${SYNC_PATH} with a query is not an operation of the contract`,
      ),
    );
    expect(server.connections).toBe(0);
  });

  it('names the api in a refused header', async () => {
    const server = await serve((_r, res) => ok(res));
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    await expect(
      apiOf(client).POST(SYNC_PATH, { body: validBody, headers: { Host: 'elsewhere' } }),
    ).rejects.toThrow(
      usageError('ERR_INVALID_OPTION', 'api headers.host: set by the client, not by the caller'),
    );
    expect(server.connections).toBe(0);
  });

  it('says which request a refused body was for', async () => {
    const server = await serve((_r, res) => ok(res));
    const client = createTianmanClient({ ...base, baseUrl: `${server.url}/gw` });
    const error: ValidationError = await apiOf(client)
      .POST(SYNC_PATH, {
        body: { ...validBody, mid: undefined } as never,
        headers: { 'X-Id': 'r1' },
      })
      .then(
        () => expect.unreachable(),
        (e) => e,
      );
    expect(error.request).toEqual({
      method: 'POST',
      url: `${server.url}/gw${SYNC_PATH}`,
      headers: { 'content-type': 'application/json', 'x-id': 'r1' },
    });
  });

  it('sends the token request body as openapi-fetch serialized it', async () => {
    const server = await serve((_r, res) =>
      json(res, 200, { errCode: '0000', accessToken: 't', expiresIn: 3600 }),
    );
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    await apiOf(client).POST(TOKEN_PATH, { body: tokenBody });
    expect(server.received[0]?.body.toString()).toBe(JSON.stringify(tokenBody));
  });

  it("keeps the token request's signature out of an error's headers", async () => {
    const server = await serve((_r, res) =>
      json(res, 200, { errCode: '0000', pad: 'x'.repeat(200) }, { 'x-echo': tokenBody.signature }),
    );
    const client = createTianmanClient({ ...base, baseUrl: server.url, maxResponseBytes: 50 });
    const error = await apiOf(client)
      .POST(TOKEN_PATH, { body: tokenBody })
      .then(
        () => expect.unreachable(),
        (e) => e,
      );
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
    expect(error.headers['x-echo']).toBeDefined();
    expect(error.headers['x-echo']).not.toContain(tokenBody.signature);
  });
});
