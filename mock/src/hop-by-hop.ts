/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus the
 * proxy-authentication pair, meant for the proxy itself: a proxy neither forwards nor relays
 * them. `Connection` may name more.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/**
 * The end-to-end headers of a raw header list (`rawHeaders`: name, value, name, value…), names
 * and values as received, in their order, duplicates kept; without the hop-by-hop ones, those
 * the `Connection` header names, and any name in `drop` (lower case).
 */
export function endToEndHeaders(
  rawHeaders: readonly string[],
  drop: ReadonlySet<string>,
): string[] {
  const named = new Set<string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'connection') {
      for (const token of (rawHeaders[i + 1] ?? '').split(','))
        named.add(token.trim().toLowerCase());
    }
  }
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower) || drop.has(lower)) continue;
    kept.push(name, rawHeaders[i + 1] ?? '');
  }
  return kept;
}
