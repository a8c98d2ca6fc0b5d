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
  // Stryker disable next-line StringLiteral: module-level, evaluated before Stryker activates a mutant in the worker; gate-upstream.test.ts ('the end-to-end headers only') fails when the caller's Host is forwarded
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

/**
 * Whether a request failed because the kept-alive connection it was given was closed by the
 * other end as it was reused: a reset or a broken pipe before any answer.
 */
function isStaleConnection(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNRESET' || error.code === 'EPIPE';
}

/** A forwarder to the Prism listening at `prismUrl` (loopback). */
export function createPrismForwarder(prismUrl: string, timeoutMs: number): PrismForwarder {
  // Keep-alive to Prism: one loopback connection per concurrent request, reused. Prism (Node's
  // HTTP server) closes a connection idle for 5 s and says so (`Keep-Alive: timeout=5`); Node's
  // agent honours that hint, closing its idle sockets a second earlier, only when it has a
  // `timeout` of its own — without one its idle sockets never expire and sooner or later one is
  // reused just as Prism closes it.
  const agent = new Agent({ keepAlive: true, timeout: timeoutMs });

  function forward(
    req: IncomingMessage,
    body: Buffer,
    prefer: string | undefined,
  ): Promise<Answer> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      // Stryker disable next-line ConditionalExpression: IncomingMessage header values are never undefined; the check only narrows the type
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = String(body.length);
    if (prefer !== undefined) headers.prefer = prefer;
    // Only the path and query of the request target: an absolute (`http://host/…`) or
    // scheme-relative (`//host/…`) target must not send the request anywhere but Prism.
    // Stryker disable next-line StringLiteral: a request a server received always has a url
    const requestTarget = req.url ?? '/';
    const target = new URL(requestTarget, 'http://mock.invalid');
    const upstreamUrl = new URL(prismUrl);
    upstreamUrl.pathname = target.pathname;
    upstreamUrl.search = target.search;
    return send(upstreamUrl, { method: req.method, headers }, body, agent);
  }

  /**
   * One request to Prism. A kept-alive connection can still close under the request (the agent's
   * idle timer and Prism's race, and on a loaded machine either can run late): when a reused
   * connection fails before any answer, the request is sent once more on a fresh connection.
   * That is safe because Prism keeps no state — the same request answered twice changes nothing
   * — and the gate's own checks (the nonce among them) ran once, before forwarding.
   */
  function send(
    upstreamUrl: URL,
    options: { method: string | undefined; headers: Record<string, string | string[]> },
    body: Buffer,
    via: Agent | false,
  ): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      let answered = false;
      const upstream = request(
        upstreamUrl,
        { ...options, agent: via, timeout: timeoutMs },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          // Stryker disable next-line StringLiteral: an error on a response after its headers also reaches the request's 'error' or 'close'; no test can cause one deterministically
          response.on('error', reject);
          response.on('end', () => {
            const out: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              // Stryker disable next-line ConditionalExpression: IncomingMessage header values are never undefined; the check only narrows the type
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
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (upstream.reusedSocket && !answered && isStaleConnection(error)) {
          resolve(send(upstreamUrl, options, body, false));
        } else {
          reject(error);
        }
      });
      upstream.end(body);
    });
  }

  return { forward, close: () => agent.destroy() };
}
