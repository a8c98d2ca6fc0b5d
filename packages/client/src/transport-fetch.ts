import { ResponseTooLargeError, type Transport } from './transport.js';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * A {@link Transport} over `fetch` (edge runtimes, or the caller's own fetch): redirects are not
 * followed, the body is read up to the cap and the stream cancelled past it.
 *
 * @param fetchImpl - Looked up at each request when not given, so a fetch installed later (a
 * test's mock agent) is honoured.
 */
export function createFetchTransport(fetchImpl?: Fetch): Transport {
  return async ({ method, url, headers, body, signal, maxResponseBytes }) => {
    const response = await (fetchImpl ?? (globalThis.fetch as Fetch))(url, {
      method,
      headers,
      body,
      signal,
      redirect: 'manual',
    });
    const names: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      names[name] = value;
    });
    const length = Number(response.headers.get('content-length'));
    if (length > maxResponseBytes) {
      await response.body?.cancel().catch(() => {});
      throw new ResponseTooLargeError(maxResponseBytes, response.status, names);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxResponseBytes) {
          await reader.cancel().catch(() => {});
          throw new ResponseTooLargeError(maxResponseBytes, response.status, names);
        }
        chunks.push(value);
      }
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return { status: response.status, headers: names, text: new TextDecoder().decode(bytes) };
  };
}
