// Spectral function of `tianman-request-body-closed`: every object a JSON request body can carry
// is closed, by meaning (see lib/request-bodies.js for how `oneOf`, `allOf` and `$ref` are read).
import { analyzeRequestBodies } from './lib/request-bodies.js';

/**
 * Reports each object of a request body that accepts undeclared fields, each closing keyword
 * that refuses a field the body declares, and each array whose items are unsaid.
 *
 * @param {unknown} doc the whole document (the rule is given `$`, references unresolved)
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function requestBodyClosed(doc) {
  return analyzeRequestBodies(doc).closed;
}
