// Spectral function of `tianman-gateway-responses`: the platform's gateway answers every
// operation itself on a bad request, failed authentication, a failed parameter check and its own
// failure, and the mock answers with the spec's examples of those answers. Each operation says so
// with a `$ref` to the shared response, the same for every operation.
import { operationsOf } from './lib/operations.js';

/**
 * Reports each operation that lacks one of the gateway's responses, or writes it otherwise than
 * as a `$ref` to the shared one; the message is the YAML line to add.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @param {{ responses: Record<string, string> }} options status → the `$ref` it must be
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function gatewayResponses(doc, options) {
  const expected = Object.entries(options?.responses ?? {});
  const results = [];
  for (const { name, op, path } of operationsOf(doc)) {
    const responses = op.responses && typeof op.responses === 'object' ? op.responses : undefined;
    for (const [status, ref] of expected) {
      const line = `"${status}": { $ref: "${ref}" }`;
      const response = responses?.[status];
      if (response === undefined) {
        results.push({
          message: `${name} has no ${status} response, which the gateway answers to every operation: add under its responses:  ${line}`,
          path: responses ? [...path, 'responses'] : path,
        });
      } else if (response?.$ref !== ref) {
        results.push({
          message: `${name}'s ${status} response is not the gateway's shared one: write it as  ${line}`,
          path: [...path, 'responses', status],
        });
      }
    }
  }
  return results;
}
