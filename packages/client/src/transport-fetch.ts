/**
 * The `fetch` transport: for edge runtimes, browsers, Bun and Deno, and on Node whenever the
 * caller passes its own `fetch`. No Node-only API here: this module is the `default` branch of
 * the package's `#transport` import and must bundle for any runtime.
 */
import {
  collectHeaders,
  declaredLength,
  isResponseTooLarge,
  ResponseTooLargeError,
  type Transport,
  type WireRequest,
  type WireResponse,
} from './transport.js';

/**
 * A {@link Transport} over `fetch`. Without `fetchImpl`, `globalThis.fetch` is looked up at each
 * request, so a `fetch` installed (or mocked) after the client was built is honoured.
 *
 * Redirects are never followed (`redirect: 'manual'`): a 3xx comes back as the response. On a
 * browser, where `manual` hides the redirect, that response has `status` 0 and no headers.
 * A network failure rejects with the runtime's underlying error when it gives one (undici's
 * `TypeError('fetch failed')` is unwrapped to its `cause`, which carries `code`).
 */
export function createFetchTransport(fetchImpl?: typeof fetch): Transport {
  return (request) => send(request, fetchImpl ?? globalThis.fetch);
}

async function send(wire: WireRequest, fetchImpl: typeof fetch): Promise<WireResponse> {
  const { signal } = wire;
  signal.throwIfAborted();
  // fetch gets a signal of its own for this one exchange: undici leaves its abort listener on
  // the signal it is given until the Request is garbage-collected, so a caller's long-lived
  // signal would gather one listener per call. Ours is removed as soon as the call settles.
  const exchange = new AbortController();
  const relay = (): void => exchange.abort(signal.reason);
  signal.addEventListener('abort', relay);
  try {
    return await exchangeOnce(wire, fetchImpl, exchange.signal);
  } catch (error) {
    const settled = settledError(error, signal);
    // fetch says nothing of how far a request got: only a failure to connect proves that no
    // byte left. Anything else (a reset, a malformed answer, a timeout) may come after the
    // server read the request.
    if (wire.progress) wire.progress.written = !isConnectFailure(settled);
    throw settled;
  } finally {
    signal.removeEventListener('abort', relay);
  }
}

async function exchangeOnce(
  wire: WireRequest,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
): Promise<WireResponse> {
  const { maxResponseBytes } = wire;
  const response = await fetchImpl(wire.url, {
    method: wire.method,
    headers: wire.headers,
    body: wire.body,
    signal,
    redirect: 'manual',
  });
  // Headers yields names lower-cased and each `set-cookie` apart.
  const pairs: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    pairs.push([name, value]);
  });
  const headers = collectHeaders(pairs);
  const { status } = response;
  const reader = response.body?.getReader();
  // Decoded as it streams: `stream: true` holds back a multi-byte character split across chunks
  // until its last byte arrives, so no chunk list is kept and joined.
  const decoder = new TextDecoder();
  let text = '';
  // An announced length over the cap is refused before the first read, a streamed body at the
  // chunk that crosses it (a malformed content-length is left to the streaming check).
  const declared = declaredLength(headers) ?? 0;
  let received = 0;
  while (reader) {
    if (declared > maxResponseBytes || received > maxResponseBytes) {
      // Cancelling the body makes undici drop the connection rather than drain it. Not awaited:
      // a runtime may wait on the socket to close, and the answer is already known.
      reader.cancel().catch(() => {});
      throw new ResponseTooLargeError(maxResponseBytes, status, headers);
    }
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  return { status, headers, text: text + decoder.decode() };
}

// Codes of failures to reach the server at all: no connection, so no byte of the request left.
// (TLS failures happen in the handshake, before any request byte.)
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function isConnectFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECT_FAILURES.has(code);
}

function settledError(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  // Stryker disable next-line ConditionalExpression: a ResponseTooLargeError has no cause, so the unwrapping below returns it unchanged too
  if (isResponseTooLarge(error)) return error;
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause instanceof Error && typeof cause.code === 'string' ? cause : error;
}
