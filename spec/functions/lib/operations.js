// The operations of the document, as the rules walk them.

/** The HTTP methods of an OpenAPI Path Item: every one is an operation the lint checks. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @typedef {object} Operation
 * @property {string} name how messages name it: its operationId, or `POST /path`
 * @property {Record<string, any>} op the Operation Object
 * @property {string[]} path where it is in the document (`['paths', '/v1/x', 'post']`)
 */

/**
 * Every operation of the document, in document order.
 *
 * @param {any} doc the whole document, as parsed
 * @returns {Operation[]}
 */
export function operationsOf(doc) {
  const operations = [];
  const paths = doc?.paths;
  if (!paths || typeof paths !== 'object') return operations;
  for (const [route, item] of Object.entries(paths)) {
    if (!item || typeof item !== 'object') continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op || typeof op !== 'object') continue;
      const id = typeof op.operationId === 'string' && op.operationId ? op.operationId : undefined;
      operations.push({
        name: id ?? `${method.toUpperCase()} ${route}`,
        op,
        path: ['paths', route, method],
      });
    }
  }
  return operations;
}

/**
 * Is the operation the token endpoint (`x-tianman-token-endpoint: true`)? The generator reads
 * exactly `true`.
 *
 * @param {Record<string, any>} op
 */
export function isTokenEndpoint(op) {
  return op['x-tianman-token-endpoint'] === true;
}
