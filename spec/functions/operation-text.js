// Spectral function of `tianman-operation-summary` and `tianman-operation-description`: the
// generator writes an operation's summary and description as the TSDoc of its client method.
import { operationsOf } from './lib/operations.js';

/**
 * Reports each operation whose `field` is missing or blank.
 *
 * @param {unknown} doc the whole document
 * @param {{ field: 'summary' | 'description', add: string }} options the field, and what to add
 *   (the message's fix)
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function operationText(doc, options) {
  const results = [];
  for (const { name, op, path } of operationsOf(doc)) {
    const value = op[options.field];
    if (typeof value === 'string' && value.trim()) continue;
    results.push({ message: `${name} has no ${options.field}: ${options.add}`, path });
  }
  return results;
}
