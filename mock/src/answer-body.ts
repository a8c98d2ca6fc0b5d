import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { MAX_UPSTREAM_ANSWER_BYTES } from './constants.js';

/** An answer's body as the drift check reads it. */
export type AnswerBody =
  /** It parses as JSON (whatever its `Content-Type` says). */
  | { kind: 'json'; value: unknown }
  /** Bytes that are not JSON: an HTML error page, plain text (decoded as UTF-8). */
  | { kind: 'text'; text: string; bytes: number }
  /** No bytes at all. */
  | { kind: 'empty' }
  /** A `Content-Encoding` the mock cannot undo, or bytes that do not decode as it says. */
  | { kind: 'undecodable'; encoding: string };

/**
 * Reads an answer's body for the drift check: undoes its `Content-Encoding` (`gzip`, `deflate`,
 * `br`, `identity`, in the reverse of the order applied) on a copy, then parses it as JSON. The
 * bytes the client gets are the ones received, encoded or not; this only looks at them.
 *
 * JSON is recognised by parsing, not by the `Content-Type`: a JSON body under the wrong media
 * type is then one disagreement (the media type), not two.
 */
export function readAnswerBody(bytes: Buffer, contentEncoding: string | undefined): AnswerBody {
  let decoded = bytes;
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  for (const coding of codings) {
    try {
      decoded = decode(decoded, coding);
    } catch {
      return { kind: 'undecodable', encoding: coding };
    }
  }
  if (decoded.length === 0) return { kind: 'empty' };
  const text = decoded.toString('utf8');
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'text', text, bytes: decoded.length };
  }
}

/** One coding undone, bounded: a small compressed answer must not inflate into gigabytes. */
function decode(bytes: Buffer, coding: string): Buffer {
  const bounded = { maxOutputLength: MAX_UPSTREAM_ANSWER_BYTES };
  if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(bytes, bounded);
  if (coding === 'br') return brotliDecompressSync(bytes, bounded);
  if (coding === 'deflate') {
    // HTTP's `deflate` is zlib-wrapped, but some servers send the raw stream.
    try {
      return inflateSync(bytes, bounded);
    } catch {
      return inflateRawSync(bytes, bounded);
    }
  }
  throw new Error(`unknown content-coding ${coding}`);
}
