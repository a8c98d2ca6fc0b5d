// @ts-check
// JSON Pointers (RFC 6901): where things stand in the OpenAPI document, in refusals and messages.

/**
 * A pointer segment, `~` and `/` escaped.
 * @param {string} key
 */
export const escapeSegment = (key) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * A URI fragment pointer (`#/a/b`) from its segments.
 * @param {readonly string[]} segments
 */
export const toPointer = (segments) => `#${segments.map((s) => `/${escapeSegment(s)}`).join('')}`;

/**
 * The segments of a pointer fragment (without `#`, percent-decoded), or `undefined` when it is
 * not a JSON Pointer (`~` not followed by `0` or `1`).
 * @param {string} pointer
 * @returns {string[] | undefined}
 */
export function parsePointer(pointer) {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const segments = [];
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return undefined;
    segments.push(raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  return segments;
}

// The runtime's `pointerSegment` (src/schema-runtime/pointer-segment.ts) cuts a field name the
// same way: a path is the same whether the name was known when generating or read from a body.
const MAX_SEGMENT = 64;

/**
 * A field name as an issue path shows it: escaped, cut to 64 characters.
 * @param {string} key
 */
export function pathSegment(key) {
  const escaped = escapeSegment(key);
  return escaped.length > MAX_SEGMENT ? `${escaped.slice(0, MAX_SEGMENT - 1)}…` : escaped;
}
