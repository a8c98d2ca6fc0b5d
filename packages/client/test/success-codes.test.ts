import { describe, expect, it } from 'vitest';
import { createTianmanClient, type ValidationError } from '../src/index.js';
import { APP_ID, APP_KEY, json, NOW, SYNC_PATH, serve, validBody } from './helpers.js';

const base = { appId: APP_ID, appKey: APP_KEY, now: () => NOW, retry: { limit: 0 } };

describe('a method call succeeds on a 2xx with a success code', () => {
  it.each(['0000', 'SUCCESS'])(
    'takes errCode %s as success when the answer has no respCode (the gateway dialect)',
    async (errCode) => {
      const server = await serve((_r, res) => json(res, 200, { errCode }));
      const client = createTianmanClient({ ...base, baseUrl: server.url });
      await expect(client.syncPayScoreOrder(validBody)).resolves.toMatchObject({
        errCode,
        status: 200,
        attempts: 1,
      });
    },
  );

  it('fails on any other errCode without a respCode', async () => {
    const server = await serve((_r, res) => json(res, 200, { errCode: '9999' }));
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    await expect(client.syncPayScoreOrder(validBody)).rejects.toMatchObject({
      name: 'ApiError',
      status: 200,
    });
  });

  it("uses successCodes, not the gateway's codes, when a respCode is present", async () => {
    const server = await serve((_r, res) => json(res, 200, { respCode: 'SUCCESS' }));
    const client = createTianmanClient({ ...base, baseUrl: server.url, successCodes: ['0001'] });
    await expect(client.syncPayScoreOrder(validBody)).rejects.toMatchObject({ name: 'ApiError' });
  });
});

describe('a refused body says which request it was for', () => {
  it('names the method, the full URL and the headers', async () => {
    const server = await serve((_r, res) => json(res, 200, { respCode: '0000' }));
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    const error: ValidationError = await client
      .syncPayScoreOrder({ ...validBody, mid: '' }, { headers: { 'X-Id': 'r1' } })
      .then(
        () => expect.unreachable(),
        (e) => e,
      );
    expect(error.request).toEqual({
      method: 'POST',
      url: server.url + SYNC_PATH,
      headers: { 'content-type': 'application/json', 'x-id': 'r1' },
    });
    expect(server.connections).toBe(0);
  });
});
