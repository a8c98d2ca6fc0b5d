// @ts-check
// URI references resolved as RFC 3986 §5 says: how `$id` and `$ref` find their targets. Written
// out rather than `new URL()`, which follows the WHATWG rules (it refuses `urn:` bases and
// rewrites `\` and `file:` paths).

/**
 * @typedef {object} UriParts
 * @property {string | undefined} scheme
 * @property {string | undefined} authority
 * @property {string} path
 * @property {string | undefined} query
 * @property {string | undefined} fragment
 */

// RFC 3986 Appendix B.
const PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

/**
 * The five components of a URI reference.
 * @param {string} ref
 * @returns {UriParts}
 */
export function parseUri(ref) {
  const m = /** @type {RegExpExecArray} */ (PARTS.exec(ref));
  return { scheme: m[1], authority: m[2], path: m[3] ?? '', query: m[4], fragment: m[5] };
}

/**
 * RFC 3986 §5.2.4.
 * @param {string} path
 */
function removeDotSegments(path) {
  let input = path;
  let output = '';
  while (input) {
    if (input.startsWith('../')) input = input.slice(3);
    else if (input.startsWith('./')) input = input.slice(2);
    else if (input.startsWith('/./')) input = input.slice(2);
    else if (input === '/.') input = '/';
    else if (input.startsWith('/../') || input === '/..') {
      input = `/${input.slice(input === '/..' ? 3 : 4)}`;
      output = output.slice(0, Math.max(0, output.lastIndexOf('/')));
    } else if (input === '.' || input === '..') input = '';
    else {
      const next = input.indexOf('/', input.startsWith('/') ? 1 : 0);
      const end = next < 0 ? input.length : next;
      output += input.slice(0, end);
      input = input.slice(end);
    }
  }
  return output;
}

/** @param {UriParts} u */
function recompose(u) {
  let out = '';
  if (u.scheme !== undefined) out += `${u.scheme}:`;
  if (u.authority !== undefined) out += `//${u.authority}`;
  out += u.path;
  if (u.query !== undefined) out += `?${u.query}`;
  if (u.fragment !== undefined) out += `#${u.fragment}`;
  return out;
}

/**
 * The target URI of `ref` read against `base` (RFC 3986 §5.2.2, strict).
 * @param {string} base an absolute URI
 * @param {string} ref a URI reference
 */
export function resolveUri(base, ref) {
  const r = parseUri(ref);
  const b = parseUri(base);
  /** @type {UriParts} */
  let t;
  if (r.scheme !== undefined) {
    t = { ...r, path: removeDotSegments(r.path) };
  } else if (r.authority !== undefined) {
    t = { ...r, scheme: b.scheme, path: removeDotSegments(r.path) };
  } else if (r.path === '') {
    t = { ...b, query: r.query ?? b.query, fragment: r.fragment };
  } else {
    let path;
    if (r.path.startsWith('/')) path = removeDotSegments(r.path);
    else {
      // §5.2.3: merge with the base path.
      const merged =
        b.authority !== undefined && b.path === ''
          ? `/${r.path}`
          : b.path.slice(0, b.path.lastIndexOf('/') + 1) + r.path;
      path = removeDotSegments(merged);
    }
    t = { scheme: b.scheme, authority: b.authority, path, query: r.query, fragment: r.fragment };
  }
  return recompose(t);
}

/**
 * `uri` without its fragment, and the fragment (`''` when there is none).
 * @param {string} uri
 * @returns {[string, string]}
 */
export function splitFragment(uri) {
  const hash = uri.indexOf('#');
  return hash < 0 ? [uri, ''] : [uri.slice(0, hash), uri.slice(hash + 1)];
}
