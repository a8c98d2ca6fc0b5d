import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { constantTimeEqual, signTokenRequest, verify } from '@tianman/signer';

// A stand-in for the platform's test environment, on a free port: it authenticates as the
// platform does (OPEN-BODY-SIG over the bytes it received, its own tokens), so a request that
// reaches it changed by one byte is refused; and it answers an accepted order sync with the
// scenario its `fenOrderId` names — clean, or one deliberate drift from the contract. It keeps
// every request as received and every answer as sent, for the tests to compare with what the
// client got.

/** Credentials of the stand-in: not the mock's sandbox ones, so only the stand-in can check them. */
export const STAND_IN_CREDENTIALS = {
  appId: 'standin0c1d2e3f4a5b6c7d8e9f0a1b2',
  appKey: 'stand-in-app-key-4f1c9a7e2b6d8c03',
} as const;

/** What an accepted order sync is answered with, by `fenOrderId`. */
export const SCENARIOS = {
  /** The contract's success answer. */
  CLEAN: { status: 200, json: { respCode: '0000', respDesc: '成功' } },
  /** A required member is gone. */
  MISSING_FIELD: { status: 200, json: { respDesc: '成功' } },
  /** A member the (closed) test schema does not declare. */
  NEW_FIELD: { status: 200, json: { respCode: '0000', respDesc: '成功', settleNo: 'S20250520' } },
  /** A string member comes back as a number. */
  WRONG_TYPE: { status: 200, json: { respCode: '0000', respDesc: 42 } },
  /** A result code the test spec's `x-tianman-known-codes` does not list. */
  UNKNOWN_CODE: { status: 200, json: { respCode: 'ORDER_FROZEN', respDesc: '订单已冻结' } },
  /** A front end's error page, with a status the operation does not define. */
  HTML_502: { status: 502, html: true },
  /** An error page where the spec says the 500 is JSON. */
  HTML_500: { status: 500, html: true },
  /** The clean answer, gzip-compressed (for a caller that accepts it). */
  GZIP: { status: 200, json: { respCode: '0000', respDesc: '成功' }, gzip: true },
} as const;

/** A `fenOrderId` the stand-in knows. */
export type Scenario = keyof typeof SCENARIOS;

/** The error page of the HTML scenarios, as a front end such as nginx serves it. */
export const HTML_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A request as the stand-in received it. */
export interface Received {
  method: string;
  /** The request target, as sent. */
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

/** An answer as the stand-in sent it. */
export interface Sent {
  status: number;
  statusMessage: string;
  /** Name, value, name, value…, as written. */
  rawHeaders: string[];
  body: Buffer;
}

/** A running stand-in. */
export interface StandIn {
  url: string;
  received: Received[];
  sent: Sent[];
  /** Every token it issued. */
  tokens: string[];
  close(): Promise<void>;
}

/** Starts the stand-in on a free loopback port. */
export async function startStandIn(): Promise<StandIn> {
  const received: Received[] = [];
  const sent: Sent[] = [];
  const tokens: string[] = [];

  function send(
    res: ServerResponse,
    status: number,
    statusMessage: string,
    headers: string[],
    body: Buffer,
  ): void {
    const rawHeaders = [
      'Date',
      new Date().toUTCString(),
      'X-Request-Id',
      randomBytes(8).toString('hex'),
      'Set-Cookie',
      'route=a1; Path=/',
      'Set-Cookie',
      'lb=b2; Path=/',
      ...headers,
      'Content-Length',
      String(body.length),
    ];
    sent.push({ status, statusMessage, rawHeaders, body });
    res.sendDate = false;
    res.writeHead(status, statusMessage, rawHeaders);
    res.end(body);
  }

  function json(res: ServerResponse, status: number, value: unknown, extra: string[] = []): void {
    send(
      res,
      status,
      STATUS_CODES[status] ?? '',
      ['Content-Type', 'application/json;charset=UTF-8', ...extra],
      Buffer.from(JSON.stringify(value)),
    );
  }

  function refuse(res: ServerResponse, why: string): void {
    json(res, 412, { errCode: '1000', errInfo: `认证失败 (stand-in: ${why})` }, [
      'X-Stand-In-Refusal',
      why,
    ]);
  }

  async function answer(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/v1/token/access') {
      let request: Record<string, unknown> = {};
      let expected = '';
      try {
        request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        expected = (
          await signTokenRequest({
            ...STAND_IN_CREDENTIALS,
            timestamp: String(request.timestamp),
            nonce: String(request.nonce),
          })
        ).signature;
      } catch {
        // Not a token request it can read: refused below like a bad signature.
      }
      if (
        request.appId !== STAND_IN_CREDENTIALS.appId ||
        expected === '' ||
        !constantTimeEqual(expected, String(request.signature))
      ) {
        refuse(res, 'token-signature');
        return;
      }
      const accessToken = randomBytes(16).toString('hex');
      tokens.push(accessToken);
      json(res, 200, { errCode: '0000', errInfo: '正常', accessToken, expiresIn: 3600 });
      return;
    }
    const authorization = req.headers.authorization ?? '';
    if (authorization.startsWith('OPEN-ACCESS-TOKEN ')) {
      const token = authorization.slice('OPEN-ACCESS-TOKEN AccessToken='.length);
      if (!tokens.includes(token)) {
        refuse(res, 'token');
        return;
      }
    } else {
      const verdict = await verify({ authorization, body, appKey: STAND_IN_CREDENTIALS.appKey });
      if (!verdict.ok) {
        refuse(res, verdict.reason);
        return;
      }
    }
    let fenOrderId: unknown;
    try {
      fenOrderId = (JSON.parse(body.toString('utf8')) as { fenOrderId?: unknown }).fenOrderId;
    } catch {
      json(res, 400, { errCode: '9001', errInfo: '请求报文格式错误' });
      return;
    }
    const scenario =
      typeof fenOrderId === 'string' && Object.hasOwn(SCENARIOS, fenOrderId)
        ? SCENARIOS[fenOrderId as Scenario]
        : SCENARIOS.CLEAN;
    if ('html' in scenario) {
      send(
        res,
        scenario.status,
        scenario.status === 502 ? 'Bad Gateway' : 'Internal Server Error',
        ['Content-Type', 'text/html'],
        Buffer.from(HTML_PAGE),
      );
    } else if ('gzip' in scenario) {
      send(
        res,
        scenario.status,
        'OK',
        ['Content-Type', 'application/json;charset=UTF-8', 'Content-Encoding', 'gzip'],
        gzipSync(JSON.stringify(scenario.json)),
      );
    } else {
      json(res, scenario.status, scenario.json);
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: [...req.rawHeaders],
        body,
      });
      answer(req, res, body).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    sent,
    tokens,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
