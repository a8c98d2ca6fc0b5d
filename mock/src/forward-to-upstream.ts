import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { endToEndHeaders } from './hop-by-hop.js';

/** What the upstream answered, as received. */
export interface UpstreamAnswer {
  status: number;
  /** The reason phrase as sent (`OK`, or the upstream's own wording). */
  statusMessage: string;
  /** The end-to-end headers as received: names as written, in order, duplicates kept. */
  rawHeaders: string[];
  /** Every header, names in lower case (Node's view), for the drift check. */
  headers: IncomingHttpHeaders;
  /** The body's bytes as received (still compressed when the upstream compressed it). */
  body: Buffer;
}

/** Why no answer came from the upstream. */
export type UpstreamFailure = 'unreachable' | 'timeout' | 'too-large';

/** The upstream could not be reached, stayed silent, or answered more than the mock relays. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    /** Why: no connection or a broken one, silence, or too many bytes. */
    readonly failure: UpstreamFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Sends requests on to the upstream exactly as received and brings its answers back. */
export interface UpstreamForwarder {
  /**
   * Sends `req`'s method, request target (path and query as received) and end-to-end headers,
   * with `body`, to the upstream; resolves with its answer, rejects with an
   * {@link UpstreamError}.
   */
  forward(req: IncomingMessage, body: Buffer): Promise<UpstreamAnswer>;
}

// Replaced rather than forwarded: Host names the upstream, Content-Length the bytes sent (the
// body was read whole, so a chunked or `Expect: 100-continue` request goes on as a plain one).
const REPLACED = new Set(['host', 'content-length', 'expect']);

/**
 * The request target to send: the upstream's base path, then the path and query exactly as
 * received (no re-encoding, no `..` resolution). An absolute-form target
 * (`http://elsewhere/…`) keeps only its path and query, so no request leaves for another host.
 */
export function upstreamPath(target: URL, requestTarget: string): string {
  let base = target.pathname;
  while (base.endsWith('/')) base = base.slice(0, -1);
  if (requestTarget.startsWith('/') && !requestTarget.startsWith('//')) return base + requestTarget;
  const parsed = new URL(requestTarget, 'http://mock.invalid');
  return base + parsed.pathname + parsed.search;
}

/**
 * A forwarder to `target` (`https://…`, or `http://` to a loopback host: see
 * `readProxyTarget`).
 *
 * Every request gets a connection of its own. A kept-alive connection can be closed by the
 * other end just as a request is written on it, and then nobody knows whether the platform
 * received it: a proxy that sent it again could deliver a signed call twice, and one that
 * failed it would make a 502 out of the platform's idle timer.
 */
export function createUpstreamForwarder(
  target: URL,
  options: { timeoutMs: number; maxAnswerBytes: number },
): UpstreamForwarder {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const { timeoutMs, maxAnswerBytes } = options;

  function forward(req: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
    const headers = ['Host', target.host, ...endToEndHeaders(req.rawHeaders, REPLACED)];
    const declaredBody =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    if (declaredBody || body.length > 0) headers.push('Content-Length', String(body.length));
    return new Promise<UpstreamAnswer>((resolve, reject) => {
      const fail = (failure: UpstreamFailure, message: string): void =>
        reject(new UpstreamError(failure, message));
      const upstream = send(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          // Stryker disable next-line StringLiteral: a request a server received always has a url
          path: upstreamPath(target, req.url ?? '/'),
          headers,
          agent: false,
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxAnswerBytes) {
              upstream.destroy();
              fail(
                'too-large',
                `the answer of ${target.origin} is larger than ${maxAnswerBytes} bytes, more than the mock relays`,
              );
            } else chunks.push(chunk);
          });
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              statusMessage: response.statusMessage ?? '',
              rawHeaders: endToEndHeaders(response.rawHeaders, new Set()),
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          // A connection that ends before the answer does: an 'error', or only a 'close'.
          const broken = (): void =>
            fail('unreachable', `the connection to ${target.origin} broke during its answer`);
          response.on('error', broken);
          response.on('close', () => {
            if (!response.complete) broken();
          });
        },
      );
      upstream.on('timeout', () => {
        upstream.destroy();
        fail('timeout', `${target.origin} did not answer within ${timeoutMs} ms`);
      });
      upstream.on('error', (error: NodeJS.ErrnoException) =>
        fail('unreachable', `${target.origin} could not be reached: ${error.message}`),
      );
      upstream.end(body);
    });
  }

  return { forward };
}
