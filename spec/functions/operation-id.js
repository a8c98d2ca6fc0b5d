// Spectral function of `tianman-operation-id`: the operationId becomes the client's method,
// `client.<operationId>`; the generator refuses one that is not camelCase.
import { operationsOf } from './lib/operations.js';

/** The generator's test of an operationId. */
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;

/**
 * Reports each operation without an operationId or with one that is not camelCase.
 *
 * @param {unknown} doc the whole document
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function operationId(doc) {
  const results = [];
  for (const { name, op, path } of operationsOf(doc)) {
    const id = op.operationId;
    if (typeof id !== 'string' || id === '') {
      results.push({
        message: `${name} has no operationId: add operationId: <camelCase name> (the client's method is client.<operationId>).`,
        path,
      });
    } else if (!CAMEL_CASE.test(id)) {
      results.push({
        message: `operationId ${id} is not camelCase (a lower-case letter, then letters and digits): it becomes client.<operationId>; write ${camelCase(id)}.`,
        path: [...path, 'operationId'],
      });
    }
  }
  return results;
}

/** A camelCase spelling of a name: its words joined, the first lower-cased. */
function camelCase(id) {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
  const lowered = joined.replace(/^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)|^[A-Z]/, (s) => s.toLowerCase());
  return /^[a-z]/.test(lowered) ? lowered : `op${lowered}`;
}
