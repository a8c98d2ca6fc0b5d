import { beforeAll, describe, expect, it } from 'vitest';
import { createTianmanClient } from '../src/index.js';
import { delegateRoadHeaders } from '../src/road-headers.js';
import { delegateRoadRequest, RoadRequest } from '../src/road-request.js';
import { delegateRoadResponse, RoadResponse } from '../src/road-response.js';
import { APP_ID, APP_KEY, apiOf, json, NOW, SYNC_PATH, serve, validBody } from './helpers.js';

const base = { appId: APP_ID, appKey: APP_KEY, now: () => NOW };

// What createApi does before its first request; the unit tests below build these directly.
beforeAll(() => {
  delegateRoadRequest();
  delegateRoadResponse();
  delegateRoadHeaders();
});

describe("the api's Request and Response pass for the platform's", () => {
  it('a middleware sees a Request, may change a header and return it, and the road sends it', async () => {
    const server = await serve((_r, res) => json(res, 200, { respCode: '0000' }));
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    const seen: unknown[] = [];
    apiOf(client).use({
      onRequest({ request }) {
        seen.push(request instanceof Request, request.method, request.url, request.mode);
        request.headers.set('x-trace', 't1');
        return request;
      },
      async onResponse({ response }) {
        seen.push(response instanceof Response, response.status, await response.clone().json());
      },
    });
    const { data, response } = await apiOf(client).POST(SYNC_PATH, { body: validBody });
    expect(data).toEqual({ respCode: '0000' });
    expect(response).toBeInstanceOf(Response);
    expect(seen).toEqual([
      true,
      'POST',
      server.url + SYNC_PATH,
      'cors',
      true,
      200,
      { respCode: '0000' },
    ]);
    expect(server.received[0]?.headers['x-trace']).toBe('t1');
  });

  it('a middleware that returns a real Request of its own is sent through the road too', async () => {
    const server = await serve((_r, res) => json(res, 200, { respCode: '0000' }));
    const client = createTianmanClient({ ...base, baseUrl: server.url });
    apiOf(client).use({
      onRequest: ({ request }) => {
        const headers = new Headers(request.headers);
        headers.set('x-own', '1');
        return new Request(request.url, {
          method: request.method,
          headers,
          body: JSON.stringify(validBody),
        });
      },
    });
    const { data } = await apiOf(client).POST(SYNC_PATH, { body: validBody, timeoutMs: 5000 });
    expect(data).toEqual({ respCode: '0000' });
    expect(server.received[0]?.headers['x-own']).toBe('1');
    expect(server.received[0]?.headers.authorization).toMatch(/^OPEN-BODY-SIG /);
  });

  it('the Response reads once, like a real one, and gives its body as a stream too', async () => {
    const answer = {
      url: 'https://example.test/x',
      status: 200,
      headers: { 'content-type': 'application/json', 'x-id': 'r1' },
      text: '{"respCode":"0000"}',
      data: { respCode: '0000' },
      attempts: 1,
      request: () => ({ method: 'POST', url: 'https://example.test/x', headers: {} }),
      secrets: [],
    };
    const response = new RoadResponse(answer) as unknown as Response;
    expect(response).toBeInstanceOf(Response);
    expect([response.ok, response.status, response.headers.get('X-Id')]).toEqual([true, 200, 'r1']);
    expect(response.headers).toBeInstanceOf(Headers);
    const entries: string[][] = [];
    response.headers.forEach((value, name) => {
      entries.push([name, value]);
    });
    expect(entries).toEqual([
      ['content-type', 'application/json'],
      ['x-id', 'r1'],
    ]);
    expect([response.headers.has('x-nope'), response.headers.get('x-nope')]).toEqual([false, null]);
    response.headers.set('x-id', 'r2');
    expect(response.headers.get('x-id')).toBe('r2');
    expect(await new Response(response.body).text()).toBe(answer.text);
    const fresh = new RoadResponse(answer) as unknown as Response;
    expect(await fresh.json()).toEqual({ respCode: '0000' });
    expect(fresh.bodyUsed).toBe(true);
    await expect(fresh.text()).rejects.toThrow(TypeError);
    const empty = new RoadResponse({ ...answer, status: 204, text: '' }) as unknown as Response;
    expect([empty.ok, empty.body]).toEqual([true, null]);
  });

  it('the Request clones into a real one with the same bytes', async () => {
    const request = new RoadRequest('https://example.test/x', {
      method: 'POST',
      headers: new Headers({ 'content-type': 'application/json' }),
      body: '{"a":1}',
    }) as unknown as Request;
    expect(request).toBeInstanceOf(Request);
    expect(await request.clone().text()).toBe('{"a":1}');
    expect(await request.text()).toBe('{"a":1}');
    expect(request.signal).toBeInstanceOf(AbortSignal);
  });
});
