// Spectral function of `tianman-operation-method`: the client reads the platform's code from an
// answer's body, so it sends GET, PUT, POST, PATCH and DELETE; HEAD, OPTIONS and TRACE answers
// carry no body, and the generator refuses them.
import { operationsOf } from './lib/operations.js';

const SENT = new Set(['get', 'put', 'post', 'patch', 'delete']);

/**
 * Reports each HEAD, OPTIONS or TRACE operation.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function operationMethod(doc) {
  return operationsOf(doc)
    .filter(({ path }) => !SENT.has(path[2]))
    .map(({ name, path }) => ({
      message: `${name} is a ${path[2].toUpperCase()}: the client sends GET, PUT, POST, PATCH and DELETE (a ${path[2].toUpperCase()} answer has no body to read the platform's code from); remove it.`,
      path,
    }));
}
