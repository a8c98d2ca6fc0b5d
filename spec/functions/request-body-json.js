// Spectral function of `tianman-request-body-json`: an operation with a request body sends JSON
// the client validated against the contract; the generator requires such a body, knows only
// application/json, and sends no body with a GET. The token request is a JSON body.
import { isTokenEndpoint, operationsOf } from './lib/operations.js';
import { followRef } from './lib/pointer.js';

const JSON_TYPE = 'application/json';

/**
 * Reports each request body that is not required, not JSON or without a schema (a `$ref`'d one
 * followed), a GET with a body, and a token endpoint without one.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function requestBodyJson(doc) {
  const results = [];
  for (const { name, op, path } of operationsOf(doc)) {
    const { node: body, path: at } = followRef(doc, op.requestBody, [...path, 'requestBody']);
    const add = (message, where = at) => results.push({ message, path: where });
    if (!body || typeof body !== 'object') {
      if (isTokenEndpoint(op)) {
        add(
          `${name} has no request body: the token request is a JSON body; add requestBody: { required: true, content: { application/json: { schema: … } } }.`,
          path,
        );
      }
      continue;
    }
    if (path[2] === 'get') {
      add(
        `${name} is a GET with a request body: a GET carries none; remove requestBody (or make it a POST).`,
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
