/** One reference token of a JSON Pointer, escaped (RFC 6901): `~` as `~0`, `/` as `~1`. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** What a JSON Pointer finds in a document: the value, or that nothing is there. */
export type PointerLookup = { present: true; value: unknown } | { present: false };

/**
 * Follows a JSON Pointer (`''` is the whole document, `/detail/paidTime` a member of a member)
 * through a parsed JSON document. Only own members count: `/constructor` finds nothing in `{}`.
 */
export function valueAtPointer(document: unknown, pointer: string): PointerLookup {
  if (pointer === '') return { present: true, value: document };
  if (!pointer.startsWith('/')) return { present: false };
  let current: unknown = document;
  for (const escaped of pointer.slice(1).split('/')) {
    // Unescape `~1` before `~0`, as RFC 6901 says, so `~01` stays the two characters `~1`.
    const token = escaped.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) >= current.length) {
        return { present: false };
      }
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { present: false };
    }
  }
  return { present: true, value: current };
}
