import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@tianman/signer';

/** A loopback server that answers like the endpoint, accepting only correctly signed requests. */
export interface VerifyingServer {
  url: string;
  /** The verdict on every request received, in order. */
  verdicts: boolean[];
  close(): Promise<void>;
}

/** Starts a {@link VerifyingServer} on an ephemeral port, checking with `appKey`. */
export async function startVerifyingServer(appKey: string): Promise<VerifyingServer> {
  const verdicts: boolean[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const result = await verify({
        authorization: req.headers.authorization ?? '',
        body: new Uint8Array(Buffer.concat(chunks)),
        appKey,
      });
      verdicts.push(result.ok);
      res.writeHead(result.ok ? 200 : 412, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          result.ok
            ? { respCode: '0000', respDesc: '成功' }
            : { errCode: '1000', errInfo: '认证失败' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    verdicts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
