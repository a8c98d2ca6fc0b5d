// @ts-check
// The operations of the document, as the client needs them — method, path, security, path and
// query parameters, the JSON request body if any — and the refusals of what the client cannot
// send (header or cookie parameters, serialization styles other than OpenAPI's defaults, bodies
// that are not JSON, HEAD/OPTIONS/TRACE), each naming the operationId and where it stands.
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
 * A path or query parameter: where its schema stands, and the one JSON type its value has (what
 * `client.api` reads a value from the URL as).
 * @typedef {object} ReadParameter
 * @property {string} name
 * @property {'path' | 'query'} in
 * @property {boolean} required
 * @property {string[]} schema where its schema stands
 * @property {'string' | 'number' | 'integer' | 'boolean' | 'array'} type
 * @property {'string' | 'number' | 'integer' | 'boolean'} [items] the items' type of an array
 */

/**
 * @typedef {object} ReadOperation
 * @property {string} id
 * @property {string} method
 * @property {string} path
 * @property {string[]} security
 * @property {ReadParameter[]} parameters path parameters, then query parameters, as declared
 * @property {string[] | undefined} bodySchema where the request body's schema stands; undefined
 *   for an operation without a request body
 * @property {boolean} idempotent `x-tianman-idempotent: true`: sending it twice does what sending
 *   it once does
 * @property {boolean} emptySuccess a 2xx answer it declares has no content
 * @property {string[]} doc the summary and description
 * @property {boolean} token whether it is the token endpoint
 */

/** The JSON types a parameter's value may have: what a URL can carry and read back. */
const PARAMETER_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

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
 * The one `type` of a parameter's schema, following a schema that is only a `$ref`, or
 * undefined when it has none or several.
 * @param {unknown} doc
 * @param {any} schema
 * @returns {string | undefined}
 */
function typeOf(doc, schema) {
  const seen = new Set();
  let s = schema;
  while (s && typeof s === 'object' && typeof s.$ref === 'string' && !seen.has(s.$ref)) {
    seen.add(s.$ref);
    if (typeof s.type === 'string') return s.type;
    s = local(doc, s.$ref);
  }
  return s && typeof s === 'object' && typeof s.type === 'string' ? s.type : undefined;
}

/**
 * The items' schema of an array schema, following a schema that is only a `$ref`.
 * @param {unknown} doc
 * @param {any} schema
 */
function itemsOf(doc, schema) {
  const seen = new Set();
  let s = schema;
  while (s && typeof s === 'object' && s.items === undefined && typeof s.$ref === 'string') {
    if (seen.has(s.$ref)) break;
    seen.add(s.$ref);
    s = local(doc, s.$ref);
  }
  return s?.items;
}

/**
 * The path and query parameters of an operation (the path item's, overridden by the
 * operation's own of the same name and place); what the client cannot send goes to `problems`.
 * @param {Record<string, any>} doc
 * @param {string} id
 * @param {string} path
 * @param {Array<[unknown[] | undefined, string[]]>} lists the path item's, then the operation's
 * @param {import('./problems.mjs').Problems} problems
 * @returns {ReadParameter[]}
 */
function readParameters(doc, id, path, lists, problems) {
  /** @type {Map<string, ReadParameter>} */
  const byKey = new Map();
  for (const [list, listAt] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.add(toPointer(listAt), `${id}: parameters at ${toPointer(listAt)} must be a list`);
      continue;
    }
    list.forEach((raw, i) => {
      const [p, at] = follow(doc, raw, [...listAt, String(i)]);
      const pointer = toPointer(at);
      if (!p || typeof p !== 'object' || typeof p.name !== 'string') {
        problems.add(pointer, `${id}: the parameter at ${pointer} needs a name`);
        return;
      }
      const where = `${id}: parameter ${p.name} (at ${pointer})`;
      if (p.in !== 'path' && p.in !== 'query') {
        problems.add(
          pointer,
          `${where}: ${p.in} parameters are not supported by the client (path and query are); the client sets its own headers`,
        );
        return;
      }
      if (p.content !== undefined || p.schema === undefined) {
        problems.add(
          pointer,
          `${where}: needs a schema (content-encoded parameters are not supported)`,
        );
        return;
      }
      const style = p.in === 'path' ? 'simple' : 'form';
      if (p.style !== undefined && p.style !== style) {
        problems.add(
          pointer,
          `${where}: style ${p.style} is not supported; a ${p.in} parameter is serialized with OpenAPI's default, ${style}`,
        );
      }
      if (p.allowReserved === true || p.allowEmptyValue === true) {
        problems.add(pointer, `${where}: allowReserved and allowEmptyValue are not supported`);
      }
      if (p.in === 'path' && p.required !== true) {
        problems.add(pointer, `${where}: a path parameter must be required: true (OpenAPI)`);
      }
      if (p.in === 'path' && !path.includes(`{${p.name}}`)) {
        problems.add(pointer, `${where}: the path ${path} has no {${p.name}}`);
      }
      const type = typeOf(doc, p.schema);
      const itemsType = type === 'array' ? typeOf(doc, itemsOf(doc, p.schema)) : undefined;
      const scalar = type !== undefined && PARAMETER_TYPES.has(type);
      if (
        !(
          scalar ||
          (type === 'array' && p.in === 'query' && itemsType && PARAMETER_TYPES.has(itemsType))
        )
      ) {
        problems.add(
          pointer,
          `${where}: its schema needs one type: string, number, integer or boolean${p.in === 'query' ? ', or an array of one of them' : ''} (a URL carries no null, object or mixed value)`,
        );
        return;
      }
      if (type === 'array' && p.explode === false) {
        problems.add(
          pointer,
          `${where}: explode: false is not supported; an array is sent as repeated name=value pairs`,
        );
      }
      byKey.set(`${p.in} ${p.name}`, {
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: [...at, 'schema'],
        type: /** @type {ReadParameter['type']} */ (type),
        ...(itemsType ? { items: /** @type {ReadParameter['items']} */ (itemsType) } : {}),
      });
    });
  }
  for (const [, name] of path.matchAll(/\{([^{}]*)\}/g)) {
    if (!byKey.has(`path ${name}`)) {
      problems.add(
        toPointer(['paths', path]),
        `${id}: the path ${path} has {${name}} but no path parameter named ${name}`,
      );
    }
  }
  const all = [...byKey.values()];
  return [...all.filter((p) => p.in === 'path'), ...all.filter((p) => p.in === 'query')];
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
          `${id}: ${method.toUpperCase()} operations are not supported by the client: their answers carry no body to read the platform's code from (at ${pointer})`,
        );
        continue;
      }
      const parameters = readParameters(
        doc,
        id,
        path,
        [
          [item.parameters, [...itemAt, 'parameters']],
          [op.parameters, [...at, 'parameters']],
        ],
        problems,
      );
      const [body, bodyAt] = follow(doc, op.requestBody, [...at, 'requestBody']);
      if (!body && op.requestBody !== undefined) {
        problems.add(pointer, `${id}: its requestBody at ${toPointer(bodyAt)} does not resolve`);
        continue;
      }
      if (body && method === 'get') {
        problems.add(pointer, `${id}: a GET carries no request body (at ${toPointer(bodyAt)})`);
        continue;
      }
      const contentTypes = Object.keys(body?.content ?? {});
      if (!body) {
        // An operation without a request body: nothing to validate or send but its parameters.
      } else if (contentTypes.some((t) => t !== 'application/json')) {
        problems.add(
          pointer,
          `${id}: request body ${contentTypes.join(', ')}: only application/json is supported (at ${toPointer([...bodyAt, 'content'])})`,
        );
        continue;
      } else if (
        !body.content?.['application/json'] ||
        !('schema' in body.content['application/json'])
      ) {
        problems.add(
          pointer,
          `${id}: a JSON request body schema is required (at ${toPointer(bodyAt)})`,
        );
        continue;
      } else if (body.required !== true) {
        problems.add(
          pointer,
          `${id}: requestBody must be required: true, or left out (at ${toPointer(bodyAt)})`,
        );
      }
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
      if (token && (parameters.length || !body)) {
        problems.add(pointer, `${id}: the token endpoint takes a JSON body and no parameters`);
      }
      const idempotent = op['x-tianman-idempotent'];
      if (idempotent !== undefined && typeof idempotent !== 'boolean') {
        problems.add(pointer, `${id}: x-tianman-idempotent must be true or false`);
      }
      const emptySuccess = Object.entries(op.responses ?? {}).some(([status, response]) => {
        const [r] = follow(doc, response, []);
        return /^2\d\d$/.test(status) && r && typeof r === 'object' && !r.content;
      });
      operations.push({
        id,
        method: method.toUpperCase(),
        path,
        security,
        parameters,
        bodySchema: body ? [...bodyAt, 'content', 'application/json', 'schema'] : undefined,
        idempotent: idempotent === true,
        emptySuccess,
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
