/**
 * The Node transport: `node:http`/`node:https` `request()` with a shared keep-alive agent.
 *
 * Why not `fetch` on Node: undici's `fetch` costs ~4× the time of a plain `http.request` per
 * call on loopback (WHATWG streams, Headers, Request/Response objects); see `pnpm bench`.
 * Why not undici's own `request()`: nock and MSW intercept `http.request`/`ClientRequest`, the
 * tools Node users test their code with; undici's dispatcher is invisible to them.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import {
  declaredLength,
  ResponseTooLargeError,
  type Transport,
  type WireRequest,
  type WireResponse,
} from './transport.js';

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /**
   * The agent every request goes through: a proxy agent (e.g. `https-proxy-agent`), an
   * `https.Agent` with a custom `ca`, or with `cert`/`key` for mutual TLS. It must speak the
   * base URL's protocol (an `https.Agent` for `https://`).
   * @default a module-wide keep-alive agent per protocol, shared by every client
   */
  agent?: HttpAgent | HttpsAgent;
}

// One pool per protocol for the whole process, created on first use: clients built per request
// (a common pattern) still share connections, and importing the module opens nothing.
//   keepAlive   — a fresh TCP (and TLS) handshake per call is most of a loopback call's cost.
//   maxSockets  — 256 rather than Infinity: a burst cannot open thousands of sockets to one host.
//   scheduling  — 'lifo' reuses the most recently used socket, so idle ones age out and close on
//                 the server's keep-alive timeout instead of being kept warm round-robin, and a
//                 reused socket is the least likely to have been closed by the server meanwhile.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, scheduling: 'lifo' } as const;
let sharedHttp: HttpAgent | undefined;
let sharedHttps: HttpsAgent | undefined;

function sharedAgent(secure: boolean): HttpAgent {
  if (secure) {
    sharedHttps ??= new HttpsAgent(AGENT_OPTIONS);
    return sharedHttps;
  }
  sharedHttp ??= new HttpAgent(AGENT_OPTIONS);
  return sharedHttp;
}

/**
 * A {@link Transport} over `node:http`/`node:https`. Visible to nock and MSW, which intercept
 * `http.request`. Never follows a redirect; caps the body at `maxResponseBytes` and drops the
 * connection past it; an abort destroys the request and rejects with `signal.reason`.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  const { agent } = options;
  return (request) => send(request, agent);
}

function send(wire: WireRequest, agent: HttpAgent | HttpsAgent | undefined): Promise<WireResponse> {
  const { signal, maxResponseBytes, body } = wire;
  if (signal.aborted) return Promise.reject(signal.reason);

  let target: Target;
  try {
    target = parseTarget(wire.url);
  } catch (error) {
    return Promise.reject(error);
  }
  const { secure } = target;
  const headers: Record<string, string | number> = { ...wire.headers };
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);

  return new Promise<WireResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, response?: WireResponse): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    // Destroying the request destroys its socket: the agent does not get it back, so nothing
    // half-read is ever reused, and the server sees the connection close.
    const drop = (error: unknown): void => {
      finish(error);
      req.destroy();
    };
    const onAbort = (): void => drop(signal.reason);

    let req: ReturnType<typeof httpRequest>;
    try {
      req = (secure ? httpsRequest : httpRequest)({
        ...target.options,
        method: wire.method,
        headers,
        agent: agent ?? sharedAgent(secure),
      });
    } catch (error) {
      // Invalid URL, method or header value (e.g. CR/LF in a token): thrown synchronously.
      return reject(error);
    }
    signal.addEventListener('abort', onAbort);

    // Stays attached after settling: a late error (the socket torn down by `drop`) must land
    // somewhere rather than crash the process as an unhandled 'error' event.
    req.on('error', (error) => finish(error));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const responseHeaders = collectHeaders(res.rawHeaders);
      const declared = declaredLength(responseHeaders);
      if (declared !== undefined && declared > maxResponseBytes) {
        res.on('error', () => {});
        return drop(new ResponseTooLargeError(maxResponseBytes, status, responseHeaders));
      }
      // Buffers kept whole and decoded once at the end: decoding chunk by chunk would split a
      // multi-byte character across chunk boundaries.
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxResponseBytes) {
          drop(new ResponseTooLargeError(maxResponseBytes, status, responseHeaders));
        } else chunks.push(chunk);
      });
      res.on('end', () => {
        const text =
          chunks.length === 1
            ? (chunks[0] as Buffer).toString('utf8')
            : Buffer.concat(chunks, received).toString('utf8');
        finish(undefined, { status, headers: responseHeaders, text });
      });
      // The server went away mid-body: Node reports `aborted` (ECONNRESET) as an 'error' (only
      // when someone listens, which we do; no 'close' listener needed).
      res.on('error', (error) => drop(error));
    });
    if (body === undefined) req.end();
    else req.end(body, 'utf8');
  });
}

/** Where a URL points, as `http.request` options, and whether it is TLS. */
interface Target {
  secure: boolean;
  options: { hostname: string; port: string; path: string; auth?: string };
}

// Parsed URLs by their text. A client calls a handful of URLs again and again; `http.request(url)`
// parses each call and copies every URL field into the options. Caching only the four fields
// `http.request` reads measured ~1-2 µs CPU per call less (of ~30 µs for a loopback call).
// Bounded: cleared whole past 256 entries, so URLs built per call cannot grow it.
const targets = new Map<string, Target>();

function parseTarget(url: string): Target {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`unsupported protocol in URL: ${parsed.protocol}`);
    }
    const { hostname, port, path, auth } = urlToHttpOptions(parsed);
    target = {
      secure: parsed.protocol === 'https:',
      options: { hostname: hostname ?? '', port: String(port ?? ''), path: path ?? '/' },
    };
    // Credentials in the URL (`http://user:pass@host`) become Basic auth, as with a URL string.
    if (auth) target.options.auth = auth;
    if (targets.size >= 256) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/**
 * Headers from `rawHeaders` (name, value, name, value, …): names lower-cased, repeats joined with
 * `', '` — every repeat, unlike `IncomingMessage.headers`, which keeps only the first of some.
 */
function collectHeaders(raw: string[]): Record<string, string> {
  // No prototype: a header named `constructor` or `__proto__` is just a header.
  const headers: Record<string, string> = { __proto__: null } as unknown as Record<string, string>;
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    const seen = headers[name];
    headers[name] = seen === undefined ? value : `${seen}, ${value}`;
  }
  return headers;
}
