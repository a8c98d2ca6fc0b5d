// Spectral function of `tianman-parameters`: the path and query parameters the client sends
// (typed, validated, percent-encoded in OpenAPI's default styles). The generator refuses what
// the client cannot send; the lint says it first, with the fix.
import { operationsOf } from './lib/operations.js';
import { patternMaxLength } from './lib/pattern-bound.js';
import { followRef, pointerOf } from './lib/pointer.js';

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);
const BOUNDED_FORMATS = new Set(['date', 'uuid', 'ipv4', 'ipv6']);

/** The schema a parameter's schema stands for, following a `$ref` (a schema that is only one). */
function schemaOf(doc, schema, path) {
  let at = { node: schema, path };
  const seen = new Set();
  while (at.node && typeof at.node.$ref === 'string' && !seen.has(at.node.$ref)) {
    seen.add(at.node.$ref);
    const next = followRef(doc, at.node, at.path);
    if (next.node === at.node) break;
    at = next;
  }
  return at;
}

/** Whether a string schema bounds its length (maxLength, enum, const, a bounding format or pattern). */
function bounded(schema) {
  return (
    typeof schema.maxLength === 'number' ||
    Array.isArray(schema.enum) ||
    'const' in schema ||
    BOUNDED_FORMATS.has(schema.format) ||
    patternMaxLength(schema.pattern) !== undefined
  );
}

/**
 * Reports each parameter the client cannot send, or that breaks the contract's conventions.
 *
 * @param {unknown} doc the whole document, references unresolved
 * @returns {Array<{ message: string, path: Array<string | number> }>}
 */
export default function parameters(doc) {
  const results = [];
  const add = (message, path) => results.push({ message, path });
  for (const { name, path: opPath, op } of operationsOf(doc)) {
    const route = opPath[1];
    const item = doc.paths[route];
    const lists = [
      [item.parameters, ['paths', route, 'parameters']],
      [op.parameters, [...opPath, 'parameters']],
    ];
    const declaredPath = new Set();
    for (const [list, listPath] of lists) {
      if (!Array.isArray(list)) continue;
      list.forEach((raw, i) => {
        const { node: p, path } = followRef(doc, raw, [...listPath, i]);
        if (!p || typeof p !== 'object') return;
        const where = `${name}: parameter ${p.name ?? i} (${pointerOf(path)})`;
        if (p.in !== 'path' && p.in !== 'query') {
          add(
            `${where} is in ${p.in}: the client sends path and query parameters only (it sets its own headers, and no cookies); carry the value in the body, the path or the query.`,
            [...path, 'in'],
          );
          return;
        }
        if (p.in === 'path') declaredPath.add(p.name);
        if (typeof p.description !== 'string' || !p.description.trim()) {
          add(`${where} has no description: add description: saying what it is.`, path);
        }
        const named = p.examples && typeof p.examples === 'object' ? Object.values(p.examples) : [];
        if (!('example' in p) && !named.some((e) => e && typeof e === 'object' && 'value' in e)) {
          add(
            `${where} has no example: add example: with a value (the spec and mock tests send it).`,
            path,
          );
        }
        if (p.content !== undefined || p.schema === undefined) {
          add(`${where} needs a schema (and no content): add schema: { type: … }.`, path);
          return;
        }
        const style = p.in === 'path' ? 'simple' : 'form';
        if (p.style !== undefined && p.style !== style) {
          add(
            `${where} has style ${p.style}: the client sends ${style}, OpenAPI's default; remove style.`,
            [...path, 'style'],
          );
        }
        for (const flag of ['allowReserved', 'allowEmptyValue']) {
          if (p[flag] === true)
            add(`${where} sets ${flag}: the client does not; remove it.`, [...path, flag]);
        }
        if (p.in === 'path') {
          if (p.required !== true)
            add(`${where} is a path parameter: add required: true (OpenAPI).`, path);
          if (!route.includes(`{${p.name}}`)) {
            add(
              `${where}: the path ${route} has no {${p.name}}; add it to the path or remove the parameter.`,
              path,
            );
          }
        }
        const { node: schema } = schemaOf(doc, p.schema, [...path, 'schema']);
        const items =
          schema?.type === 'array'
            ? schemaOf(doc, schema.items, [...path, 'schema', 'items']).node
            : undefined;
        const scalar = SCALARS.has(schema?.type);
        const array = schema?.type === 'array' && p.in === 'query' && SCALARS.has(items?.type);
        if (!scalar && !array) {
          add(
            `${where}: its schema needs one type: string, number, integer or boolean${p.in === 'query' ? ', or an array of one of them' : ''} (a URL carries no null, object or mixed value).`,
            [...path, 'schema'],
          );
          return;
        }
        if (array && p.explode === false) {
          add(
            `${where} sets explode: false: the client sends an array as repeated name=value pairs; remove explode.`,
            [...path, 'explode'],
          );
        }
        const strings = scalar ? schema : items;
        if (strings.type === 'string' && !bounded(strings)) {
          add(
            `${where} is a string of any length: add maxLength (or an enum, a bounding format, or a pattern anchored ^…$ with an x-pattern-message).`,
            [...path, 'schema'],
          );
        }
      });
    }
    for (const [, variable] of route.matchAll(/\{([^{}]*)\}/g)) {
      if (!declaredPath.has(variable)) {
        add(
          `${name}: the path ${route} has {${variable}} but no path parameter ${variable}: add parameters: [{ name: ${variable}, in: path, required: true, description: …, schema: … }].`,
          opPath,
        );
      }
    }
  }
  return results;
}
