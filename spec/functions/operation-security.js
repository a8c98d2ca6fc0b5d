// Spectral function of `tianman-operation-security`: every operation is authenticated with the
// platform's schemes, which the client knows by their `x-tianman-auth`, except the token
// endpoint, which authenticates with its own body. The generator reads an operation's `security`
// or, when it has none, the document's.
import { isTokenEndpoint, operationsOf } from './lib/operations.js';

/** The client's auth modes, the values of a scheme's `x-tianman-auth`. */
const AUTH_MODES = new Set(['signature', 'token']);

/**
 * Reports each operation whose security names no scheme, a scheme that is not declared with an
 * `x-tianman-auth`, or (the token endpoint) any scheme.
 *
 * @param {any} doc the whole document
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function operationSecurity(doc) {
  const schemes = Object.entries(doc?.components?.securitySchemes ?? {})
    .filter(([, scheme]) => AUTH_MODES.has(scheme?.['x-tianman-auth']))
    .map(([name]) => name);
  const example = `security: [${schemes.map((s) => `{ ${s}: [] }`).join(', ') || '{ <Scheme>: [] }'}]`;
  const results = [];
  for (const { name, op, path } of operationsOf(doc)) {
    const own = Array.isArray(op.security);
    const requirements = own ? op.security : Array.isArray(doc.security) ? doc.security : [];
    const at = own ? [...path, 'security'] : path;
    const named = requirements.flatMap((requirement, i) =>
      Object.keys(requirement ?? {}).map((scheme) => ({ scheme, i })),
    );
    if (isTokenEndpoint(op)) {
      if (named.length) {
        results.push({
          message: `${name} is the token endpoint (x-tianman-token-endpoint): it authenticates with its own signed body, so it names no scheme: write security: [] on it.`,
          path: at,
        });
      }
      continue;
    }
    if (named.length === 0) {
      results.push({
        message: `${name} names no security scheme: every operation is authenticated; add ${example} (the schemes with x-tianman-auth).`,
        path: at,
      });
      continue;
    }
    for (const { scheme, i } of named) {
      if (schemes.includes(scheme)) continue;
      results.push({
        message: `${name}'s security names ${scheme}, which is not a security scheme with x-tianman-auth (signature or token): name ${schemes.join(' or ') || 'a scheme declared with x-tianman-auth'}.`,
        path: own ? [...path, 'security', i, scheme] : ['security', i, scheme],
      });
    }
  }
  return results;
}
