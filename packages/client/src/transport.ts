/**
 * The wire, as the request pipeline sees it: one HTTP exchange in, one answer (body read whole,
 * as text) out. Two implementations: `transport-node.ts` over `node:http`/`node:https` with a
 * keep-alive agent, and `transport-fetch.ts` over `fetch` for every other runtime. The package's
 * `#transport` import picks one by export condition.
 *
 * What every transport promises, so the pipeline can rely on it:
 * - it never follows a redirect: a 3xx comes back as a response (a signed POST must not be
 *   replayed elsewhere, nor turned into a GET that still carries `Authorization`);
 * - it never reads more than `maxResponseBytes` of a body: past the cap the connection is dropped,
 *   not drained, and the call rejects with {@link ResponseTooLargeError};
 * - an abort rejects with `signal.reason`; a network failure rejects with the underlying error
 *   (its `code`, e.g. `ECONNRESET`, intact);
 * - it leaves nothing behind (listeners, timers) once the promise settles;
 * - it says, through `progress`, whether any byte of the request may have left: a failure before
 *   that (connection refused, DNS, TLS, a kept-alive socket found stale before writing) sent
 *   nothing and is safe to retry; after it, the server may have read the request, and only an
 *   idempotent operation may be sent again.
 */

/** One HTTP exchange as the pipeline asks for it. */
export interface WireRequest {
  /** `'POST'`, `'GET'`, … */
  method: string;
  /** Absolute URL. */
  url: string;
  /** Lower-case names: `content-type`, `authorization`, … */
  headers: Record<string, string>;
  /** The exact bytes to send, as UTF-8 text; `undefined` for no body. */
  body: string | undefined;
  /** Aborts the attempt (a timeout or the caller); the transport then rejects with `signal.reason`. */
  signal: AbortSignal;
  /** The most body bytes read; past it the transport drops the connection and throws {@link ResponseTooLargeError}. */
  maxResponseBytes: number;
  /** Where the exchange got to; the transport updates it. */
  progress?: WireProgress;
}

/** How far one exchange got, as its transport reports it. */
export interface WireProgress {
  /**
   * Some byte of the request may have left for the server: the socket it was written to was
   * connected (or, for `fetch`, the request was handed over and did not fail to connect). Set
   * by the transport, never unset once a byte may have left.
   */
  written: boolean;
}

/** The answer, its body read whole as text. */
export interface WireResponse {
  status: number;
  /** Lower-case names; a header sent several times is joined with `', '`. */
  headers: Record<string, string>;
  /** The body decoded as UTF-8 (a character split across chunks is decoded whole). */
  text: string;
}

/** Sends one request; see the module's TSDoc for what every transport promises. */
export type Transport = (request: WireRequest) => Promise<WireResponse>;

// The pipeline and the transport may come from different copies of this module (the `#transport`
// chunk, a dual ESM/CJS install): the guard checks a registered symbol, not `instanceof`.
// Stryker disable next-line StringLiteral: every copy of the package registers the same key whatever it is; only a foreign Symbol.for key could collide
const TOO_LARGE = Symbol.for('tianman.response-too-large');

/**
 * Thrown by a transport when a body exceeds `maxResponseBytes` (announced by `content-length` or
 * found while reading). The connection was dropped, not drained, so nothing past the cap was
 * read. Carries the status and headers the server sent, for the pipeline's error.
 */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  /** The cap, in bytes. */
  readonly limit: number;
  /** The HTTP status of the refused answer. */
  readonly status: number;
  /** Its headers, lower-case names. */
  readonly headers: Record<string, string>;

  /** @internal the brand {@link isResponseTooLarge} checks. */
  // Stryker disable next-line BooleanLiteral: isResponseTooLarge checks that the key is there (in), not its value
  readonly [TOO_LARGE] = true;

  constructor(limit: number, status: number, headers: Record<string, string>) {
    // Never shown to a caller: the pipeline turns it into an ApiError with its own message.
    super(`response body over ${limit} bytes; connection dropped`);
    this.limit = limit;
    this.status = status;
    this.headers = headers;
  }
}

/** Whether `error` is a {@link ResponseTooLargeError}, from any copy of this package. */
export function isResponseTooLarge(error: unknown): error is ResponseTooLargeError {
  return typeof error === 'object' && error !== null && TOO_LARGE in error;
}

/**
 * `content-length` as a number of bytes, or `undefined` when absent or not a plain decimal
 * (a malformed value is left to the streaming check rather than trusted).
 */
export function declaredLength(headers: Record<string, string>): number | undefined {
  const value = headers['content-length'];
  // Stryker disable next-line ConditionalExpression: /^\d+$/.test(undefined) tests the string 'undefined', which fails
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Answer headers as the pipeline reads them, from `[name, value]` pairs in the order received:
 * names lower-cased, a repeated header's values joined with `', '` (every repeat, `set-cookie`
 * included), in an object without a prototype, so a header named `constructor` or `__proto__` is
 * just a header.
 */
export function collectHeaders(pairs: Iterable<readonly [string, string]>): Record<string, string> {
  const headers = { __proto__: null } as unknown as Record<string, string>;
  for (const [raw, value] of pairs) {
    const name = raw.toLowerCase();
    const seen = headers[name];
    headers[name] = seen === undefined ? value : `${seen}, ${value}`;
  }
  return headers;
}
