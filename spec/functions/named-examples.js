// Spectral function of `tianman-operation-response-examples` and `tianman-request-body-examples`:
// the mock answers with a response's named examples (a `Prefer: example=<name>` header picks
// one), and the spec and mock tests check and send every request example. Each JSON body, inline
// or behind a `$ref`, has at least one named example with a value.
import { isJsonMediaType } from './lib/media-type.js';
import { operationsOf } from './lib/operations.js';
import { followRef, pointerOf } from './lib/pointer.js';

/**
 * Reports each JSON response (`of: responses`) or request body (`of: requestBody`) of an
 * operation without named examples; a shared response is reported once, where it is written.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @param {{ of: 'responses' | 'requestBody' }} options which bodies
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function namedExamples(doc, options) {
  const results = [];
  const seen = new Set();
  for (const { name, op, path } of operationsOf(doc)) {
    const bodies = [];
    if (options?.of === 'requestBody') {
      if (op.requestBody)
        bodies.push({
          what: `${name}'s request body`,
          at: [...path, 'requestBody'],
          raw: op.requestBody,
        });
    } else {
      for (const [status, raw] of Object.entries(op.responses ?? {})) {
        bodies.push({
          what: `the ${status} response of ${name}`,
          at: [...path, 'responses', status],
          raw,
        });
      }
    }
    for (const { what, at, raw } of bodies) {
      const body = followRef(doc, raw, at);
      const shared = body.path !== at ? ` (${pointerOf(body.path)})` : '';
      const content = body.node?.content;
      if (!content || typeof content !== 'object') continue;
      for (const [type, media] of Object.entries(content)) {
        if (!isJsonMediaType(type) || !media || typeof media !== 'object') continue;
        const mediaPath = [...body.path, 'content', type];
        const key = pointerOf(mediaPath);
        if (seen.has(key)) continue;
        seen.add(key);
        const problem = examplesProblem(doc, media.examples, [...mediaPath, 'examples']);
        if (!problem) continue;
        results.push({
          message: `${what}${shared}, ${type}: ${problem.text}`,
          path: problem.path ?? mediaPath,
        });
      }
    }
  }
  return results;
}

/** What is wrong with a media type's `examples`, or undefined. */
function examplesProblem(doc, examples, path) {
  const add =
    'add examples: { <name>: { summary: <one line>, value: <the body> } } (named examples, not example:; the mock answers with them)';
  if (!examples || typeof examples !== 'object' || Array.isArray(examples)) {
    return { text: `has no named examples: ${add}.` };
  }
  const entries = Object.entries(examples);
  if (entries.length === 0) return { text: `its examples are empty: ${add}.` };
  for (const [name, raw] of entries) {
    const example = followRef(doc, raw, [...path, name]).node;
    if (!example || typeof example !== 'object' || !('value' in example)) {
      return {
        text: `example ${name} has no value: give it value: <the body> (the mock answers with the value).`,
        path: [...path, name],
      };
    }
  }
  return undefined;
}
