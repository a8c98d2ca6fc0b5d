import { describe, expect, it, vi } from 'vitest';
import {
  APP_ID,
  APP_KEY,
  apiOf,
  fastRetry,
  json,
  NOW,
  SYNC_PATH,
  serve,
  usageError,
  validBody,
} from './helpers.js';
import { closedPort } from './wire.js';

// The contract's one operation accepts both auth modes; a contract may also have operations that
// accept one. This adds such an operation to the generated table.
vi.mock('../src/generated/operations.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/generated/operations.js')>();
  return {
    ...original,
    operationTable: {
      ...original.operationTable,
      signedOnly: {
        ...original.operationTable.syncPayScoreOrder,
        path: '/v1/signed-only',
        security: ['signature'],
      },
    },
  };
});

const { createTianmanClient } = await import('../src/index.js');

const base = { appId: APP_ID, appKey: APP_KEY, now: () => NOW, retry: fastRetry };

// Both roads of one request: the method, and the api's POST on the same path.
const roads = {
  method: (client: ReturnType<typeof createTianmanClient>, options: object = {}) =>
    client.syncPayScoreOrder(validBody, options),
  api: (client: ReturnType<typeof createTianmanClient>, options: object = {}) =>
    apiOf(client).POST(SYNC_PATH, { body: validBody, ...options }),
};

describe('the methods and the api take one road', () => {
  it('both refuse an operation whose security excludes the auth mode, with a code, sending nothing', async () => {
    const server = await serve((_r, res) => json(res, 200, { respCode: '0000' }));
    const client = createTianmanClient({ ...base, baseUrl: server.url, auth: 'token' });
    const expected = usageError(
      'ERR_AUTH_MODE',
      "signedOnly does not accept auth: 'token' (the contract allows signature)",
    );
    const method = (client as unknown as Record<string, (b: unknown) => Promise<unknown>>)
      .signedOnly;
    await expect(method?.(validBody)).rejects.toThrow(expected);
    await expect(
      apiOf(client).POST('/v1/signed-only' as never, { body: validBody } as never),
    ).rejects.toThrow(expected);
    expect(server.connections).toBe(0);
  });

  it.each(Object.entries(roads))(
    '%s: a per-call timeoutMs overrides the client’s',
    async (_road, call) => {
      const server = await serve(() => {
        // Never answers: the attempt times out.
      });
      const client = createTianmanClient({ ...base, baseUrl: server.url, timeoutMs: 60_000 });
      await expect(call(client, { timeoutMs: 30 })).rejects.toMatchObject({
        name: 'TimeoutError',
        message: expect.stringContaining('timed out after 30 ms'),
      });
    },
  );

  it.each(Object.entries(roads))(
    '%s: a per-call retry overrides the client’s',
    async (_road, call) => {
      // A refused connection sent nothing: it is retried as the policy says.
      const client = createTianmanClient({
        ...base,
        baseUrl: `http://127.0.0.1:${await closedPort()}`,
        retry: { ...fastRetry, limit: 5 },
      });
      await expect(call(client, { retry: { limit: 1 } })).rejects.toMatchObject({
        name: 'NetworkError',
        code: 'ERR_NETWORK',
        attempts: 2,
      });
    },
  );

  it.each([
    ['method', 'call option '],
    ['api', 'api '],
  ] as const)(
    '%s: a bad per-call option is refused naming the road, nothing sent',
    async (road, where) => {
      const server = await serve((_r, res) => json(res, 200, { respCode: '0000' }));
      const client = createTianmanClient({ ...base, baseUrl: server.url });
      await expect(roads[road](client, { retry: { limit: -1 } })).rejects.toThrow(
        usageError(
          'ERR_INVALID_OPTION',
          `${where}retry.limit: expected a whole number from 0 to 10`,
        ),
      );
      await expect(roads[road](client, { timeoutMS: 5 })).rejects.toThrow(
        usageError(
          'ERR_INVALID_OPTION',
          `unknown ${where}timeoutMS: remove it (known: signal, timeoutMs, retry, headers)`,
        ),
      );
      await expect(roads[road](client, { timeoutMs: 'soon' })).rejects.toThrow(
        usageError(
          'ERR_INVALID_OPTION',
          `${where}timeoutMs: expected number from 0 to ${2 ** 31 - 1}`,
        ),
      );
      expect(server.connections).toBe(0);
    },
  );

  it.each(Object.entries(roads))(
    '%s: sends the same bytes, signed the same way',
    async (_road, call) => {
      const server = await serve((_r, res) => json(res, 200, { respCode: '0000' }));
      const client = createTianmanClient({ ...base, baseUrl: server.url });
      await call(client, { headers: { 'X-Request-Id': 'r1' } });
      const [request] = server.received;
      expect(request?.body.toString()).toBe(JSON.stringify(validBody));
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.headers['x-request-id']).toBe('r1');
      expect(request?.headers.authorization).toMatch(/^OPEN-BODY-SIG AppId="/);
    },
  );
});
