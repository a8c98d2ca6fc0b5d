// Spectral function of `tianman-token-endpoint`: the client obtains OPEN-ACCESS-TOKEN tokens from
// the one operation marked `x-tianman-token-endpoint: true`; the generator needs exactly one.
import { isTokenEndpoint, operationsOf } from './lib/operations.js';

/**
 * Reports a document with no token endpoint or several, and a marker that is not `true`.
 *
 * @param {unknown} doc the whole document
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function tokenEndpoint(doc) {
  const results = [];
  const marked = [];
  for (const { name, op, path } of operationsOf(doc)) {
    if (isTokenEndpoint(op)) marked.push({ name, path });
    else if ('x-tianman-token-endpoint' in op) {
      results.push({
        message: `${name}: x-tianman-token-endpoint is ${JSON.stringify(op['x-tianman-token-endpoint'])}; the generator reads only true: write x-tianman-token-endpoint: true on the token endpoint and nothing on other operations.`,
        path: [...path, 'x-tianman-token-endpoint'],
      });
    }
  }
  if (marked.length === 0) {
    results.push({
      message:
        'No operation is marked x-tianman-token-endpoint: true: add it to the token endpoint (POST /v1/token/access), which the client calls itself in token mode.',
      path: ['paths'],
    });
  }
  for (const { name, path } of marked.slice(1)) {
    results.push({
      message: `${name} is a second operation marked x-tianman-token-endpoint (the first is ${marked[0].name}): only the token endpoint carries it.`,
      path: [...path, 'x-tianman-token-endpoint'],
    });
  }
  return results;
}
