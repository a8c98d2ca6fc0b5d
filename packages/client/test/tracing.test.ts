import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTianmanClient, type TianmanClientOptions } from '../src/index.js';
import {
  APP_ID,
  APP_KEY,
  apiOf,
  fastRetry,
  json,
  NOW,
  ok,
  type Received,
  SYNC_PATH,
  script,
  serve,
  TOKEN_PATH,
  usageError,
  validBody,
} from './helpers.js';
import { closedPort } from './wire.js';

/** A tracer provider of the real SDK whose spans end up in memory. */
function sdk() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { provider, spans: () => exporter.getFinishedSpans() };
}

let otel = sdk();
beforeEach(() => {
  otel = sdk();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(otel.provider);
});
afterEach(() => {
  trace.disable();
  context.disable();
});

const clientFor = (url: string, options: TianmanClientOptions = {}) =>
  createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: url,
    now: () => NOW,
    retry: fastRetry,
    ...options,
  });

/** A span as the assertions read it: its parent by name, its events without their times. */
function shape(span: ReadableSpan, all: readonly ReadableSpan[]) {
  const parent = all.find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId)?.name;
  return {
    name: span.name,
    kind: span.kind,
    parent,
    attributes: span.attributes,
    events: span.events.map((e) => ({ name: e.name, attributes: e.attributes ?? {} })),
    status: span.status,
  };
}

const shapes = (spans: readonly ReadableSpan[]) => spans.map((s) => shape(s, spans));

const portOf = (url: string) => Number(new URL(url).port);

/** The attributes every span of a call to `url` + `path` starts with. */
const request = (url: string, path: string, id: string, auth: string) => ({
  'tianman.operation.id': id,
  'tianman.auth': auth,
  'http.request.method': 'POST',
  'url.full': url + path,
  'server.address': '127.0.0.1',
  'server.port': portOf(url),
});

const tokenAnswer = (res: ServerResponse, token = `tok-${'a'.repeat(40)}`) =>
  json(res, 200, { errCode: '0000', errInfo: '正常', accessToken: token, expiresIn: 3600 });

/** A token endpoint, and the sync endpoint answering `sync` in turn. */
function platform(...sync: Array<(res: ServerResponse, raw: IncomingMessage) => void>) {
  const answer = script(...sync);
  return (request: Received, res: ServerResponse, raw: IncomingMessage) =>
    request.url === TOKEN_PATH ? tokenAnswer(res) : answer(request, res, raw);
}

const unavailable = (res: ServerResponse) => json(res, 503, { errCode: '9999' });

describe('tracing: one span per call', () => {
  it('token mode, one retry: the call span with a retry event, the token request its child', async () => {
    const server = await serve(platform(unavailable, ok));
    const result = await clientFor(server.url, { auth: 'token' }).syncPayScoreOrder(validBody);
    expect(result.attempts).toBe(2);

    const spans = otel.spans();
    expect(spans).toHaveLength(2);
    const [token, call] = spans as [ReadableSpan, ReadableSpan];
    expect(token.spanContext().traceId).toBe(call.spanContext().traceId);
    expect(shapes(spans)).toEqual([
      {
        name: 'tianman getAccessToken',
        kind: SpanKind.CLIENT,
        parent: 'tianman syncPayScoreOrder',
        attributes: {
          ...request(server.url, TOKEN_PATH, 'getAccessToken', 'token'),
          'tianman.attempts': 1,
          'tianman.maybe_delivered': true,
          'http.response.status_code': 200,
          'tianman.err_code': '0000',
        },
        events: [],
        status: { code: SpanStatusCode.UNSET },
      },
      {
        name: 'tianman syncPayScoreOrder',
        kind: SpanKind.CLIENT,
        parent: undefined,
        attributes: {
          ...request(server.url, SYNC_PATH, 'syncPayScoreOrder', 'token'),
          'tianman.attempts': 2,
          'tianman.maybe_delivered': true,
          'http.response.status_code': 200,
          'tianman.resp_code': '0000',
        },
        events: [
          {
            name: 'tianman.retry',
            attributes: {
              'tianman.attempt': 1,
              'tianman.retry.reason': 'HTTP 503',
              'tianman.retry.delay_ms': 1,
            },
          },
        ],
        status: { code: SpanStatusCode.UNSET },
      },
    ]);
    expect(call.parentSpanContext).toBeUndefined();
  });

  it('signature mode, a success: one span, no event, status unset', async () => {
    const server = await serve(script(ok));
    await clientFor(server.url).syncPayScoreOrder(validBody);
    expect(shapes(otel.spans())).toEqual([
      {
        name: 'tianman syncPayScoreOrder',
        kind: SpanKind.CLIENT,
        parent: undefined,
        attributes: {
          ...request(server.url, SYNC_PATH, 'syncPayScoreOrder', 'signature'),
          'tianman.attempts': 1,
          'tianman.maybe_delivered': true,
          'http.response.status_code': 200,
          'tianman.resp_code': '0000',
        },
        events: [],
        status: { code: SpanStatusCode.UNSET },
      },
    ]);
  });

  it('a validation failure: a span with the error, nothing sent', async () => {
    const server = await serve(script(ok));
    const error = await clientFor(server.url)
      .syncPayScoreOrder({ ...validBody, fenOrderId: 'not an id!' })
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'ERR_VALIDATION' });
    expect(server.connections).toBe(0);
    expect(shapes(otel.spans())).toEqual([
      expect.objectContaining({
        name: 'tianman syncPayScoreOrder',
        attributes: {
          ...request(server.url, SYNC_PATH, 'syncPayScoreOrder', 'signature'),
          'tianman.attempts': 0,
          'tianman.maybe_delivered': false,
          'error.type': 'ERR_VALIDATION',
        },
        events: [],
        status: { code: SpanStatusCode.ERROR, message: (error as Error).message },
      }),
    ]);
  });

  it('a caller mistake (an unknown call option) is a failed span too', async () => {
    const server = await serve(script(ok));
    const options = { retries: 1 } as never;
    await expect(clientFor(server.url).syncPayScoreOrder(validBody, options)).rejects.toThrow(
      'unknown call option retries',
    );
    expect(otel.spans()[0]?.attributes).toMatchObject({
      'error.type': 'ERR_INVALID_OPTION',
      'tianman.attempts': 0,
    });
  });

  it('ERR_MAYBE_DELIVERED: the connection dropped after the request was read', async () => {
    const server = await serve((_request, _res, raw) => {
      raw.socket.destroy();
    });
    const error = await clientFor(server.url)
      .syncPayScoreOrder(validBody)
      .catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'ERR_MAYBE_DELIVERED', attempts: 1 });
    const [span] = otel.spans();
    expect(span?.attributes).toEqual({
      ...request(server.url, SYNC_PATH, 'syncPayScoreOrder', 'signature'),
      'tianman.attempts': 1,
      'tianman.maybe_delivered': true,
      'error.type': 'ERR_MAYBE_DELIVERED',
    });
    expect(span?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: (error as Error).message,
    });
    expect(span?.status.message).toContain('may have been delivered');
  });

  it('a refused connection sent nothing: not delivered, one retry event per retry', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    await expect(clientFor(url).syncPayScoreOrder(validBody)).rejects.toMatchObject({
      code: 'ERR_NETWORK',
      attempts: 3,
    });
    const [span] = otel.spans();
    expect(span?.attributes).toMatchObject({
      'tianman.attempts': 3,
      'tianman.maybe_delivered': false,
      'error.type': 'ERR_NETWORK',
    });
    expect(span?.attributes).not.toHaveProperty('http.response.status_code');
    expect(span?.events.map((e) => e.attributes)).toEqual([
      {
        'tianman.attempt': 1,
        'tianman.retry.reason': 'network error ECONNREFUSED',
        'tianman.retry.delay_ms': 1,
      },
      {
        'tianman.attempt': 2,
        'tianman.retry.reason': 'network error ECONNREFUSED',
        'tianman.retry.delay_ms': 2,
      },
    ]);
  });

  it("the caller's abort: error.type names it (a DOMException's numeric code is not a type)", async () => {
    const controller = new AbortController();
    const server = await serve(() => controller.abort());
    const error = await clientFor(server.url)
      .syncPayScoreOrder(validBody, { signal: controller.signal })
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    const [span] = otel.spans();
    expect(span?.attributes).toMatchObject({
      'error.type': 'AbortError',
      'tianman.attempts': 1,
      'tianman.maybe_delivered': true,
    });
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
  });

  it('a platform refusal: the status code, the platform code and error.type', async () => {
    const server = await serve((_request, res) =>
      json(res, 200, { respCode: 'ORDER_NOT_EXIST', respDesc: '订单不存在' }),
    );
    const error = await clientFor(server.url)
      .syncPayScoreOrder(validBody)
      .catch((e: Error) => e);
    const [span] = otel.spans();
    expect(span?.attributes).toMatchObject({
      'http.response.status_code': 200,
      'tianman.resp_code': 'ORDER_NOT_EXIST',
      'tianman.maybe_delivered': true,
      'error.type': 'ORDER_NOT_EXIST',
    });
    expect(span?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: (error as Error).message,
    });
  });

  it('the api: the same span, and a refusal it returns as `error` fails the span', async () => {
    const server = await serve(
      script(ok, (res) => json(res, 412, { errCode: '1000', errInfo: '认证失败' })),
    );
    const client = clientFor(server.url);
    expect((await apiOf(client).POST(SYNC_PATH, { body: validBody })).data).toMatchObject({
      respCode: '0000',
    });
    const { error } = await apiOf(client).POST(SYNC_PATH, { body: validBody });
    expect(error).toMatchObject({ errCode: '1000' });
    const [success, refusal] = otel.spans();
    expect(success?.name).toBe('tianman syncPayScoreOrder');
    expect(success?.attributes).toEqual({
      ...request(server.url, SYNC_PATH, 'syncPayScoreOrder', 'signature'),
      'tianman.attempts': 1,
      'tianman.maybe_delivered': true,
      'http.response.status_code': 200,
      'tianman.resp_code': '0000',
    });
    expect(success?.status.code).toBe(SpanStatusCode.UNSET);
    expect(refusal?.attributes).toMatchObject({
      'http.response.status_code': 412,
      'tianman.err_code': '1000',
      'error.type': '1000',
    });
    expect(refusal?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("the caller's active span is the parent, and the call's span is active while it sends", async () => {
    const server = await serve(platform(ok));
    const activeWhileSending: Array<string | undefined> = [];
    const callerValue = Symbol('a value of the caller’s context');
    const kept: unknown[] = [];
    const client = clientFor(server.url, {
      auth: 'token',
      // A fetch sees what an HTTP instrumentation would: the active context when a request leaves.
      fetch: (input, init) => {
        activeWhileSending.push(trace.getActiveSpan()?.spanContext().spanId);
        kept.push(context.active().getValue(callerValue));
        return fetch(input, init);
      },
    });
    await trace.getTracer('app').startActiveSpan('checkout', async (parent) => {
      await context.with(context.active().setValue(callerValue, 'order-42'), () =>
        client.syncPayScoreOrder(validBody),
      );
      parent.end();
    });
    const spans = otel.spans();
    expect(shapes(spans).map(({ name, parent }) => [name, parent])).toEqual([
      ['tianman getAccessToken', 'tianman syncPayScoreOrder'],
      ['tianman syncPayScoreOrder', 'checkout'],
      ['checkout', undefined],
    ]);
    // Each request was sent with its own span active: the token request's, then the call's.
    expect(activeWhileSending).toEqual(spans.slice(0, 2).map((s) => s.spanContext().spanId));
    // The rest of the caller's context (baggage, say) is still there.
    expect(kept).toEqual(['order-42', 'order-42']);
  });

  it('the tracer option wins over the global provider; false records nothing', async () => {
    const server = await serve(script(ok));
    const mine = sdk();
    await clientFor(server.url, { tracer: mine.provider.getTracer('mine') }).syncPayScoreOrder(
      validBody,
    );
    await clientFor(server.url, { tracer: false }).syncPayScoreOrder(validBody);
    expect(otel.spans()).toEqual([]);
    expect(mine.spans().map((s) => [s.name, s.instrumentationScope.name])).toEqual([
      ['tianman syncPayScoreOrder', 'mine'],
    ]);
  });

  it('the global provider is looked up per call: registered later, then disabled', async () => {
    const server = await serve(script(ok));
    trace.disable();
    const client = clientFor(server.url);
    await client.syncPayScoreOrder(validBody);
    expect(otel.spans()).toEqual([]);
    trace.setGlobalTracerProvider(otel.provider);
    await client.syncPayScoreOrder(validBody);
    expect(otel.spans().map((s) => [s.name, s.instrumentationScope.name])).toEqual([
      ['tianman syncPayScoreOrder', '@tianman/client'],
    ]);
    trace.disable();
    await client.syncPayScoreOrder(validBody);
    expect(otel.spans()).toHaveLength(1);
  });

  it('a tracer without a context manager still makes the token request a child', async () => {
    context.disable();
    const server = await serve(platform(ok));
    const mine = sdk();
    await clientFor(server.url, {
      auth: 'token',
      tracer: mine.provider.getTracer('mine'),
    }).syncPayScoreOrder(validBody);
    expect(shapes(mine.spans()).map(({ name, parent }) => [name, parent])).toEqual([
      ['tianman getAccessToken', 'tianman syncPayScoreOrder'],
      ['tianman syncPayScoreOrder', undefined],
    ]);
  });

  it('single flight: one token span, under the call that started it; the other call waited', async () => {
    const server = await serve(platform(ok));
    const client = clientFor(server.url, { auth: 'token' });
    await Promise.all([client.syncPayScoreOrder(validBody), client.syncPayScoreOrder(validBody)]);
    const spans = otel.spans();
    const tokens = spans.filter((s) => s.name === 'tianman getAccessToken');
    const calls = spans.filter((s) => s.name === 'tianman syncPayScoreOrder');
    expect(tokens).toHaveLength(1);
    expect(calls).toHaveLength(2);
    const starter = calls.find(
      (s) => s.spanContext().spanId === tokens[0]?.parentSpanContext?.spanId,
    );
    const waiter = calls.find((s) => s !== starter);
    expect(starter?.events).toEqual([]);
    expect(waiter?.events.map((e) => e.name)).toEqual(['tianman.token.wait']);
  });

  it('a refused token: a "token refused" retry event and a second token request, both children', async () => {
    let tokens = 0;
    const first = `tok-first-${'b'.repeat(30)}`;
    const server = await serve((request, res) => {
      if (request.url === TOKEN_PATH) return tokenAnswer(res, tokens++ ? undefined : first);
      if (String(request.headers.authorization).endsWith(first))
        return json(res, 412, { errCode: '1000', errInfo: 'token expired' });
      ok(res);
    });
    await clientFor(server.url, { auth: 'token' }).syncPayScoreOrder(validBody);
    const spans = otel.spans();
    expect(shapes(spans).map(({ name, parent }) => [name, parent])).toEqual([
      ['tianman getAccessToken', 'tianman syncPayScoreOrder'],
      ['tianman getAccessToken', 'tianman syncPayScoreOrder'],
      ['tianman syncPayScoreOrder', undefined],
    ]);
    expect(spans[2]?.attributes['tianman.attempts']).toBe(2);
    expect(spans[2]?.events.map((e) => e.attributes)).toEqual([
      {
        'tianman.attempt': 1,
        'tianman.retry.reason': 'token refused',
        'tianman.retry.delay_ms': 0,
      },
    ]);
  });

  it('a clock corrected from the platform’s Date: a "clock skew" retry event', async () => {
    const date = new Date(NOW + 5 * 60_000).toUTCString();
    const server = await serve(
      script((res) => json(res, 412, { errCode: '1000', errInfo: '认证失败' }, { date }), ok),
    );
    await clientFor(server.url).syncPayScoreOrder(validBody);
    const [span] = otel.spans();
    expect(span?.attributes['tianman.attempts']).toBe(2);
    expect(span?.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'tianman.retry',
        { 'tianman.attempt': 1, 'tianman.retry.reason': 'clock skew', 'tianman.retry.delay_ms': 0 },
      ],
    ]);
  });

  it('a failed token request fails its span and the call’s', async () => {
    const server = await serve((_request, res) =>
      json(res, 412, { errCode: '1000', errInfo: '认证失败' }),
    );
    await expect(
      clientFor(server.url, { auth: 'token' }).syncPayScoreOrder(validBody),
    ).rejects.toMatchObject({ name: 'AuthError', code: '1000' });
    const [token, call] = otel.spans();
    expect(token?.attributes).toMatchObject({
      'tianman.operation.id': 'getAccessToken',
      'http.response.status_code': 412,
      'tianman.err_code': '1000',
      'error.type': '1000',
    });
    // The call's own request was never sent: the token request's answer is not the call's.
    expect(call?.attributes).toEqual({
      ...request(server.url, SYNC_PATH, 'syncPayScoreOrder', 'token'),
      'tianman.attempts': 0,
      'tianman.maybe_delivered': false,
      'error.type': '1000',
    });
    expect([token?.status.code, call?.status.code]).toEqual([
      SpanStatusCode.ERROR,
      SpanStatusCode.ERROR,
    ]);
  });
});

describe('tracing never breaks a call', () => {
  it('a tracer whose startSpan throws: the call goes on untraced', async () => {
    const server = await serve(script(ok));
    const tracer = {
      startSpan(): never {
        throw new Error('broken tracer');
      },
    };
    await expect(
      clientFor(server.url, { tracer }).syncPayScoreOrder(validBody),
    ).resolves.toMatchObject({ respCode: '0000' });
  });

  it('a span whose methods throw: the call keeps its own outcome', async () => {
    const server = await serve(script(unavailable, ok, (res) => json(res, 200, { respCode: 'X' })));
    const broken = () => {
      throw new Error('broken span');
    };
    const tracer = {
      startSpan: () => ({
        setAttributes: broken,
        addEvent: broken,
        setStatus: broken,
        end: broken,
      }),
    };
    const client = clientFor(server.url, { tracer });
    await expect(client.syncPayScoreOrder(validBody)).resolves.toMatchObject({ attempts: 2 });
    await expect(client.syncPayScoreOrder(validBody)).rejects.toMatchObject({ code: 'X' });
  });

  it.each([
    ['an object without startSpan', {}],
    ['null', null],
    ['true', true],
  ])('the tracer option refuses %s', (_what, tracer) => {
    expect(() => clientFor('http://127.0.0.1:1', { tracer: tracer as never })).toThrow(
      usageError('ERR_INVALID_OPTION', 'tracer: expected a Tracer or false'),
    );
  });
});

describe('tracing records no secret', () => {
  it('no appKey, signature, token, Authorization value or body value in any span', async () => {
    const issued: string[] = [];
    const server = await serve((request, res) => {
      if (request.url === TOKEN_PATH) {
        const token = `tok-${issued.length}-${'c'.repeat(30)}`;
        issued.push(token);
        return tokenAnswer(res, token);
      }
      const auth = String(request.headers.authorization);
      // The first token is refused, and the gateway echoes the Authorization it got.
      if (auth.endsWith(issued[0] as string))
        return json(res, 412, { errCode: '1000', errInfo: `bad ${auth}` });
      // Every signed request fails once, echoing its Authorization, in its code too.
      if (auth.startsWith('OPEN-BODY-SIG') && server.received.length % 2)
        return json(res, 503, { errCode: `9999 ${auth}`, errInfo: `busy ${auth}` });
      ok(res);
    });
    const signed = clientFor(server.url);
    await signed.syncPayScoreOrder(validBody);
    await apiOf(signed).POST(SYNC_PATH, { body: validBody });
    await clientFor(server.url, { auth: 'token' }).syncPayScoreOrder(validBody);
    await clientFor(server.url, { retry: { limit: 0 } })
      .syncPayScoreOrder(validBody)
      .catch(() => {});

    const secrets = new Set<string>([APP_KEY, ...issued]);
    for (const received of server.received) {
      const auth = received.headers.authorization;
      if (auth) {
        secrets.add(auth);
        const signature = /Signature="([^"]+)"/.exec(auth)?.[1];
        if (signature) secrets.add(signature);
      } else {
        secrets.add(JSON.parse(received.body.toString()).signature);
      }
    }
    const { fenOrderId, mid, serviceId, detail } = validBody;
    for (const value of [fenOrderId, mid, serviceId, detail.paidTime]) secrets.add(value);

    const spans = otel.spans();
    expect(spans.length).toBeGreaterThanOrEqual(6);
    const recorded = JSON.stringify(
      spans.map((s) => [s.name, s.attributes, s.events, s.status, s.links]),
    );
    // The test can fail: the server did see every secret it searches for.
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) expect(recorded).not.toContain(secret);
    // and the spans did record the echoing answers.
    expect(recorded).toContain('"tianman.retry.reason":"token refused"');
    expect(recorded).toContain('"error.type":"9999 OPEN-BODY-SIG ');
    expect(recorded).toContain('"tianman.err_code":"9999 OPEN-BODY-SIG ');
  });
});

describe('tracing: the option', () => {
  it('a client works with no OpenTelemetry registered at all', async () => {
    trace.disable();
    context.disable();
    const server = await serve(script(ok));
    await expect(clientFor(server.url).syncPayScoreOrder(validBody)).resolves.toMatchObject({
      respCode: '0000',
    });
    expect(otel.spans()).toEqual([]);
  });

  it.each([
    ['a 412', 412, 'error'],
    ['a 200 with a failure respCode', 200, 'data'],
  ] as const)(
    'does not change what the api returns for %s that echoes a secret',
    async (_what, status, key) => {
      const echo = (request: Received, res: ServerResponse) => {
        const body = { respCode: 'FAIL', respDesc: `bad ${request.headers.authorization}` };
        // With its length, as the platform answers: openapi-fetch then takes the parsed body.
        const length = Buffer.byteLength(JSON.stringify(body));
        json(res, status, body, { 'content-length': String(length) });
      };
      for (const tracer of [undefined, false] as const) {
        const server = await serve(echo);
        const result = await apiOf(clientFor(server.url, { tracer })).POST(SYNC_PATH, {
          body: validBody,
        });
        // As the platform sent it: openapi-fetch hands the caller the answer itself.
        expect(result[key]).toEqual({
          respCode: 'FAIL',
          respDesc: `bad ${server.received[0]?.headers.authorization}`,
        });
      }
      const [span] = otel.spans();
      expect(span?.attributes['error.type']).toBe('FAIL');
      expect(span?.status.message).toContain('Signature="[REDACTED]"');
    },
  );

  it('does not change what a signed request carries', async () => {
    const server = await serve(script(ok));
    await clientFor(server.url).syncPayScoreOrder(validBody);
    expect(Object.keys(server.received[0]?.headers ?? {})).not.toContain('traceparent');
    expect(server.received[0]?.body.toString()).toBe(JSON.stringify(validBody));
    // The span's own id is nowhere in the request: the client propagates nothing itself.
    const id = otel.spans()[0]?.spanContext().spanId as string;
    expect(JSON.stringify(server.received[0]?.headers)).not.toContain(id);
  });
});
