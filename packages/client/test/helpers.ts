import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAuthorization } from '@tianman/signer';
import { afterEach } from 'vitest';
import { createTianmanApi } from '../src/api.js';
import type { SyncPayScoreOrderBody, TianmanClient } from '../src/index.js';

/** The platform's worked-example credentials (docs/platform.md, V1). */
export const APP_ID = '12345678901234567890123456789012';
export const APP_KEY = '67890123456789012345678901234567';
export const SYNC_PATH = '/v1/inip/corporate-wallet/wechat-pay-point/order/sync';
export const TOKEN_PATH = '/v1/token/access';

/** A body the contract accepts, paid two minutes before `now`. */
export const validBody: SyncPayScoreOrderBody = {
  fenOrderId: 'ORDER20261125001',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20261125143000' },
};

/** 2026-11-25 14:32:00 Beijing time: two minutes after `validBody`'s paidTime. */
export const NOW = Date.UTC(2026, 10, 25, 6, 32, 0);

/** A request as the test server received it: the exact bytes included. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (
  request: Received,
  res: ServerResponse,
  raw: IncomingMessage,
) => void | Promise<void>;

export interface TestServer {
  url: string;
  received: Received[];
  /** TCP connections accepted: 0 proves that no byte was sent. */
  connections: number;
  close(): Promise<void>;
}

const open: TestServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** A real HTTP server on an ephemeral loopback port, closed after the test. */
export async function serve(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    // No `Date`: the client's clock is injected (`NOW`), and a `Date` from the real clock beside a
    // 1000 would read as a skewed host clock. The clock-skew tests send one on purpose.
    res.sendDate = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      received.push(request);
      void handler(request, res, req);
    });
  });
  const result: TestServer = {
    url: '',
    received,
    connections: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    result.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  result.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  open.push(result);
  return result;
}

/** Answers with a JSON body. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A scripted server: the n-th request gets the n-th answer (the last one repeats). */
export function script(
  ...answers: Array<(res: ServerResponse, raw: IncomingMessage) => void>
): Handler {
  let n = 0;
  return (_request, res, raw) => {
    const answer = answers[Math.min(n++, answers.length - 1)];
    answer?.(res, raw);
  };
}

export const ok = (res: ServerResponse): void =>
  json(res, 200, { respCode: '0000', respDesc: '成功' });

/** The parsed OPEN-BODY-SIG header of a received request. */
export function authOf(request: Received): ReturnType<typeof parseAuthorization> {
  return parseAuthorization(String(request.headers.authorization));
}

/** Records logger events. */
export function recordingLogger(): {
  events: Array<{ level: string; message: string; details: Record<string, unknown> }>;
  debug(message: string, details: Record<string, unknown>): void;
  warn(message: string, details: Record<string, unknown>): void;
} {
  const events: Array<{ level: string; message: string; details: Record<string, unknown> }> = [];
  return {
    events,
    debug: (message, details) => events.push({ level: 'debug', message, details }),
    warn: (message, details) => events.push({ level: 'warn', message, details }),
  };
}

/** Retry timing for tests: tiny delays, no jitter. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 5, jitter: false };

/** The `TypeError` a caller's mistake throws: prefixed, with its `code`. */
export function usageError(code: string, message: string): TypeError {
  return Object.assign(new TypeError(`@tianman/client: ${message}`), { code });
}

const apis = new WeakMap<object, ReturnType<typeof createTianmanApi>>();

/** `createTianmanApi(client)`, made once per client. */
export function apiOf(client: TianmanClient): ReturnType<typeof createTianmanApi> {
  let api = apis.get(client);
  if (!api) {
    api = createTianmanApi(client);
    apis.set(client, api);
  }
  return api;
}
