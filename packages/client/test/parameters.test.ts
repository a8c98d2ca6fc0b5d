import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { verify } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Doc, generateCopy, readSpec, removeCopies } from './generated-copy.js';
import { APP_ID, APP_KEY, json, NOW, serve, TOKEN_PATH } from './helpers.js';

// Operations with path and query parameters, without a body, answering 204, and with neither
// parameters nor body: added to a copy of the spec, generated into a copy of the client, and
// called through the methods and the api against a server that verifies every signature.

const security = [{ OpenBodySig: [] }, { OpenAccessToken: [] }];
const ok = {
  description: 'ok',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { respCode: { type: 'string' } } },
      examples: { ok: { value: { respCode: '0000' } } },
    },
  },
};

function addOperations(doc: Doc): void {
  doc.paths['/v1/orders/{orderId}'] = {
    parameters: [
      {
        name: 'orderId',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          maxLength: 32,
          pattern: '^[A-Za-z0-9 _-]+$',
          'x-pattern-message': 'letters, digits, spaces, _ and - only',
        },
      },
    ],
    get: {
      operationId: 'getOrder',
      security,
      parameters: [
        { name: 'verbose', in: 'query', schema: { type: 'boolean' } },
        {
          name: 'fields',
          in: 'query',
          schema: {
            type: 'array',
            maxItems: 2,
            items: { type: 'string', enum: ['state', 'amount'] },
          },
        },
        {
          name: 'limit',
          in: 'query',
          required: true,
          schema: { type: 'integer', minimum: 1, maximum: 50 },
        },
        { name: 'note', in: 'query', schema: { type: 'string', maxLength: 20 } },
      ],
      responses: { '200': ok },
    },
    delete: {
      operationId: 'cancelOrder',
      security,
      'x-tianman-idempotent': true,
      responses: { '204': { description: 'Cancelled.' } },
    },
    put: {
      operationId: 'updateOrder',
      security,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['note'],
              properties: { note: { type: 'string', maxLength: 10 } },
            },
          },
        },
      },
      responses: { '200': ok },
    },
  };
  doc.paths['/v1/ping'] = { get: { operationId: 'ping', security, responses: { '200': ok } } };
}

type Method = (...args: unknown[]) => Promise<Record<string, unknown>>;
interface Client {
  [id: string]: unknown;
  api: { GET(path: string, init?: object): Promise<Record<string, unknown>> };
}

let createClient: (options: object) => Client;
let apiOf: (client: Client) => Client['api'];

beforeAll(async () => {
  const doc = readSpec();
  addOperations(doc);
  const { dir } = await generateCopy(doc);
  const module = await import(pathToFileURL(join(dir, 'src/index.ts')).href);
  createClient = module.createTianmanClient;
  const { createTianmanApi } = await import(pathToFileURL(join(dir, 'src/api.ts')).href);
  apiOf = createTianmanApi;
}, 60_000);
afterAll(removeCopies);

/** A platform that verifies each request's signature over the bytes it received. */
async function platform(status = 200) {
  const server = await serve(async (request, res) => {
    if (request.url === TOKEN_PATH) {
      json(res, 200, { errCode: '0000', accessToken: 'token-0123456789', expiresIn: 3600 });
      return;
    }
    const token = request.headers.authorization?.startsWith('OPEN-ACCESS-TOKEN');
    const verified =
      token ||
      (
        await verify({
          authorization: request.headers.authorization,
          body: new Uint8Array(request.body),
          appKey: APP_KEY,
          now: NOW,
        })
      ).ok;
    if (!verified) json(res, 412, { errCode: '1000' });
    else if (status === 204) {
      res.writeHead(204);
      res.end();
    } else json(res, status, { respCode: '0000' });
  });
  return server;
}

const clientOf = (url: string, auth: 'signature' | 'token' = 'signature') =>
  createClient({ appId: APP_ID, appKey: APP_KEY, baseUrl: url, now: () => NOW, auth });
const method = (client: Client, id: string) => client[id] as Method;

describe.each(['signature', 'token'] as const)(
  '%s mode: parameters, encoded and validated',
  (auth) => {
    it('a GET with path and query parameters: encoded in declared order, no body, signed over none', async () => {
      const server = await platform();
      const client = clientOf(server.url, auth);
      const result = await method(
        client,
        'getOrder',
      )({
        path: { orderId: 'A 1' },
        query: { limit: 10, note: 'a&b=c d', fields: ['state', 'amount'], verbose: true },
      });
      expect(result).toMatchObject({ respCode: '0000', status: 200 });
      const request = server.received.at(-1);
      expect(request?.method).toBe('GET');
      expect(request?.url).toBe(
        '/v1/orders/A%201?verbose=true&fields=state&fields=amount&limit=10&note=a%26b%3Dc%20d',
      );
      expect(request?.body.length).toBe(0);
      expect(request?.headers['content-type']).toBeUndefined();
    });

    it('the api sends the same request, its parameters read back from the URL and validated', async () => {
      const server = await platform();
      const client = clientOf(server.url, auth);
      const { data } = await apiOf(client).GET('/v1/orders/{orderId}', {
        params: {
          path: { orderId: 'A 1' },
          query: { verbose: true, fields: ['state', 'amount'], limit: 10, note: 'a&b=c d' },
        },
      });
      expect(data).toEqual({ respCode: '0000' });
      expect(server.received.at(-1)?.url).toBe(
        '/v1/orders/A%201?verbose=true&fields=state&fields=amount&limit=10&note=a%26b%3Dc%20d',
      );
    });
  },
);

describe('invalid parameters: named, nothing sent', () => {
  it.each([
    [{ path: { orderId: 'A/1' }, query: { limit: 10 } }, '/path/orderId', 'pattern'],
    [{ path: {}, query: { limit: 10 } }, '/path/orderId', 'required'],
    [{ path: { orderId: 'A1' }, query: {} }, '/query/limit', 'required'],
    [{ path: { orderId: 'A1' }, query: { limit: 0 } }, '/query/limit', 'minimum'],
    [{ path: { orderId: 'A1' }, query: { limit: '10' } }, '/query/limit', 'type'],
    [{ path: { orderId: 'A1' }, query: { limit: 1.5 } }, '/query/limit', 'type'],
    [{ path: { orderId: 'A1' }, query: { limit: Number.NaN } }, '/query/limit', 'type'],
    [
      { path: { orderId: 'A1' }, query: { limit: 1, fields: ['state', 'x'] } },
      '/query/fields/1',
      'enum',
    ],
    [
      { path: { orderId: 'A1' }, query: { limit: 1, limt: 2 } },
      '/query/limt',
      'additionalProperties',
    ],
    [
      { path: { orderId: 'A1', other: 'x' }, query: { limit: 1 } },
      '/path/other',
      'additionalProperties',
    ],
  ])('%j: %s %s', async (input, path, rule) => {
    const server = await platform();
    const error = await method(clientOf(server.url), 'getOrder')(input).catch((e) => e);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'ERR_VALIDATION' });
    expect(error.issues).toContainEqual(expect.objectContaining({ path, rule }));
    expect(error.message).toMatch(/^@tianman\/client: invalid request, nothing sent: /);
    expect(server.connections).toBe(0);
  });

  it.each([
    ['/v1/orders/A1?limit=0', '/query/limit', 'minimum'],
    ['/v1/orders/A1?limit=x', '/query/limit', 'type'],
    ['/v1/orders/A1?limit=1&limt=2', '/query/limt', 'additionalProperties'],
    ['/v1/orders/A1', '/query/limit', 'required'],
  ])('the api, %s: %s %s', async (target, path, rule) => {
    const server = await platform();
    const client = clientOf(server.url);
    // A URL as a caller's middleware or a bare string could make it: what is sent is checked.
    const [pathname, search] = target.split('?');
    const query = Object.fromEntries(new URLSearchParams(search ?? ''));
    const error = await apiOf(client)
      .GET('/v1/orders/{orderId}', {
        params: { path: { orderId: (pathname as string).split('/').at(-1) }, query },
      })
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect(error.issues).toContainEqual(expect.objectContaining({ path, rule }));
    expect(server.connections).toBe(0);
  });

  it('a method input with an unknown field is a caller mistake', async () => {
    const server = await platform();
    await expect(
      method(clientOf(server.url), 'getOrder')({ params: { path: { orderId: 'A1' } } }),
    ).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_OPTION',
      message:
        '@tianman/client: getOrder: unknown input field params: remove it (known: path, query)',
    });
    expect(server.connections).toBe(0);
  });
});

describe('operations without a body', () => {
  it.each(['signature', 'token'] as const)(
    '%s mode: a DELETE answered 204 succeeds, signed over no bytes',
    async (auth) => {
      const server = await platform(204);
      const result = await method(
        clientOf(server.url, auth),
        'cancelOrder',
      )({
        path: { orderId: 'A1' },
      });
      expect(result).toMatchObject({ status: 204, attempts: 1 });
      const request = server.received.at(-1);
      expect([request?.method, request?.url, request?.body.length]).toEqual([
        'DELETE',
        '/v1/orders/A1',
        0,
      ]);
    },
  );

  it('a PUT with a path parameter and a body', async () => {
    const server = await platform();
    const client = clientOf(server.url);
    await method(client, 'updateOrder')({ path: { orderId: 'A1' }, body: { note: 'hello' } });
    const request = server.received.at(-1);
    expect([request?.method, request?.url, request?.body.toString()]).toEqual([
      'PUT',
      '/v1/orders/A1',
      '{"note":"hello"}',
    ]);
    expect(request?.headers['content-type']).toBe('application/json');
    const error = await method(
      client,
      'updateOrder',
    )({
      path: { orderId: 'A1' },
      body: { note: 'x'.repeat(11) },
    }).catch((e) => e);
    expect(error.issues).toEqual([expect.objectContaining({ path: '/note', rule: 'maxLength' })]);
    expect(error.message).toMatch(/: invalid body, nothing sent: /);
  });

  it('an operation with neither parameters nor body: the method takes the call options alone', async () => {
    const server = await platform();
    const client = clientOf(server.url);
    await expect(method(client, 'ping')()).resolves.toMatchObject({ respCode: '0000' });
    await expect(
      method(client, 'ping')({ headers: { 'x-request-id': 'r1' } }),
    ).resolves.toMatchObject({
      status: 200,
    });
    expect(server.received.at(-1)?.headers['x-request-id']).toBe('r1');
    const { data } = await apiOf(client).GET('/v1/ping');
    expect(data).toEqual({ respCode: '0000' });
    expect(server.received.map((r) => `${r.method} ${r.url} ${r.body.length}`)).toEqual([
      'GET /v1/ping 0',
      'GET /v1/ping 0',
      'GET /v1/ping 0',
    ]);
  });
});
