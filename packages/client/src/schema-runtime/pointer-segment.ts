// Keys come from the caller's body: a message quoting a 10 MB key would be a 10 MB message.
const MAX_SEGMENT = 64;

/**
 * The JSON Pointer segment of a field name, `~` and `/` escaped, cut to 64 characters (the last
 * one an ellipsis) so that a hostile key cannot make a path or a message huge.
 */
export function pointerSegment(key: string): string {
  // Only the head can survive the cut, and escaping never shortens: a long key is not escaped
  // whole.
  const escaped = key
    .slice(0, 2 * MAX_SEGMENT)
    .replace(/~/g, '~0')
    .replace(/\//g, '~1');
  return escaped.length > MAX_SEGMENT ? `${escaped.slice(0, MAX_SEGMENT - 1)}…` : escaped;
}
