import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type * as PrismHttp from '@stoplight/prism-http';
import { createInstance } from '@stoplight/prism-http';
import { type AnswerBody, readAnswerBody } from './answer-body.js';
import {
  ERR_PARAMETER,
  ERR_SYSTEM,
  INFO_BAD_REQUEST,
  MAX_BODY_BYTES,
  MAX_UPSTREAM_ANSWER_BYTES,
  PROXY_TIMEOUT_MS,
} from './constants.js';
import type { DriftEntry } from './drift-entry.js';
import type { DriftReport } from './drift-report.js';
import { findDrift, type PrismDiagnostic } from './find-drift.js';
import {
  createUpstreamForwarder,
  type UpstreamAnswer,
  UpstreamError,
} from './forward-to-upstream.js';
import { type Answer, gatewayError } from './gateway-answers.js';
import type { KnownCodes } from './known-codes.js';
import { createPrismLogger, type PrismOperation } from './prism.js';
import { ClientClosedError, readBody } from './read-body.js';
import { CLIENT_CLOSED, type MockRequestLog, requestLogEntry } from './request-log.js';

/** What the proxy needs: the spec, the upstream, and where drift goes. */
export interface ProxyOptions {
  /** The spec's operations, loaded by `loadSpec` (their schemas made validatable). */
  operations: PrismOperation[];
  /** `x-tianman-known-codes` of the spec's responses (`loadKnownCodes`). */
  knownCodes: KnownCodes;
  /** The upstream's base URL (`readProxyTarget`). */
  target: URL;
  report: DriftReport;
  log?: (entry: MockRequestLog) => void;
  /** @default PROXY_TIMEOUT_MS (30 s) */
  upstreamTimeoutMs?: number;
}

/** An answer to relay: the upstream's, with what it sent besides status, headers and body. */
interface ProxiedAnswer extends Answer {
  /** The upstream's reason phrase. */
  statusMessage?: string;
  /** The upstream's end-to-end headers as received; absent for the mock's own answers. */
  rawHeaders?: string[];
}

/** One request on its way through Prism's proxy pipeline to the upstream and back. */
interface Exchange {
  req: IncomingMessage;
  body: Buffer;
  /** The operation Prism's router matched, as it hands it to `forward`. */
  operation?: PrismOperation;
  answer?: UpstreamAnswer;
  read?: AnswerBody;
  mediaType?: string;
  receivedAt?: Date;
}

/**
 * The mock in proxy mode: every request goes, as received, to the upstream (the platform's test
 * environment, or any base URL), and its answer comes back untouched — status, reason phrase,
 * headers and bytes — after Prism has checked it against the spec. Each disagreement is written
 * to the drift report, then named in the request's log entry. The mock verifies no signature and
 * issues no token: it does not know the appKey; the upstream does both.
 *
 * Built on Prism's proxy mode (`isProxy`: route, forward, then validate the output), with this
 * module's forwarder as Prism's `forward` component. Prism's own forwarder cannot be used as it
 * is: it parses the request's JSON and sends it re-serialized (other bytes: the body signature
 * breaks), re-encodes the query, adds `accept`, `accept-encoding` and `user-agent`, parses the
 * answer and serializes it again (and decompresses it, dropping `Content-Encoding`), replaces an
 * upstream's 501 with a mocked answer, and with `errors` on refuses an invalid request instead of
 * forwarding it. Its `sl-violations` header would alter the answer too: the drift report says
 * the same, outside the answer.
 */
export function createProxy(options: ProxyOptions): {
  handle: (req: IncomingMessage, res: ServerResponse) => void;
} {
  const forwarder = createUpstreamForwarder(options.target, {
    timeoutMs: options.upstreamTimeoutMs ?? PROXY_TIMEOUT_MS,
    maxAnswerBytes: MAX_UPSTREAM_ANSWER_BYTES,
  });
  // Prism hands `forward` the request object it was given: the raw request rides along with it.
  const exchanges = new WeakMap<PrismHttp.IHttpRequest, Exchange>();

  const forward: PrismHttp.PrismHttpComponents['forward'] =
    ({ data }, _baseUrl, _upstreamProxy, operation) =>
    () =>
    async () => {
      const exchange = exchanges.get(data);
      if (exchange === undefined) {
        return {
          _tag: 'Left',
          left: new Error('a request reached the upstream without its bytes'),
        };
      }
      if (operation) exchange.operation = operation;
      try {
        const answer = await forwarder.forward(exchange.req, exchange.body);
        exchange.answer = answer;
        exchange.receivedAt = new Date();
        exchange.read = readAnswerBody(answer.body, header(answer.headers, 'content-encoding'));
        exchange.mediaType = mediaTypeOf(header(answer.headers, 'content-type'));
        return { _tag: 'Right', right: prismView(answer, exchange.read, exchange.mediaType) };
      } catch (error) {
        return { _tag: 'Left', left: error as Error };
      }
    };

  const prism = createInstance(
    {
      isProxy: true,
      upstream: options.target,
      upstreamProxy: undefined,
      // The upstream checks the request (signature, token, body): the mock only relays it.
      checkSecurity: false,
      validateRequest: false,
      validateResponse: true,
      // With `errors` off Prism forwards every request, one that matches no operation too.
      errors: false,
      mock: { dynamic: false },
    },
    { logger: createPrismLogger('silent'), forward },
  );

  async function answer(req: IncomingMessage, body: Buffer): Promise<ProxiedAnswer> {
    // Stryker disable next-line StringLiteral: a request a server received always has a url
    const path = new URL(req.url ?? '/', 'http://mock.invalid').pathname;
    // Stryker disable next-line StringLiteral: a request a server received always has a method
    const method = req.method ?? 'GET';
    // Only what routing reads: no header or body of the request goes into Prism's structures.
    const input: PrismHttp.IHttpRequest = {
      method: method.toLowerCase() as PrismHttp.IHttpRequest['method'],
      url: { path, query: {} },
      headers: {},
    };
    const exchange: Exchange = { req, body };
    exchanges.set(input, exchange);
    let checked: { upstream: UpstreamAnswer; drift: DriftEntry[] };
    try {
      const verdict = await prism.request(input, options.operations)();
      if (verdict._tag === 'Left') return failure(verdict.left);
      checked = driftOf(exchange, method, path, verdict.right.validations.output);
    } catch (error) {
      // The check failed, not the upstream: its answer, if there is one, still goes back as is.
      if (exchange.answer === undefined) throw error;
      return {
        ...relay(exchange.answer),
        info: `drift not checked: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const { upstream, drift } = checked;
    const relayed = relay(upstream);
    if (drift.length > 0) {
      relayed.drift = drift;
      try {
        // Before the answer goes out: a caller holding the answer finds its drift in the file.
        await options.report.record(drift);
      } catch (error) {
        relayed.info = `drift report not written: ${(error as Error).message}`;
      }
    }
    return relayed;
  }

  /** The answer an exchange brought back and its drift, from Prism's diagnostics. */
  function driftOf(
    exchange: Exchange,
    method: string,
    path: string,
    diagnostics: readonly PrismDiagnostic[],
  ): { upstream: UpstreamAnswer; drift: DriftEntry[] } {
    const { answer: upstream, read } = exchange;
    // Prism validated an answer, so `forward` stored it: this only narrows the types.
    if (upstream === undefined || read === undefined) {
      throw new Error('Prism validated an answer the upstream did not give');
    }
    const drift = findDrift({
      operation: exchange.operation,
      method,
      path,
      status: upstream.status,
      mediaType: exchange.mediaType,
      body: read,
      diagnostics,
      knownCodes: options.knownCodes,
      time: exchange.receivedAt ?? new Date(),
    });
    return { upstream, drift };
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    readBody(req)
      .then((body): Promise<ProxiedAnswer> | ProxiedAnswer =>
        body === undefined
          ? gatewayError(
              400,
              ERR_PARAMETER,
              `${INFO_BAD_REQUEST}: body larger than ${MAX_BODY_BYTES} bytes`,
              'body-too-large',
            )
          : answer(req, body),
      )
      .catch(
        (error: unknown): ProxiedAnswer =>
          error instanceof ClientClosedError
            ? {
                status: CLIENT_CLOSED,
                headers: {},
                body: Buffer.alloc(0),
                reason: 'client-closed',
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
        if (result.status === CLIENT_CLOSED) res.destroy();
        else if (!res.headersSent && !res.destroyed) write(req, res, result);
        try {
          options.log?.(requestLogEntry(req, result, performance.now() - started));
        } catch {
          // The caller's logger: a broken one must not take the mock down with it.
        }
      })
      .catch(() => res.destroy());
  }

  return { handle };
}

/** The upstream's answer as received, or the mock's own (with `x-mock-reason`). */
function write(req: IncomingMessage, res: ServerResponse, result: ProxiedAnswer): void {
  if (result.rawHeaders === undefined) {
    if (result.reason) result.headers['x-mock-reason'] = result.reason;
    result.headers['content-length'] = String(result.body.length);
    res.writeHead(result.status, result.headers);
    res.end(result.body);
    return;
  }
  // The upstream's Date, not the mock's: a client corrects its clock from it.
  res.sendDate = false;
  const headers = [...result.rawHeaders];
  const hasLength = headers.some(
    (name, i) => i % 2 === 0 && name.toLowerCase() === 'content-length',
  );
  // A chunked answer arrives without a length; it leaves with one (framing is per connection).
  if (!hasLength && req.method !== 'HEAD' && result.status !== 204 && result.status !== 304) {
    headers.push('Content-Length', String(result.body.length));
  }
  res.writeHead(result.status, result.statusMessage, headers);
  res.end(result.body);
}

/** The upstream's answer, to relay as it came. */
function relay(upstream: UpstreamAnswer): ProxiedAnswer {
  return {
    status: upstream.status,
    statusMessage: upstream.statusMessage,
    headers: {},
    rawHeaders: upstream.rawHeaders,
    body: upstream.body,
  };
}

/** The mock's own answer when the upstream gave none: 504 for silence, 502 otherwise. */
function failure(error: Error): ProxiedAnswer {
  if (error instanceof UpstreamError) {
    return error.failure === 'timeout'
      ? gatewayError(504, ERR_SYSTEM, `tianman-mock: ${error.message}`, 'upstream-timeout')
      : gatewayError(
          502,
          ERR_SYSTEM,
          `tianman-mock: ${error.message}`,
          error.failure === 'too-large' ? 'upstream-too-large' : 'upstream-unreachable',
        );
  }
  return gatewayError(500, ERR_SYSTEM, `mock internal error: ${error.message}`, 'internal');
}

/**
 * The answer as Prism's validator reads it: the body parsed (or the text), headers by lower-case
 * name with repeated ones joined. The `content-type` goes in as its media type alone: Prism's
 * parser throws on a malformed parameter, and the contract's media types carry none.
 */
function prismView(
  answer: UpstreamAnswer,
  read: AnswerBody,
  mediaType: string | undefined,
): PrismHttp.IHttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && name !== 'content-type') {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  if (mediaType !== undefined && mediaType !== UNREADABLE_MEDIA_TYPE) {
    headers['content-type'] = mediaType;
  }
  return {
    statusCode: answer.status,
    headers,
    body: read.kind === 'json' ? read.value : read.kind === 'text' ? read.text : undefined,
  };
}

const UNREADABLE_MEDIA_TYPE = 'an unreadable content-type';

/** A token of RFC 9110 (type and subtype of a media type are tokens). */
const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;

/**
 * The media type of a `Content-Type` (`text/html` of `text/html; charset=utf-8`), lower case;
 * {@link UNREADABLE_MEDIA_TYPE} when it is not `type/subtype`. Parameters never reach the
 * report: a header value is the upstream's to fill.
 */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const slash = essence.indexOf('/');
  const type = essence.slice(0, slash);
  const subtype = essence.slice(slash + 1);
  return slash > 0 && TOKEN.test(type) && TOKEN.test(subtype) ? essence : UNREADABLE_MEDIA_TYPE;
}

/** One header's value; repeated ones joined. */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
