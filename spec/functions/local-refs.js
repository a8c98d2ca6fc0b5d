// Spectral function of `tianman-local-refs`: the generator bundles only references inside the
// document and refuses any other, wherever it stands, before it reads anything (no file or URL
// is ever fetched while generating). Spectral itself resolves a reference to a file that exists
// without a word, so the lint says it.
import { pointerOf } from './lib/pointer.js';

/**
 * Reports each `$ref` of the document that does not start with `#`.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function localRefs(doc) {
  const results = [];
  const walk = (node, path) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, [...path, i]);
      });
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        results.push({
          message: `$ref ${value} at ${pointerOf(path)} points outside this document, which the generator refuses: move what it points to under #/components and reference it from there (#/components/schemas/<Name>).`,
          path: [...path, key],
        });
      } else {
        walk(value, [...path, key]);
      }
    }
  };
  walk(doc, []);
  return results;
}
