// Spectral function of `tianman-pattern-message`: the client's validation messages say in words
// what a pattern allows (users read words, not a regex), so the generator refuses a `pattern`
// without an `x-pattern-message`. The lint says it first, wherever the generator would.
import { pointerOf } from './lib/pointer.js';
import { compiledSchemaRoots, schemaNodes } from './lib/schema-nodes.js';

/**
 * Reports each `pattern` of a compiled schema without a non-empty `x-pattern-message` beside it.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function patternMessages(doc) {
  const results = [];
  for (const { node, path } of schemaNodes(compiledSchemaRoots(doc))) {
    if (!('pattern' in node)) continue;
    const message = node['x-pattern-message'];
    if (typeof message === 'string' && message.trim()) continue;
    results.push({
      message: `The pattern at ${pointerOf(path)} has no x-pattern-message: add x-pattern-message: "<what the pattern allows, in words>" beside it (the client's error message quotes it; the generator refuses a pattern without one).`,
      path: [...path, 'pattern'],
    });
  }
  return results;
}
