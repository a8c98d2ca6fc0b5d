import { readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { createTianmanClient, isAuthError, type TianmanClientOptions } from '@tianman/client';
import { sign } from '@tianman/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftEntry, MockRequestLog, RunningProxy } from '../src/index.js';
import { startMock } from '../src/index.js';
import { formatLogLine } from '../src/run-cli.js';
import { KNOWN_SYNC_CODES, writeDriftSpec } from './drift-spec.js';
import { SYNC_PATH, validBody } from './helpers.js';
import {
  HTML_PAGE,
  type Received,
  type Scenario,
  type Sent,
  STAND_IN_CREDENTIALS,
  type StandIn,
  startStandIn,
} from './stand-in-platform.js';

// The mock in proxy mode between the real client and a stand-in for the platform: what the
// client gets must be exactly what the stand-in sent, what the stand-in gets exactly what the
// client sent (it verifies the signature over those bytes), and the drift report must name each
// deliberate drift of the stand-in's answers, and nothing else.

/** An answer as the client's transport received it. */
interface Got {
  status: number;
  statusText: string;
  headers: Headers;
  body: Buffer;
}

/** A client of the proxy whose fetch keeps every answer it received. */
function clientOf(
  proxy: RunningProxy,
  got: Got[],
  options: Partial<TianmanClientOptions> = {},
): ReturnType<typeof createTianmanClient> {
  return createTianmanClient({
    ...STAND_IN_CREDENTIALS,
    baseUrl: proxy.url,
    retry: { limit: 0 },
    logLevel: 'off',
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const body = Buffer.from(await response.clone().arrayBuffer());
      got.push({
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body,
      });
      return response;
    },
    ...options,
  });
}

// Headers of the connection between the mock and its client: its own, never relayed.
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/** The client got the stand-in's answer: status, reason phrase, every header, the same bytes. */
function expectSame(got: Got | undefined, sent: Sent | undefined): void {
  expect(got).toBeDefined();
  expect(sent).toBeDefined();
  if (!got || !sent) return;
  expect(got.status).toBe(sent.status);
  expect(got.statusText).toBe(sent.statusMessage);
  expect(got.body.equals(sent.body)).toBe(true);
  const expected = new Map<string, string[]>();
  for (let i = 0; i < sent.rawHeaders.length; i += 2) {
    const name = (sent.rawHeaders[i] as string).toLowerCase();
    expected.set(name, [...(expected.get(name) ?? []), sent.rawHeaders[i + 1] as string]);
  }
  // Headers lists set-cookie once per cookie: one name each.
  const seen = new Set<string>();
  got.headers.forEach((_, name) => {
    if (!CONNECTION_HEADERS.has(name)) seen.add(name);
  });
  const names = [...seen];
  expect(names.sort()).toEqual([...expected.keys()].sort());
  for (const [name, values] of expected) {
    if (name === 'set-cookie') expect(got.headers.getSetCookie()).toEqual(values);
    else expect(got.headers.get(name)).toBe(values.join(', '));
  }
}

function body(fenOrderId: Scenario | string) {
  return { ...validBody, fenOrderId };
}

/** The report's entries, without their time (the only field that varies). */
async function readReport(proxy: RunningProxy): Promise<Omit<DriftEntry, 'time'>[]> {
  const text = await readFile(proxy.report as string, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const { time, ...rest } = JSON.parse(line) as DriftEntry;
      expect(new Date(time).toISOString()).toBe(time);
      return rest;
    });
}

const sync = {
  operationId: 'syncPayScoreOrder',
  method: 'POST',
  path: SYNC_PATH,
} as const;

describe('proxy mode in front of a stand-in platform', () => {
  let standIn: StandIn;
  let proxy: RunningProxy;
  let dir: string;
  const logs: MockRequestLog[] = [];

  beforeAll(async () => {
    standIn = await startStandIn();
    const written = await writeDriftSpec();
    dir = written.dir;
    proxy = await startMock({
      proxy: standIn.url,
      port: 0,
      spec: written.spec,
      report: join(dir, 'drift.jsonl'),
      log: (entry) => logs.push(entry),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await standIn.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts with an empty report and says where requests go', async () => {
    expect(proxy.upstream).toBe(standIn.url);
    expect(proxy.report).toBe(join(dir, 'drift.jsonl'));
    expect(await readFile(proxy.report as string, 'utf8')).toBe('');
  });

  it('a signed call reaches the upstream byte for byte and its answer reaches the client untouched', async () => {
    const got: Got[] = [];
    const result = await clientOf(proxy, got).syncPayScoreOrder(body('CLEAN'));
    expect(result.respCode).toBe('0000');
    // The stand-in checked the signature over the bytes it received, with a key the mock does
    // not have: the call succeeding proves they are the bytes the client signed.
    expect(standIn.sent.at(-1)?.status).toBe(200);
    expect(JSON.parse((standIn.received.at(-1) as Received).body.toString())).toEqual(
      body('CLEAN'),
    );
    expectSame(got.at(-1), standIn.sent.at(-1));
    expect(got.at(-1)?.headers.get('x-mock-reason')).toBeNull();
    expect(got.at(-1)?.headers.get('sl-violations')).toBeNull();
  });

  it('in token mode, the token request goes to the upstream too, and the token it issued works', async () => {
    const got: Got[] = [];
    const client = clientOf(proxy, got, { auth: 'token' });
    const before = standIn.sent.length;
    expect((await client.syncPayScoreOrder(body('CLEAN'))).respCode).toBe('0000');
    expect((await client.syncPayScoreOrder(body('CLEAN'))).respCode).toBe('0000');
    const paths = standIn.received.slice(-3).map((r) => r.url);
    expect(paths).toEqual(['/v1/token/access', SYNC_PATH, SYNC_PATH]);
    expect(standIn.tokens).toHaveLength(1);
    expect(got).toHaveLength(3);
    got.forEach((answer, i) => {
      expectSame(answer, standIn.sent[before + i]);
    });
  });

  it("a request the upstream refuses comes back with the upstream's refusal", async () => {
    const got: Got[] = [];
    const wrongKey = clientOf(proxy, got, { appKey: 'not-the-stand-in-key-0123456789' });
    const error = await wrongKey.syncPayScoreOrder(body('CLEAN')).catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect((error as { errInfo?: string }).errInfo).toBe('认证失败 (stand-in: signature)');
    expectSame(got.at(-1), standIn.sent.at(-1));
    expect(got.at(-1)?.headers.get('x-stand-in-refusal')).toBe('signature');

    // Bytes changed after signing: the mock does not check, the upstream refuses.
    const signed = JSON.stringify(body('CLEAN'));
    const { authorization } = await sign({ ...STAND_IN_CREDENTIALS, body: signed });
    const tampered = await fetch(`${proxy.url}${SYNC_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: `${signed} `,
    });
    expect(tampered.status).toBe(412);
    expect(tampered.headers.get('x-stand-in-refusal')).toBe('signature');
    expect(tampered.headers.get('x-mock-reason')).toBeNull();
  });

  it('reports each deliberate drift, and nothing else', async () => {
    const before = await readReport(proxy);
    const logsBefore = logs.length;
    const got: Got[] = [];
    const client = clientOf(proxy, got);
    const scenarios: Scenario[] = [
      'MISSING_FIELD',
      'NEW_FIELD',
      'WRONG_TYPE',
      'UNKNOWN_CODE',
      'HTML_502',
      'HTML_500',
    ];
    for (const scenario of scenarios) {
      await client.syncPayScoreOrder(body(scenario)).catch(() => undefined);
      // Whatever the client made of it, it got the upstream's answer as sent.
      expectSame(got.at(-1), standIn.sent.at(-1));
    }
    const entries = (await readReport(proxy)).slice(before.length);
    expect(entries).toEqual([
      {
        ...sync,
        status: 200,
        where: 'body',
        pointer: '/respCode',
        keyword: 'required',
        rule: "must have required property 'respCode'",
        found: 'absent',
      },
      {
        ...sync,
        status: 200,
        where: 'body',
        pointer: '/settleNo',
        keyword: 'additionalProperties',
        rule: 'must NOT have additional properties',
        found: 'string of 9 characters',
      },
      {
        ...sync,
        status: 200,
        where: 'body',
        pointer: '/respDesc',
        keyword: 'type',
        rule: 'must be string',
        found: 'integer',
      },
      {
        ...sync,
        status: 200,
        where: 'body',
        pointer: '/respCode',
        keyword: 'x-tianman-known-codes',
        rule: `one of the codes the spec knows for the 200 response: ${KNOWN_SYNC_CODES.join(', ')}`,
        found: 'string "ORDER_FROZEN"',
      },
      {
        ...sync,
        status: 502,
        where: 'status',
        keyword: 'status',
        rule: 'a status the operation defines: 200, 400, 412, 422, 500, 503',
        found: `502, a text/html body of ${Buffer.byteLength(HTML_PAGE)} bytes, not JSON`,
      },
      {
        ...sync,
        status: 500,
        where: 'body',
        pointer: '',
        keyword: 'json',
        rule: "a JSON body (application/json), as the spec's 500 response says",
        found: `a text/html body of ${Buffer.byteLength(HTML_PAGE)} bytes, not JSON`,
      },
    ]);
    // Each answer's log entry carries its own entries, and its log line names them.
    const logged = logs.slice(logsBefore);
    expect(logged.map((entry) => entry.drift?.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(logged.flatMap((entry) => entry.drift ?? []).map(({ time, ...rest }) => rest)).toEqual(
      entries,
    );
    expect(formatLogLine(logged[0] as MockRequestLog)).toMatch(
      / → 200 \(\d+(\.\d)? ms\) {2}drift: \/respCode absent \(required\)\n$/,
    );
  });

  it('relays headers, request target and bytes as received, and a compressed answer compressed', async () => {
    const payload = `{ "fenOrderId" : "GZIP", "mid":"898310148160568","serviceId":"500001000000000000000000000001","type":"Order_Paid","detail":{"paidTime":"20250520143000"},"note":"\\u6d4b\\u8bd5" }`;
    const { authorization } = await sign({ ...STAND_IN_CREDENTIALS, body: payload });
    const target = `${SYNC_PATH}?b=%20+&a=1&a=2`;
    const reportBefore = await readFile(proxy.report as string, 'utf8');
    const answer = await new Promise<{
      status: number;
      statusMessage: string;
      rawHeaders: string[];
      body: Buffer;
    }>((resolve, reject) => {
      // The options form: with a URL argument, node:http ignores headers given as an array.
      const req = request(
        {
          host: new URL(proxy.url).hostname,
          port: new URL(proxy.url).port,
          path: target,
          method: 'POST',
          agent: false,
          headers: [
            'Host',
            new URL(proxy.url).host,
            'Content-Type',
            'application/json',
            'Authorization',
            authorization,
            'Accept-Encoding',
            'gzip',
            'X-Trace',
            'one',
            'x-trace',
            'two',
            'Connection',
            'close, X-Hop',
            'X-Hop',
            'for the mock only',
            'Proxy-Authorization',
            'Basic c2VjcmV0',
            // Given as an array, headers are sent as they are: Node adds no Host or framing.
            'Content-Length',
            String(Buffer.byteLength(payload)),
          ],
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              statusMessage: res.statusMessage ?? '',
              rawHeaders: res.rawHeaders,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    const received = standIn.received.at(-1) as Received;
    const sent = standIn.sent.at(-1) as Sent;
    expect(received.url).toBe(target);
    expect(received.body.toString()).toBe(payload);
    expect(received.rawHeaders).toEqual([
      'Host',
      new URL(standIn.url).host,
      'Content-Type',
      'application/json',
      'Authorization',
      authorization,
      'Accept-Encoding',
      'gzip',
      'X-Trace',
      'one',
      'x-trace',
      'two',
      'Content-Length',
      String(Buffer.byteLength(payload)),
      // The stand-in's connection to the mock is the mock's own, one per request.
      'Connection',
      'close',
    ]);
    expect(sent.status).toBe(200);
    expect(answer.status).toBe(200);
    expect(answer.statusMessage).toBe(sent.statusMessage);
    expect(answer.body.equals(sent.body)).toBe(true);
    const relayed = answer.rawHeaders.filter(
      (_, i, all) => !CONNECTION_HEADERS.has((all[i - (i % 2)] as string).toLowerCase()),
    );
    expect(relayed).toEqual(sent.rawHeaders);
    // Checked decompressed: the clean answer inside the gzip is no drift.
    expect(await readFile(proxy.report as string, 'utf8')).toBe(reportBefore);
  });

  it('an operation not in the spec is forwarded and reported as such', async () => {
    const before = (await readReport(proxy)).length;
    const answer = await fetch(`${proxy.url}/v1/not/in/the/spec?x=1`, { method: 'POST' });
    // The stand-in's refusal (no Authorization), relayed.
    expect(answer.status).toBe(412);
    expect((await readReport(proxy)).slice(before)).toEqual([
      {
        method: 'POST',
        path: '/v1/not/in/the/spec',
        status: 412,
        where: 'operation',
        keyword: 'operation',
        rule: 'a request the spec describes (an operation with this method and path)',
        found: 'no operation for POST /v1/not/in/the/spec',
      },
    ]);
  });

  it('never writes a header value, a token, a signature or an appKey to the report or the log', async () => {
    const secrets = new Set<string>([STAND_IN_CREDENTIALS.appKey, ...standIn.tokens]);
    for (const received of standIn.received) {
      for (let i = 0; i < received.rawHeaders.length; i += 2) {
        if ((received.rawHeaders[i] as string).toLowerCase() === 'authorization') {
          const value = received.rawHeaders[i + 1] as string;
          secrets.add(value);
          const signature = /Signature="([^"]+)"/.exec(value)?.[1];
          if (signature) secrets.add(signature);
          const token = /AccessToken=(\S+)/.exec(value)?.[1];
          if (token) secrets.add(token);
        }
      }
      if (received.url === '/v1/token/access') {
        secrets.add((JSON.parse(received.body.toString()) as { signature: string }).signature);
      }
    }
    expect(standIn.tokens.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(5);
    const report = await readFile(proxy.report as string, 'utf8');
    const logText = logs.map((entry) => `${formatLogLine(entry)}${JSON.stringify(entry)}`).join('');
    expect(report.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(report).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
    // The values of the headers the stand-in sent, other than the media type, are nowhere.
    for (const sent of standIn.sent) {
      for (let i = 0; i < sent.rawHeaders.length; i += 2) {
        const name = (sent.rawHeaders[i] as string).toLowerCase();
        if (['content-type', 'content-length'].includes(name)) continue;
        expect(report).not.toContain(sent.rawHeaders[i + 1]);
        expect(logText).not.toContain(sent.rawHeaders[i + 1]);
      }
    }
  });
});

describe('proxy mode with answers that keep to the spec', () => {
  it('leaves the report empty', async () => {
    const standIn = await startStandIn();
    const { dir, spec } = await writeDriftSpec();
    const proxy = await startMock({
      proxy: standIn.url,
      port: 0,
      spec,
      report: join(dir, 'drift.jsonl'),
    });
    try {
      const got: Got[] = [];
      expect((await clientOf(proxy, got).syncPayScoreOrder(body('CLEAN'))).respCode).toBe('0000');
      const token = clientOf(proxy, got, { auth: 'token' });
      expect((await token.syncPayScoreOrder(body('CLEAN'))).respCode).toBe('0000');
      // A refusal in the contract's own shape is no drift either.
      await clientOf(proxy, got, { appKey: 'not-the-stand-in-key-0123456789' })
        .syncPayScoreOrder(body('CLEAN'))
        .catch(() => undefined);
      expect(got.map((answer) => answer.status)).toEqual([200, 200, 200, 412]);
      expect(await readFile(proxy.report as string, 'utf8')).toBe('');
    } finally {
      await proxy.close();
      await standIn.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
