// @ts-check
// The operations of the document, as the client needs them, and the refusals of what the client
// cannot send yet (parameters, bodiless operations, bodies that are not JSON), each naming the
// operationId and where it stands.
import { parsePointer, toPointer } from './pointer.mjs';

/** The client's names for the security schemes, read from their `x-tianman-auth`. */
const AUTH_MODES = new Set(['signature', 'token']);
/** Every method a path item may hold (OpenAPI 3.1). */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** The fields of a path item that are not operations. */
const PATH_ITEM_FIELDS = new Set(['summary', 'description', 'servers', 'parameters', ...METHODS]);
/** The result of a method is the success body plus these: a success schema may not declare them. */
const RESULT_FIELDS = ['status', 'attempts', 'headers'];

/**
 * @typedef {object} ReadOperation
 * @property {string} id
 * @property {string} method
 * @property {string} path
 * @property {string[]} security
 * @property {string[]} bodySchema where the request body's schema stands
 * @property {string[]} doc the summary and description
 * @property {boolean} token whether it is the token endpoint
 */

/**
 * The value at a local `#/…` reference, or undefined.
 * @param {unknown} doc
 * @param {string} ref
 */
function local(doc, ref) {
  const segments = ref.startsWith('#') ? parsePointer(decodeURIComponent(ref.slice(1))) : undefined;
  if (!segments) return undefined;
  /** @type {any} */
  let node = doc;
  for (const s of segments)
    node = node && typeof node === 'object' && Object.hasOwn(node, s) ? node[s] : undefined;
  return node;
}

/**
 * Follows an OpenAPI `$ref` (a response, a request body) within the document.
 * @param {unknown} doc
 * @param {any} node
 * @param {string[]} segments
 * @returns {[any, string[]]}
 */
function follow(doc, node, segments) {
  const seen = new Set();
  let n = node;
  let at = segments;
  while (n && typeof n.$ref === 'string' && !seen.has(n.$ref)) {
    seen.add(n.$ref);
    const next = parsePointer(decodeURIComponent(n.$ref.slice(1)));
    if (!n.$ref.startsWith('#') || !next) break;
    at = next;
    n = local(doc, n.$ref);
  }
  return [n, at];
}

/**
 * Property names a schema declares at its top level, following `$ref`s and `allOf`.
 * @param {unknown} doc
 * @param {any} schema
 * @param {Set<string>} [seen]
 * @returns {string[]}
 */
function declaredProperties(doc, schema, seen = new Set()) {
  if (!schema || typeof schema !== 'object') return [];
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    return declaredProperties(doc, local(doc, schema.$ref), seen);
  }
  return [
    ...Object.keys(schema.properties ?? {}),
    ...(Array.isArray(schema.allOf) ? schema.allOf : []).flatMap((/** @type {unknown} */ s) =>
      declaredProperties(doc, s, seen),
    ),
  ];
}

/**
 * The operations of `doc`; what the client cannot honour goes to `problems`.
 * @param {Record<string, any>} doc
 * @param {import('./problems.mjs').Problems} problems
 * @returns {ReadOperation[]}
 */
export function readOperations(doc, problems) {
  /** @type {Record<string, string>} */
  const schemes = {};
  for (const [name, scheme] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const mode = scheme?.['x-tianman-auth'];
    if (!AUTH_MODES.has(mode)) {
      problems.add(
        toPointer(['components', 'securitySchemes', name]),
        `security scheme ${name} needs x-tianman-auth: ${[...AUTH_MODES].join(' or ')}`,
      );
    } else schemes[name] = mode;
  }

  /** @type {ReadOperation[]} */
  const operations = [];
  const ids = new Set();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const itemAt = ['paths', path];
    if (!item || typeof item !== 'object') continue;
    for (const key of Object.keys(item)) {
      if (!PATH_ITEM_FIELDS.has(key) && !key.startsWith('x-')) {
        problems.add(
          toPointer([...itemAt, key]),
          `${key} at ${toPointer([...itemAt, key])}: the generator does not read it (a path item $ref is not supported; write the operations in place)`,
        );
      }
    }
    if (Array.isArray(item.parameters) && item.parameters.length) {
      problems.add(
        toPointer([...itemAt, 'parameters']),
        `parameters at ${path} are not supported by the client yet`,
      );
    }
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const at = [...itemAt, method];
      const where = `${method.toUpperCase()} ${path}`;
      const pointer = toPointer(at);
      const id = op?.operationId;
      if (typeof id !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(id)) {
        problems.add(pointer, `${where} needs a camelCase operationId (at ${pointer})`);
        continue;
      }
      if (ids.has(id)) problems.add(pointer, `operationId ${id} is used twice (at ${pointer})`);
      ids.add(id);
      if (['head', 'options', 'trace'].includes(method)) {
        problems.add(
          pointer,
          `${id}: ${method.toUpperCase()} operations are not supported by the client yet (at ${pointer})`,
        );
        continue;
      }
      if (Array.isArray(op.parameters) && op.parameters.length) {
        problems.add(
          pointer,
          `${id}: parameters (path, query, header) are not supported by the client yet (at ${pointer}/parameters)`,
        );
      }
      const [body, bodyAt] = follow(doc, op.requestBody, [...at, 'requestBody']);
      if (!body) {
        problems.add(
          pointer,
          `${id}: an operation without a request body is not supported by the client yet (at ${pointer})`,
        );
        continue;
      }
      const contentTypes = Object.keys(body.content ?? {});
      if (contentTypes.some((t) => t !== 'application/json')) {
        problems.add(
          pointer,
          `${id}: request body ${contentTypes.join(', ')}: only application/json is supported (at ${toPointer([...bodyAt, 'content'])})`,
        );
        continue;
      }
      if (!body.content?.['application/json'] || !('schema' in body.content['application/json'])) {
        problems.add(
          pointer,
          `${id}: a JSON request body schema is required (at ${toPointer(bodyAt)})`,
        );
        continue;
      }
      if (body.required !== true)
        problems.add(
          pointer,
          `${id}: requestBody must be required: true (at ${toPointer(bodyAt)})`,
        );
      const security = [
        ...new Set(
          (op.security ?? doc.security ?? []).flatMap((/** @type {object} */ req) =>
            Object.keys(req),
          ),
        ),
      ].map((name) => {
        if (!schemes[name] && !Object.hasOwn(doc.components?.securitySchemes ?? {}, name)) {
          problems.add(pointer, `${id}: unknown security scheme ${name}`);
        }
        return schemes[name] ?? name;
      });
      const token = op['x-tianman-token-endpoint'] === true;
      if (token && security.length)
        problems.add(pointer, `${id}: the token endpoint authenticates with its own body`);
      if (!token) {
        if (!security.length)
          problems.add(pointer, `${id}: no security scheme: every operation is authenticated`);
        const [ok] = follow(doc, op.responses?.['200'] ?? op.responses?.['201'], []);
        const clash = RESULT_FIELDS.filter((f) =>
          declaredProperties(doc, ok?.content?.['application/json']?.schema).includes(f),
        );
        if (clash.length) {
          problems.add(
            pointer,
            `${id}: the success body declares ${clash.join(', ')}, which the method's result adds itself`,
          );
        }
      }
      operations.push({
        id,
        method: method.toUpperCase(),
        path,
        security,
        bodySchema: [...bodyAt, 'content', 'application/json', 'schema'],
        doc: [op.summary, op.description].filter((s) => typeof s === 'string'),
        token,
      });
    }
  }
  const tokens = operations.filter((o) => o.token);
  if (!tokens.length)
    problems.add('#/paths', 'no operation is marked x-tianman-token-endpoint: true');
  if (tokens.length > 1)
    problems.add('#/paths', 'two operations are marked x-tianman-token-endpoint');
  return operations;
}
