// Every schema of the document, as the rules that look at one schema at a time walk them
// (`$ref`s are not followed: the schema they point to is walked where it stands).

import { isJsonMediaType } from './media-type.js';
import { operationsOf } from './operations.js';
import { followRef, pointerOf } from './pointer.js';

/** Keywords whose value is a map of schemas, a list of schemas, or one schema. */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['prefixItems', 'allOf', 'anyOf', 'oneOf'];
const SCHEMAS = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
];

/**
 * @typedef {object} SchemaNode
 * @property {Record<string, any>} node the schema (an object: boolean schemas hold no keyword)
 * @property {Array<string | number>} path where it is in the document
 * @property {string[]} under the subschema keywords between its root schema and it
 */

/**
 * The roots of the schemas the generator compiles: every `components.schemas` entry, every
 * operation's JSON request body schema, and every parameter's schema (the path item's, the
 * operation's, `components.parameters`).
 *
 * @param {any} doc the whole document
 * @returns {Array<{ node: unknown, path: Array<string | number> }>}
 */
export function compiledSchemaRoots(doc) {
  const roots = [];
  const schemas = doc?.components?.schemas;
  if (schemas && typeof schemas === 'object') {
    for (const [name, node] of Object.entries(schemas)) {
      roots.push({ node, path: ['components', 'schemas', name] });
    }
  }
  for (const { op, path } of operationsOf(doc)) {
    const body = followRef(doc, op.requestBody, [...path, 'requestBody']);
    roots.push(...mediaSchemas(body.node, body.path));
    const item = doc.paths[path[1]];
    for (const [list, at] of [
      [item.parameters, ['paths', path[1], 'parameters']],
      [op.parameters, [...path, 'parameters']],
    ]) {
      if (!Array.isArray(list)) continue;
      list.forEach((raw, i) => {
        const parameter = followRef(doc, raw, [...at, i]);
        if (parameter.node && typeof parameter.node === 'object' && 'schema' in parameter.node) {
          roots.push({ node: parameter.node.schema, path: [...parameter.path, 'schema'] });
        }
      });
    }
  }
  for (const [name, parameter] of Object.entries(doc?.components?.parameters ?? {})) {
    if (parameter && typeof parameter === 'object' && 'schema' in parameter) {
      roots.push({ node: parameter.schema, path: ['components', 'parameters', name, 'schema'] });
    }
  }
  return dedupe(roots);
}

/**
 * The roots of every schema of the document: those the generator compiles and every JSON
 * response schema (inline, or in `components.responses`).
 *
 * @param {any} doc the whole document
 */
export function allSchemaRoots(doc) {
  const roots = compiledSchemaRoots(doc);
  for (const { op, path } of operationsOf(doc)) {
    const responses = op.responses;
    if (!responses || typeof responses !== 'object') continue;
    for (const [status, raw] of Object.entries(responses)) {
      const response = followRef(doc, raw, [...path, 'responses', status]);
      roots.push(...mediaSchemas(response.node, response.path));
    }
  }
  const components = doc?.components?.responses;
  if (components && typeof components === 'object') {
    for (const [name, response] of Object.entries(components)) {
      roots.push(...mediaSchemas(response, ['components', 'responses', name]));
    }
  }
  return dedupe(roots);
}

/** The JSON schemas of a Request Body or Response Object's `content`. */
function mediaSchemas(holder, path) {
  const content = holder?.content;
  if (!content || typeof content !== 'object') return [];
  return Object.entries(content)
    .filter(([type, media]) => isJsonMediaType(type) && media && 'schema' in media)
    .map(([type, media]) => ({ node: media.schema, path: [...path, 'content', type, 'schema'] }));
}

function dedupe(roots) {
  const seen = new Set();
  return roots.filter(({ path }) => {
    const key = pointerOf(path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every schema object under the roots, the roots included, depth first.
 *
 * @param {Array<{ node: unknown, path: Array<string | number> }>} roots
 * @returns {Generator<SchemaNode>}
 */
export function* schemaNodes(roots) {
  for (const root of roots) yield* walk(root.node, root.path, []);
}

function* walk(node, path, under) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  yield { node, path, under };
  for (const keyword of SCHEMA_MAPS) {
    const value = node[keyword];
    if (!value || typeof value !== 'object') continue;
    for (const [name, sub] of Object.entries(value)) {
      yield* walk(sub, [...path, keyword, name], [...under, keyword]);
    }
  }
  for (const keyword of SCHEMA_LISTS) {
    const value = node[keyword];
    if (!Array.isArray(value)) continue;
    for (const [i, sub] of value.entries())
      yield* walk(sub, [...path, keyword, i], [...under, keyword]);
  }
  for (const keyword of SCHEMAS) {
    if (keyword in node) yield* walk(node[keyword], [...path, keyword], [...under, keyword]);
  }
}
