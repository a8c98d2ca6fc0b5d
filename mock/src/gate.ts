import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import {
  type AuthContext,
  type AuthReason,
  checkAuthorization,
  checkTokenRequest,
  type TokenRequestBody,
} from './auth.js';
import {
  ERR_OK,
  ERR_PARAMETER,
  ERR_SYSTEM,
  INFO_BAD_REQUEST,
  INFO_OK,
  MAX_BODY_BYTES,
  TOKEN_PATH,
} from './constants.js';

/** Why the gate itself answered instead of Prism; sent as the `x-mock-reason` header. */
export type GateReason =
  | AuthReason
  | 'content-type'
  | 'encoding'
  | 'malformed-json'
  | 'body-too-large'
  | 'prefer'
  | 'client-closed'
  | 'internal';

/** One line of the mock's request log (what `tianman-mock` prints). */
export interface MockRequestLog {
  /** HTTP method. */
  method: string;
  /** Path and query as received. */
  path: string;
  /**
   * Status answered; {@link CLIENT_CLOSED} (499) when the client hung up before sending the
   * whole body, so nothing was answered.
   */
  status: number;
  /** `errCode` or `respCode` of the answer, when it has one. */
  code?: string;
  /** Set when the gate refused the request itself. */
  reason?: GateReason;
  /** `errInfo` of a refusal: what the caller should fix. */
  info?: string;
  /** Time from the request's arrival to the answer, in milliseconds. */
  durationMs: number;
}

/** What the gate needs besides the auth checks. */
export interface GateOptions {
  auth: AuthContext;
  /** Where Prism listens (loopback). */
  prismUrl: string;
  /** Example name → status code, per path (see `loadSpec`). */
  exampleCodes: Map<string, Map<string, number>>;
  /** Status code → example names, per path: what `Prefer` may choose (see `loadSpec`). */
  responses?: Map<string, Map<number, string[]>>;
  log?: (entry: MockRequestLog) => void;
  /**
   * How long Prism may take to answer before the gate gives up with a 500.
   * @default 10000
   */
  upstreamTimeoutMs?: number;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  reason?: GateReason;
  /** For the log when the body cannot carry it (nothing is sent for a client that left). */
  info?: string;
}

/**
 * nginx's "client closed request": the log's status for a request whose client hung up before
 * sending the whole body. Nothing is answered; it is not the mock failing.
 */
export const CLIENT_CLOSED = 499;

/** The client went away before the body was complete. */
class ClientClosedError extends Error {
  constructor() {
    super('the client closed the connection before sending the whole body');
  }
}

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

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * The gate: the public face of the mock. It reads the raw body bytes, answers what the
 * platform's gateway answers itself (authentication, unreadable bodies, the token endpoint) and
 * hands everything else, byte for byte, to Prism for contract validation and the spec's examples.
 *
 * Prism never sees a body that is not JSON: it hangs on one.
 */
export function createGate(options: GateOptions): {
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  close: () => void;
} {
  // Keep-alive to Prism: one loopback connection per concurrent request, reused.
  const agent = new Agent({ keepAlive: true });
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 10_000;

  async function answer(req: IncomingMessage, body: Buffer): Promise<Answer> {
    const path = new URL(req.url ?? '/', 'http://mock.invalid').pathname;
    if (req.method === 'POST' && path === TOKEN_PATH) {
      const unreadable = checkJson(req, body);
      if (unreadable) return unreadable;
      return issueToken(req, body);
    }
    const auth = await checkAuthorization(req.headers.authorization, body, options.auth);
    if (!auth.ok) return gatewayError(412, auth.errCode, auth.errInfo, auth.reason);
    const unreadable = checkJson(req, body);
    if (unreadable) return unreadable;
    return forward(req, path, body);
  }

  async function issueToken(req: IncomingMessage, body: Buffer): Promise<Answer> {
    // Prism checks the body against AccessTokenRequest (and honours `Prefer`); only a request
    // it would answer with 200 gets a real token instead of the spec's example.
    const validated = await forward(req, TOKEN_PATH, body);
    if (validated.status !== 200) return validated;
    const tokenRequest = JSON.parse(body.toString('utf8')) as TokenRequestBody;
    const auth = await checkTokenRequest(tokenRequest, options.auth);
    if (!auth.ok) return gatewayError(412, auth.errCode, auth.errInfo, auth.reason);
    const token = options.auth.tokens.issue(auth.appId, options.auth.now());
    return json(200, { errCode: ERR_OK, errInfo: INFO_OK, ...token });
  }

  async function forward(req: IncomingMessage, path: string, body: Buffer): Promise<Answer> {
    const refused = checkPrefer(req.headers.prefer, options.responses?.get(path));
    if (refused !== undefined) return gatewayError(400, ERR_PARAMETER, refused, 'prefer');
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = String(body.length);
    const prefer = withExampleCode(headers.prefer, options.exampleCodes.get(path));
    if (prefer !== undefined) headers.prefer = prefer;
    // Only the path and query of the request target: an absolute (`http://host/…`) or
    // scheme-relative (`//host/…`) target must not send the request anywhere but Prism.
    const target = new URL(req.url ?? '/', 'http://mock.invalid');
    const upstreamUrl = new URL(options.prismUrl);
    upstreamUrl.pathname = target.pathname;
    upstreamUrl.search = target.search;
    return new Promise<Answer>((resolve, reject) => {
      const upstream = request(
        upstreamUrl,
        { method: req.method, headers, agent, timeout: upstreamTimeoutMs },
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
        upstream.destroy(new Error(`Prism did not answer within ${upstreamTimeoutMs} ms`)),
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    readBody(req)
      .then((body) =>
        body === undefined
          ? gatewayError(
              400,
              ERR_PARAMETER,
              `${INFO_BAD_REQUEST}: body larger than ${MAX_BODY_BYTES} bytes`,
              'body-too-large',
            )
          : answer(req, body),
      )
      .catch((error: unknown) =>
        error instanceof ClientClosedError
          ? {
              status: CLIENT_CLOSED,
              headers: {},
              body: Buffer.alloc(0),
              reason: 'client-closed' as const,
              info: error.message,
            }
          : gatewayError(
              500,
              ERR_SYSTEM,
              `mock internal error: ${error instanceof Error ? error.message : String(error)}`,
              'internal',
            ),
      )
      .then((result) => {
        if (result.reason) result.headers['x-mock-reason'] = result.reason;
        result.headers['content-length'] = String(result.body.length);
        if (result.status === CLIENT_CLOSED) res.destroy();
        else if (!res.headersSent && !res.destroyed) {
          res.writeHead(result.status, result.headers);
          res.end(result.body);
        }
        try {
          options.log?.(logEntry(req, result, performance.now() - started));
        } catch {
          // The caller's logger: a broken one must not take the mock down with it.
        }
      })
      // Nothing is left to answer with: drop the connection rather than leave it hanging or let
      // an unhandled rejection end the process.
      .catch(() => res.destroy());
  }

  return { handle, close: () => agent.destroy() };
}

/**
 * Reads the whole body as received: the signature covers these exact bytes. `undefined` when it
 * is larger than {@link MAX_BODY_BYTES}.
 */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      // Keep draining so the client sees the 400 instead of a reset connection.
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    // An aborted upload surfaces as 'error' ("aborted") or only as 'close' without 'end'; either
    // way the client left, which is no failure of the mock.
    req.on('error', () => reject(new ClientClosedError()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientClosedError());
    });
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The gateway's own check that the body can be read at all (the spec's 400). An empty body goes
 * on to Prism, which answers the contract's "body required" with the 422 example.
 */
function checkJson(req: IncomingMessage, body: Buffer): Answer | undefined {
  if (body.length === 0) return undefined;
  const contentType = req.headers['content-type'] ?? '';
  const [mediaType = '', ...params] = contentType.split(';').map((part) => part.trim());
  // The whole value after `charset=`, one pair of quotes removed: a value that does not parse
  // (`"latin1"x`) is then not UTF-8, rather than no charset at all.
  const charset = params
    .map((param) => /^charset\s*=\s*(.*)$/i.exec(param)?.[1]?.replace(/^"(.*)"$/, '$1'))
    .find((value) => value !== undefined);
  if (!JSON_MEDIA_TYPE.test(mediaType) || (charset && !/^utf-?8$/i.test(charset))) {
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST}: Content-Type must be application/json (UTF-8); got ${JSON.stringify(contentType)}`,
      'content-type',
    );
  }
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    // TextDecoder would drop it silently and JSON.parse accept the rest, but Prism never answers
    // such a body; JSON text must not start with one (RFC 8259 §8.1).
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST}: body starts with a UTF-8 byte order mark (EF BB BF); send the JSON without it`,
      'encoding',
    );
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST}: body is not valid UTF-8`,
      'encoding',
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    return gatewayError(
      400,
      ERR_PARAMETER,
      `${INFO_BAD_REQUEST} (request body is not valid JSON: ${(error as Error).message})`,
      'malformed-json',
    );
  }
  return undefined;
}

/**
 * Adds `code=<status>` to a `Prefer` header that names an example but no code, so
 * `Prefer: example=transient` selects the 412 example it belongs to (Prism alone answers 404).
 */
export function withExampleCode(
  prefer: string | string[] | undefined,
  examples: Map<string, number> | undefined,
): string | undefined {
  if (prefer === undefined || examples === undefined) return undefined;
  const value = Array.isArray(prefer) ? prefer.join(', ') : prefer;
  const pairs = parsePrefer(value);
  const example = pairs.get('example');
  if (example === undefined || pairs.has('code')) return value;
  const code = examples.get(example);
  return code === undefined ? value : `${value}, code=${code}`;
}

function parsePrefer(value: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of value.split(/[,;]/)) {
    const [name = '', raw = ''] = part.split('=', 2).map((s) => s.trim());
    if (name) pairs.set(name.toLowerCase(), raw.replace(/^"|"$/g, ''));
  }
  return pairs;
}

/**
 * Why a `Prefer` header cannot be answered from the spec, naming the choices; `undefined` when
 * it can. Prism answers an unknown code or example with its own 404 and a code paired with
 * another code's example with a 500, which reads as the mock failing.
 */
export function checkPrefer(
  prefer: string | string[] | undefined,
  responses: Map<number, string[]> | undefined,
): string | undefined {
  if (prefer === undefined || responses === undefined) return undefined;
  const pairs = parsePrefer(Array.isArray(prefer) ? prefer.join(', ') : prefer);
  const codes = [...responses.keys()].sort((a, b) => a - b);
  const code = pairs.get('code');
  // A header value cannot hold a line break; the cut keeps a log line short.
  const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (code !== undefined && !(/^\d+$/.test(code) && responses.has(Number(code)))) {
    return `Prefer code=${shown(code)} is not a status this operation answers with; choose one of ${codes.join(', ')}`;
  }
  const example = pairs.get('example');
  if (example === undefined) return undefined;
  const owners = codes.filter((c) => responses.get(c)?.includes(example));
  if (owners.length === 0) {
    const choices = codes
      .map((c) => `${c}: ${(responses.get(c) ?? []).join(', ') || '(none)'}`)
      .join('; ');
    return `Prefer example=${shown(example)} is not an example of this operation; choose one of ${choices}`;
  }
  if (code !== undefined && !owners.includes(Number(code))) {
    const examplesOfCode = responses.get(Number(code)) ?? [];
    return `Prefer example=${example} belongs to code=${owners.join(' or code=')}; code=${code} has ${examplesOfCode.length > 0 ? `examples ${examplesOfCode.join(', ')}` : 'no named examples'}`;
  }
  return undefined;
}

function json(status: number, value: unknown, reason?: GateReason): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
    ...(reason ? { reason } : {}),
  };
}

function gatewayError(
  status: number,
  errCode: string,
  errInfo: string,
  reason: GateReason,
): Answer {
  return json(status, { errCode, errInfo }, reason);
}

function logEntry(req: IncomingMessage, result: Answer, durationMs: number): MockRequestLog {
  const entry: MockRequestLog = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    status: result.status,
    durationMs: Math.round(durationMs * 10) / 10,
  };
  try {
    const parsed = JSON.parse(result.body.toString('utf8')) as Record<string, unknown>;
    const code = parsed.errCode ?? parsed.respCode;
    if (typeof code === 'string') entry.code = code;
    if (result.reason && typeof parsed.errInfo === 'string') entry.info = parsed.errInfo;
  } catch {
    // Prism's problem+json and empty bodies have no code; the status says enough.
  }
  if (result.info !== undefined) entry.info = result.info;
  if (result.reason) entry.reason = result.reason;
  return entry;
}
