import { Agent, type IncomingMessage, request } from 'node:http';
import type { Answer } from './gateway-answers.js';

// Hop-by-hop headers describe one connection; forwarding them would confuse the next hop.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'host',
  'content-length',
]);

/** Sends requests to Prism, byte for byte, and brings its answers back. */
export interface PrismForwarder {
  /**
   * Sends `req`'s method, path, query and end-to-end headers with `body` to Prism; `prefer`
   * replaces the `Prefer` header when given. Rejects when Prism cannot be reached or does not
   * answer in time.
   */
  forward(req: IncomingMessage, body: Buffer, prefer: string | undefined): Promise<Answer>;
  /** Closes the connections kept open to Prism. */
  close(): void;
}

/** A forwarder to the Prism listening at `prismUrl` (loopback). */
export function createPrismForwarder(prismUrl: string, timeoutMs: number): PrismForwarder {
  // Keep-alive to Prism: one loopback connection per concurrent request, reused.
  const agent = new Agent({ keepAlive: true });

  function forward(
    req: IncomingMessage,
    body: Buffer,
    prefer: string | undefined,
  ): Promise<Answer> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = String(body.length);
    if (prefer !== undefined) headers.prefer = prefer;
    // Only the path and query of the request target: an absolute (`http://host/…`) or
    // scheme-relative (`//host/…`) target must not send the request anywhere but Prism.
    const target = new URL(req.url ?? '/', 'http://mock.invalid');
    const upstreamUrl = new URL(prismUrl);
    upstreamUrl.pathname = target.pathname;
    upstreamUrl.search = target.search;
    return new Promise<Answer>((resolve, reject) => {
      const upstream = request(
        upstreamUrl,
        { method: req.method, headers, agent, timeout: timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const out: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'date')
                out[name] = value;
            }
            resolve({
              status: response.statusCode ?? 500,
              headers: out,
              body: Buffer.concat(chunks),
            });
          });
        },
      );
      upstream.on('timeout', () =>
        upstream.destroy(new Error(`Prism did not answer within ${timeoutMs} ms`)),
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  return { forward, close: () => agent.destroy() };
}
