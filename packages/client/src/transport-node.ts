/**
 * The Node transport: `node:http`/`node:https` `request()` with a shared keep-alive agent.
 *
 * Why not `fetch` on Node: undici's `fetch` costs ~4× the time of a plain `http.request` per
 * call on loopback (WHATWG streams, Headers, Request/Response objects); see `pnpm bench`.
 * Why not undici's own `request()`: nock and MSW intercept `http.request`/`ClientRequest`, the
 * tools Node users test their code with; undici's dispatcher is invisible to them.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import type { Socket } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import {
  collectHeaders,
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
  agent?: HttpAgent | Https.Agent;
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
let sharedHttps: Https.Agent | undefined;

// node:https brings node:tls with it (about 10 ms of a cold start): it is loaded by the first
// https:// request, so a process that only calls http:// URLs (the mock, a local gateway) never
// pays for it.
let https: typeof Https | undefined;

function sharedAgent(secure: boolean): HttpAgent {
  if (secure) {
    sharedHttps ??= new (https as typeof Https).Agent(AGENT_OPTIONS);
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

// A kept-alive socket is not reused once the server may be about to close it: a request written
// into a socket the server closes is lost in an unknown state (read or not), which for a POST
// means an error the caller must resolve by querying. So a free socket is reused only until
// 1 s before the idle timeout the server announced (`Keep-Alive: timeout=N`; Node's agent frees
// it at N s, too late for the race), or for 4 s when the server announced none (Node's own
// server closes idle sockets after 5 s). A stale socket is found before any byte is written:
// it is dropped and the request goes on another socket, as undici does with its
// keepAliveTimeoutThreshold.
const KEEP_ALIVE_MARGIN_MS = 1_000;
const UNANNOUNCED_IDLE_MS = 4_000;
// When each socket stops being reusable: set as an answer on it ends.
const reusableUntil = new WeakMap<Socket, number>();
// Stale sockets a request may meet in a row before it takes whatever the agent gives it: each
// one is dropped from the pool, so the pool runs out of them first.
const MAX_STALE = 32;
// What a request made on a stale socket rejects with: it sent nothing and goes again.
const STALE: unique symbol = Symbol('stale socket');

async function send(
  wire: WireRequest,
  agent: HttpAgent | Https.Agent | undefined,
): Promise<WireResponse> {
  // Stryker disable next-line ConditionalExpression: loading it for an http:// URL too changes only what the cold-import test sees
  if (https === undefined && /^https:/i.test(wire.url)) https = await import('node:https');
  for (let stale = 0; ; stale++) {
    try {
      return await exchange(wire, agent, stale < MAX_STALE);
    } catch (error) {
      if (error !== STALE) throw error;
    }
  }
}

/** Whether a free socket must not carry another request (see {@link KEEP_ALIVE_MARGIN_MS}). */
function isStale(socket: Socket): boolean {
  if (socket.destroyed || socket.readableEnded || socket.writableEnded) return true;
  const until = reusableUntil.get(socket);
  return until !== undefined && performance.now() >= until;
}

/** How long a socket may idle after an answer with these headers, by its `keep-alive` hint. */
function idleLimit(headers: Record<string, string>): number {
  const hint = /(?:^|[\s,;])timeout=(\d{1,9})(?:$|[\s,;])/i.exec(headers['keep-alive'] ?? '')?.[1];
  return hint === undefined ? UNANNOUNCED_IDLE_MS : Number(hint) * 1000 - KEEP_ALIVE_MARGIN_MS;
}

function exchange(
  wire: WireRequest,
  agent: HttpAgent | Https.Agent | undefined,
  checkStale: boolean,
): Promise<WireResponse> {
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
  // Stryker disable next-line ConditionalExpression: req.end(body) on a request whose headers are not out yet makes Node set the same content-length (transport-node-edges checks the header and no chunking)
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);

  return new Promise<WireResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, response?: WireResponse): void => {
      // Stryker disable next-line ConditionalExpression: resolving or rejecting a settled promise again, and removing a listener twice, do nothing
      if (settled) return;
      // Stryker disable next-line BooleanLiteral: resolving or rejecting a settled promise again, and removing a listener twice, do nothing
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
      req = (secure ? (https as typeof Https).request : httpRequest)({
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

    // The phase: a request is written when its socket is connected (Node flushes it then; TLS
    // holds it until the handshake is done). A reused socket is checked first, before Node
    // flushes the request into it right after this event.
    const written = (): void => {
      if (wire.progress) wire.progress.written = true;
    };
    req.on('socket', (socket: Socket) => {
      if (req.reusedSocket && checkStale && isStale(socket)) {
        socket.destroy();
        return drop(STALE);
      }
      if (!socket.connecting) return written();
      socket.once(secure ? 'secureConnect' : 'connect', written);
    });
    // Stays attached after settling: a late error (the socket torn down by `drop`) must land
    // somewhere rather than crash the process as an unhandled 'error' event.
    req.on('error', (error) => finish(error));
    // Whatever else ends the request without an answer (a socket closed with no error) must
    // not leave the call waiting for its timeout. With an answer under way, its own end decides
    // (an interceptor such as nock may close the request before the answer is read).
    let answering: IncomingMessage | undefined;
    const closed = (): void => {
      // Every request closes, most of them answered: no error is made for those.
      if (settled) return;
      finish(
        Object.assign(new Error('the connection closed before an answer'), { code: 'ECONNRESET' }),
      );
    };
    req.on('close', () => {
      if (settled) return;
      if (answering) answering.once('close', closed);
      else closed();
    });
    // An answer of 101 Switching Protocols to a request that asked for no upgrade: the socket now
    // speaks something else. Node hands it over only to an 'upgrade' listener (and otherwise
    // destroys it without an error); it is dropped at once.
    req.on('upgrade', (_res: IncomingMessage, socket: Socket) => {
      socket.destroy();
      finish(
        Object.assign(new Error('unsolicited 101 Switching Protocols'), {
          code: 'ERR_UNEXPECTED_UPGRADE',
        }),
      );
    });
    req.on('response', (res: IncomingMessage) => {
      answering = res;
      const status = res.statusCode ?? 0;
      // rawHeaders, not `res.headers`: that one keeps only the first of some repeated headers.
      const responseHeaders = collectHeaders(rawPairs(res.rawHeaders));
      const declared = declaredLength(responseHeaders);
      // Stryker disable next-line ConditionalExpression: undefined > maxResponseBytes is false
      if (declared !== undefined && declared > maxResponseBytes) {
        // Stryker disable next-line StringLiteral: Node 20 emits error on a dropped response only to a listener; kept for runtimes that emit it anyway
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
        const { socket } = req;
        if (socket) reusableUntil.set(socket, performance.now() + idleLimit(responseHeaders));
        const text =
          // Stryker disable next-line ConditionalExpression: Buffer.concat of one chunk decodes to the same text; the branch only saves a copy
          chunks.length === 1
            ? (chunks[0] as Buffer).toString('utf8')
            : Buffer.concat(chunks, received).toString('utf8');
        finish(undefined, { status, headers: responseHeaders, text });
      });
      // The server went away mid-body: Node reports `aborted` (ECONNRESET) as an 'error' (only
      // when someone listens, which we do; no 'close' listener needed).
      res.on('error', (error) => drop(error));
    });
    // Stryker disable next-line ConditionalExpression: req.end(undefined, 'utf8') sends nothing, like req.end()
    if (body === undefined) req.end();
    // Stryker disable next-line StringLiteral: an empty encoding falls back to Node's default, utf8
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
  // Stryker disable next-line ConditionalExpression: the parsed-URL cache only saves work: parsing again gives the same target
  if (target === undefined) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`unsupported protocol in URL: ${parsed.protocol}`);
    }
    const { hostname, port, path, auth } = urlToHttpOptions(parsed);
    target = {
      secure: parsed.protocol === 'https:',
      // Stryker disable next-line StringLiteral: urlToHttpOptions always gives an http(s) URL a hostname and a path (at least /)
      options: { hostname: hostname ?? '', port: String(port ?? ''), path: path ?? '/' },
    };
    // Credentials in the URL (`http://user:pass@host`) become Basic auth, as with a URL string.
    // Stryker disable next-line ConditionalExpression: auth: undefined in the request options adds no header
    if (auth) target.options.auth = auth;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only the memory bound of the cache moves: a target parsed again is the same
    if (targets.size >= 256) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/** The `[name, value]` pairs of Node's `rawHeaders` (name, value, name, value, …). */
function rawPairs(raw: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
  return pairs;
}
