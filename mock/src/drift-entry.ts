/**
 * Where an answer disagrees with the spec:
 * - `operation`: the request matches no operation of the spec, so nothing could be checked;
 * - `status`: the operation defines no response for the answer's status;
 * - `header`: a response header (`content-type` when the media type is not the spec's);
 * - `body`: the body, at {@link DriftEntry.pointer}.
 */
export type DriftPlace = 'operation' | 'status' | 'header' | 'body';

/**
 * One disagreement between an answer from the upstream and the spec: a line of the drift report
 * and an item of the request's log entry. It never holds a header value (besides a media type),
 * a token, a signature or an appKey: values in the body are described by their type, except a
 * code-shaped `respCode` or `errCode`.
 */
export interface DriftEntry {
  /** When the answer came back, ISO 8601 in UTC. */
  time: string;
  /** The operation the request matched; absent when it matched none. */
  operationId?: string;
  /** The request's method, upper case. */
  method: string;
  /** The request's path, without its query. */
  path: string;
  /** The answer's HTTP status. */
  status: number;
  /** What disagrees. */
  where: DriftPlace;
  /** For `body`: the JSON Pointer of the place in the answer's body (`''` is the whole body). */
  pointer?: string;
  /** For `header`: the header's name, lower case. */
  header?: string;
  /**
   * The rule that failed: a JSON Schema keyword (`required`, `type`, `additionalProperties`,
   * `enum`, …), `x-tianman-known-codes`, or the mock's own `operation`, `status`, `media-type`
   * and `json` (a body that is not JSON where the spec says JSON).
   */
  keyword: string;
  /** What the spec says, in words. */
  rule: string;
  /** What came back: a type or a short description, never a secret. */
  found: string;
}
