import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN_PATH = '/v1/token/access';

/** A token request as the platform stand-in saw it: the base path before TOKEN_PATH, the appId. */
export interface TokenRequest {
  base: string;
  appId: string;
}

/** How the stand-in answers a token request: the JSON body (status 200), after `hold`, if any. */
export type TokenAnswer = (request: TokenRequest, n: number) => unknown;

/** A platform stand-in on an ephemeral loopback port: token requests and order syncs. */
export interface Platform {
  url: string;
  tokenRequests: TokenRequest[];
  /** `<base> <token>` of every order sync, in arrival order. */
  syncs: string[];
  /** Token answers wait for this while it is set. */
  hold: Promise<void> | undefined;
  close(): Promise<void>;
}

/**
 * Serves token requests at any `<base>/v1/token/access` with `answer` (default: a token named
 * after the request, an hour long) and accepts every order sync.
 */
export async function startPlatform(
  answer: TokenAnswer = (r, n) => ({
    errCode: '0000',
    accessToken: `token-${n}-${r.appId.replace(/[^\w-]/g, '_')}`,
    expiresIn: 3600,
  }),
): Promise<Platform> {
  const platform: Platform = {
    url: '',
    tokenRequests: [],
    syncs: [],
    hold: undefined,
    close: async () => {},
  };
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    res.sendDate = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = req.url ?? '';
      if (url.endsWith(TOKEN_PATH)) {
        const request = {
          base: url.slice(0, -TOKEN_PATH.length),
          appId: String(JSON.parse(Buffer.concat(chunks).toString()).appId),
        };
        platform.tokenRequests.push(request);
        const n = platform.tokenRequests.length;
        await platform.hold;
        return json(res, answer(request, n));
      }
      const token = String(req.headers.authorization).replace('OPEN-ACCESS-TOKEN AccessToken=', '');
      platform.syncs.push(`${url.slice(0, url.indexOf('/v1/'))} ${token}`);
      json(res, { respCode: '0000', respDesc: '成功' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  platform.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  platform.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return platform;
}

/** A body the contract accepts, paid a minute ago. */
export function orderBody(formatPaidTime: (ms: number) => string) {
  return {
    fenOrderId: 'ORDER20261125001',
    mid: '898310148160568',
    serviceId: '500001000000000000000000000001',
    type: 'Order_Paid' as const,
    detail: { paidTime: formatPaidTime(Date.now() - 60_000) },
  };
}
