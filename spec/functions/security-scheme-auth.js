// Spectral function of `tianman-security-scheme-auth`: the client knows a security scheme by its
// `x-tianman-auth` (its auth mode); the generator refuses a scheme without one.

/** The client's auth modes. */
const AUTH_MODES = ['signature', 'token'];

/**
 * Reports each security scheme whose `x-tianman-auth` is not one of the client's auth modes.
 *
 * @param {any} doc the whole document
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function securitySchemeAuth(doc) {
  const results = [];
  for (const [name, scheme] of Object.entries(doc?.components?.securitySchemes ?? {})) {
    const mode = scheme?.['x-tianman-auth'];
    if (AUTH_MODES.includes(mode)) continue;
    results.push({
      message:
        mode === undefined
          ? `Security scheme ${name} has no x-tianman-auth: add x-tianman-auth: ${AUTH_MODES.join(' or ')} (the client's mode for it: OPEN-BODY-SIG is signature, OPEN-ACCESS-TOKEN is token).`
          : `Security scheme ${name} has x-tianman-auth: ${JSON.stringify(mode)}: write ${AUTH_MODES.join(' or ')} (the client's auth modes).`,
      path:
        mode === undefined
          ? ['components', 'securitySchemes', name]
          : ['components', 'securitySchemes', name, 'x-tianman-auth'],
    });
  }
  return results;
}
