// Spectral function of `tianman-request-body-json`: the client sends every operation a JSON body
// it validated against the contract; the generator reads the body written under the operation,
// requires it, and knows only application/json.
import { isTokenEndpoint, operationsOf } from './lib/operations.js';

const JSON_TYPE = 'application/json';

/**
 * Reports each operation whose request body is missing, a `$ref`, not required, not JSON or
 * without a schema.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function requestBodyJson(doc) {
  const results = [];
  for (const { name, op, path } of operationsOf(doc)) {
    const body = op.requestBody;
    const at = [...path, 'requestBody'];
    const add = (message, where = at) => results.push({ message, path: where });
    if (!body || typeof body !== 'object') {
      add(
        `${name} has no request body: ${isTokenEndpoint(op) ? 'the token request is' : 'every call sends'} a JSON body; add requestBody: { required: true, content: { application/json: { schema: … } } }.`,
        path,
      );
      continue;
    }
    if (typeof body.$ref === 'string') {
      add(
        `${name}'s requestBody is a $ref (${body.$ref}), which the generator does not follow: write the request body under the operation (required: true, content: application/json) and $ref its schema instead.`,
      );
      continue;
    }
    if (body.required !== true) {
      add(
        `${name}'s request body is not required: add required: true to it (the client always sends the body it validated).`,
      );
    }
    const content = body.content && typeof body.content === 'object' ? body.content : {};
    for (const type of Object.keys(content)) {
      if (type === JSON_TYPE) continue;
      add(
        `${name}'s request body offers ${type}: the client sends only application/json; remove ${type}.`,
        [...at, 'content', type],
      );
    }
    const media = content[JSON_TYPE];
    if (!media || typeof media !== 'object') {
      add(
        `${name}'s request body has no application/json content: add content: { application/json: { schema: … } }.`,
      );
    } else if (!('schema' in media)) {
      add(
        `${name}'s application/json request body has no schema: add schema: (the client validates the body against it before sending).`,
        [...at, 'content', JSON_TYPE],
      );
    }
  }
  return results;
}
