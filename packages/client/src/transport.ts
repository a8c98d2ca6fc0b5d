/** One HTTP exchange as the pipeline asks for it. */
export interface WireRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The exact text to send (UTF-8). */
  body: string | undefined;
  /** Aborts the attempt (its timeout or the caller); the transport then rejects with `signal.reason`. */
  signal: AbortSignal;
  /** Cap on the body read. */
  maxResponseBytes: number;
}

/** The answer, its body read whole as text. */
export interface WireResponse {
  status: number;
  /** Lower-case names; a repeated header's values joined with `, `. */
  headers: Record<string, string>;
  text: string;
}

/**
 * Sends one request, never following a redirect. Rejects with the network error (its `code`
 * intact), with `signal.reason` on abort, or with {@link ResponseTooLargeError}.
 */
export type Transport = (request: WireRequest) => Promise<WireResponse>;

/** The answer's body was longer than `maxResponseBytes`: the connection was dropped, not drained. */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly status: number,
    readonly headers: Record<string, string>,
  ) {
    super(`response body over ${limit} bytes`);
  }
}
