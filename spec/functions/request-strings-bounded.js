// Spectral function of `tianman-request-string-bounded`: every string a JSON request body can
// carry, at any depth, has a length bound the client checks before sending.
import { analyzeRequestBodies } from './lib/request-bodies.js';

/**
 * Reports each place of a request body that accepts a string of any length.
 *
 * @param {unknown} doc the whole document (the rule is given `$`, references unresolved)
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function requestStringsBounded(doc) {
  return analyzeRequestBodies(doc).bounded;
}
