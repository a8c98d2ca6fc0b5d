// @ts-check
// Every schema of the OpenAPI document, indexed by where it stands, with its base URI; and every
// `$ref` resolved to one of them. A reference resolves within the document or not at all:
// JSON Pointers (`#/components/schemas/X`, `~0`, `~1` and percent-encoding), `$id` resources
// embedded anywhere, and `$anchor`s. Nothing is read from a file or the network.
import { parsePointer, toPointer } from './pointer.mjs';
import { resolveUri, splitFragment } from './uri.mjs';
import {
  ANNOTATIONS,
  CHECKS,
  REFUSED,
  regexProblem,
  SCHEMA,
  SCHEMA_ARRAY,
  SCHEMA_MAP,
} from './vocabulary.mjs';

/**
 * One schema of the document.
 * @typedef {object} Entry
 * @property {boolean | Record<string, any>} node the schema
 * @property {string[]} segments where it stands in the document
 * @property {string} at the same, as a JSON Pointer (`#/components/schemas/X`)
 * @property {string} base the base URI its references are read against
 * @property {Entry} [target] what its `$ref` resolves to
 */

/**
 * The index of a document's schemas.
 * @typedef {object} SchemaIndex
 * @property {(at: string) => Entry | undefined} get the schema at a JSON Pointer
 * @property {(segments: string[]) => Entry | undefined} schemaAt the schema at a place
 * @property {(entry: Entry) => boolean} isTarget whether a `$ref` points at the schema
 */

/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The places of the document where OpenAPI 3.1 puts schemas: components, and the media types,
 * parameters and headers of paths, webhooks and components.
 * @param {Record<string, any>} doc
 * @returns {string[][]}
 */
function schemaPlaces(doc) {
  /** @type {string[][]} */
  const places = [];
  /** @param {unknown} content @param {string[]} at */
  const content = (content, at) => {
    if (!isObject(content)) return;
    for (const [type, media] of Object.entries(/** @type {object} */ (content))) {
      if (isObject(media) && 'schema' in media) places.push([...at, type, 'schema']);
    }
  };
  /** @param {unknown} p @param {string[]} at (a parameter or a header) */
  const parameter = (p, at) => {
    if (!isObject(p)) return;
    if ('schema' in /** @type {object} */ (p)) places.push([...at, 'schema']);
    content(/** @type {any} */ (p).content, [...at, 'content']);
  };
  /** @param {unknown} r @param {string[]} at */
  const response = (r, at) => {
    if (!isObject(r)) return;
    content(/** @type {any} */ (r).content, [...at, 'content']);
    for (const [name, h] of Object.entries(/** @type {any} */ (r).headers ?? {})) {
      parameter(h, [...at, 'headers', name]);
    }
  };
  /** @param {unknown} item @param {string[]} at */
  const pathItem = (item, at) => {
    if (!isObject(item)) return;
    for (const [key, op] of Object.entries(/** @type {object} */ (item))) {
      if (key === 'parameters' && Array.isArray(op)) {
        op.forEach((p, i) => {
          parameter(p, [...at, key, String(i)]);
        });
      }
      if (!isObject(op) || !('responses' in op || 'requestBody' in op || 'parameters' in op)) {
        continue;
      }
      const o = /** @type {any} */ (op);
      if (Array.isArray(o.parameters)) {
        o.parameters.forEach((/** @type {unknown} */ p, /** @type {number} */ i) => {
          parameter(p, [...at, key, 'parameters', String(i)]);
        });
      }
      if (isObject(o.requestBody))
        content(o.requestBody.content, [...at, key, 'requestBody', 'content']);
      for (const [status, r] of Object.entries(o.responses ?? {})) {
        response(r, [...at, key, 'responses', status]);
      }
    }
  };
  for (const group of ['paths', 'webhooks']) {
    for (const [name, item] of Object.entries(doc[group] ?? {})) pathItem(item, [group, name]);
  }
  const c = doc.components ?? {};
  for (const name of Object.keys(c.schemas ?? {})) places.push(['components', 'schemas', name]);
  for (const [name, p] of Object.entries(c.parameters ?? {}))
    parameter(p, ['components', 'parameters', name]);
  for (const [name, h] of Object.entries(c.headers ?? {}))
    parameter(h, ['components', 'headers', name]);
  for (const [name, b] of Object.entries(c.requestBodies ?? {})) {
    content(/** @type {any} */ (b)?.content, ['components', 'requestBodies', name, 'content']);
  }
  for (const [name, r] of Object.entries(c.responses ?? {}))
    response(r, ['components', 'responses', name]);
  for (const [name, item] of Object.entries(c.pathItems ?? {}))
    pathItem(item, ['components', 'pathItems', name]);
  return places;
}

/**
 * @param {unknown} doc
 * @param {string[]} segments
 */
function valueAt(doc, segments) {
  /** @type {any} */
  let node = doc;
  for (const s of segments) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, s)) return undefined;
    node = node[s];
  }
  return node;
}

/**
 * Indexes every schema of `doc` and resolves every `$ref` among them; what cannot be honoured
 * goes to `problems`.
 * @param {Record<string, any>} doc the OpenAPI document
 * @param {string} docUri its URI: the base of references outside any `$id`
 * @param {import('./problems.mjs').Problems} problems
 * @returns {SchemaIndex}
 */
export function indexDocument(doc, docUri, problems) {
  /** @type {Map<string, Entry>} */
  const entries = new Map();
  /** @type {Map<string, string[]>} resource URI → where its root stands */
  const resources = new Map([[docUri, []]]);
  /** @type {Map<string, Entry>} */
  const anchors = new Map();
  /** @type {Entry[]} */
  const withRef = [];

  /**
   * @param {unknown} node
   * @param {string[]} segments
   * @param {string} base
   */
  function walk(node, segments, base) {
    const at = toPointer(segments);
    if (typeof node === 'boolean') {
      entries.set(at, { node, segments, at, base });
      return;
    }
    if (!isObject(node)) {
      problems.add(at, `schema at ${at} must be an object or a boolean`, 'schema');
      return;
    }
    const schema = /** @type {Record<string, any>} */ (node);
    let ownBase = base;
    if (typeof schema.$id === 'string' && !CHECKS.$id?.(schema.$id, schema)) {
      ownBase = splitFragment(resolveUri(base, schema.$id))[0];
      if (resources.has(ownBase)) {
        problems.add(
          at,
          `$id ${JSON.stringify(schema.$id)} at ${at}: ${ownBase} is identified twice`,
          '$id',
        );
      }
      resources.set(ownBase, segments);
    }
    /** @type {Entry} */
    const entry = { node: schema, segments, at, base: ownBase };
    entries.set(at, entry);
    if (typeof schema.$anchor === 'string' && !CHECKS.$anchor?.(schema.$anchor, schema)) {
      const name = `${ownBase}#${schema.$anchor}`;
      if (anchors.has(name))
        problems.add(at, `$anchor at ${at}: ${name} is anchored twice`, '$anchor');
      anchors.set(name, entry);
    }
    if (typeof schema.$ref === 'string') withRef.push(entry);
    for (const [key, value] of Object.entries(schema)) {
      const where = [...segments, key];
      if (SCHEMA.has(key)) walk(value, where, ownBase);
      else if (SCHEMA_ARRAY.has(key)) {
        if (!Array.isArray(value) || !value.length) {
          problems.add(at, `${key} at ${at} must be a non-empty array of schemas`, key);
        } else {
          value.forEach((sub, i) => {
            walk(sub, [...where, String(i)], ownBase);
          });
        }
      } else if (SCHEMA_MAP.has(key)) {
        if (!isObject(value)) {
          problems.add(at, `${key} at ${at} must map names to schemas`, key);
          continue;
        }
        for (const [name, sub] of Object.entries(value)) {
          if (key === 'patternProperties') {
            const why = regexProblem(name);
            if (why) {
              problems.add(at, `patternProperties ${JSON.stringify(name)} at ${at} ${why}`, key);
            }
          }
          walk(sub, [...where, name], ownBase);
        }
      } else if (ANNOTATIONS.has(key)) {
        // Read by no one: a value of any shape changes no verdict.
      } else if (Object.hasOwn(CHECKS, key)) {
        const why = CHECKS[key]?.(value, schema);
        if (why) problems.add(at, `${key} at ${at} ${why}`, key);
      } else if (Object.hasOwn(REFUSED, key)) {
        problems.add(
          at,
          `${key} at ${at}: ${REFUSED[/** @type {keyof typeof REFUSED} */ (key)]}`,
          key,
        );
      } else if (key.startsWith('x-')) {
        problems.add(
          at,
          `extension ${key} at ${at} means nothing to the generator (it reads x-pattern-message)`,
          key,
        );
      } else {
        problems.add(
          at,
          `unknown keyword ${JSON.stringify(key)} at ${at}: JSON Schema 2020-12 has no such keyword (a typo?)`,
          key,
        );
      }
    }
  }

  for (const place of schemaPlaces(doc)) walk(valueAt(doc, place), place, docUri);

  /**
   * The schema at `segments`. A reference may point at a value no keyword makes a schema (an
   * `examples` item, say): 2020-12 reads it as a schema all the same, so it is indexed then,
   * with the base URI of the schema it stands in.
   * @param {string[]} segments
   */
  function schemaAt(segments) {
    const found = entries.get(toPointer(segments));
    if (found) return found;
    const value = valueAt(doc, segments);
    if (typeof value !== 'boolean' && !isObject(value)) return undefined;
    let base = docUri;
    for (let i = segments.length - 1; i >= 0; i--) {
      const around = entries.get(toPointer(segments.slice(0, i)));
      if (around) {
        base = around.base;
        break;
      }
    }
    walk(value, segments, base);
    return entries.get(toPointer(segments));
  }

  // `withRef` grows while a reference makes a new schema known.
  for (let i = 0; i < withRef.length; i++) {
    const entry = /** @type {Entry} */ (withRef[i]);
    const schema = /** @type {Record<string, any>} */ (entry.node);
    const ref = /** @type {string} */ (schema.$ref);
    const found = `$ref ${JSON.stringify(ref)} at ${entry.at}`;
    const [resource, fragment] = splitFragment(resolveUri(entry.base, ref));
    const root = resources.get(resource);
    if (!root) {
      problems.add(
        entry.at,
        `${found} does not resolve within the document (${resource}): external files and URLs are not read; bundle the schema into the document`,
        '$ref',
      );
      continue;
    }
    let name;
    try {
      name = decodeURIComponent(fragment);
    } catch {
      problems.add(entry.at, `${found}: its fragment is not valid percent-encoding`, '$ref');
      continue;
    }
    let target;
    if (name === '' || name.startsWith('/')) {
      const pointer = parsePointer(name);
      target = pointer && schemaAt([...root, ...pointer]);
      if (!target) {
        problems.add(entry.at, `${found} points at no schema of the document`, '$ref');
        continue;
      }
    } else {
      target = anchors.get(`${resource}#${name}`);
      if (!target) {
        problems.add(
          entry.at,
          `${found}: no $anchor ${JSON.stringify(name)} in ${resource}`,
          '$ref',
        );
        continue;
      }
    }
    entry.target = target;
  }

  refuseEndlessRefs(withRef, entries, problems);

  const targets = new Set(withRef.flatMap((e) => (e.target ? [e.target.at] : [])));
  return {
    get: (at) => entries.get(at),
    schemaAt: (segments) => entries.get(toPointer(segments)),
    isTarget: (entry) => targets.has(entry.at),
  };
}

// The applicators that apply a subschema to the same value (in place).
const IN_PLACE_ONE = ['not', 'if', 'then', 'else'];
const IN_PLACE_MANY = ['allOf', 'anyOf', 'oneOf'];

/**
 * Refuses a `$ref` through which a schema applies itself to the same value again without
 * reading any deeper into it (`{ "$ref": "#" }`, two schemas in `allOf` referencing each other):
 * checking it would never end.
 * @param {Entry[]} withRef
 * @param {Map<string, Entry>} entries
 * @param {import('./problems.mjs').Problems} problems
 */
function refuseEndlessRefs(withRef, entries, problems) {
  /** @param {Entry} entry @returns {Entry[]} */
  const inPlace = (entry) => {
    if (typeof entry.node !== 'object') return [];
    const s = entry.node;
    /** @type {Array<Entry | undefined>} */
    const next = [entry.target];
    for (const k of IN_PLACE_ONE) if (k in s) next.push(entries.get(`${entry.at}/${k}`));
    for (const k of IN_PLACE_MANY) {
      if (Array.isArray(s[k]))
        s[k].forEach((/** @type {unknown} */ _, /** @type {number} */ i) => {
          next.push(entries.get(`${entry.at}/${k}/${i}`));
        });
    }
    if (s.dependentSchemas && typeof s.dependentSchemas === 'object') {
      for (const name of Object.keys(s.dependentSchemas)) {
        next.push(entries.get(toPointer([...entry.segments, 'dependentSchemas', name])));
      }
    }
    return next.filter((e) => e !== undefined);
  };
  /** @type {Map<Entry, 'open' | 'done'>} */
  const state = new Map();
  /** @type {Set<Entry>} */
  const reported = new Set();
  /** @param {Entry} entry @param {Entry[]} stack */
  const visit = (entry, stack) => {
    state.set(entry, 'open');
    stack.push(entry);
    for (const next of inPlace(entry)) {
      const seen = state.get(next);
      if (seen === 'open') {
        // The loop: from `next` down the stack back to it; named by its first $ref.
        const loop = stack.slice(stack.indexOf(next));
        const ref = loop.find((e) => e.target !== undefined) ?? entry;
        if (!reported.has(ref)) {
          reported.add(ref);
          problems.add(
            ref.at,
            `$ref at ${ref.at} applies a schema to the value it is already checking, endlessly (${loop.map((e) => e.at).join(' → ')} → ${next.at}): a reference back must go through a property or an item`,
            '$ref',
          );
        }
      } else if (seen === undefined) visit(next, stack);
    }
    stack.pop();
    state.set(entry, 'done');
  };
  for (const entry of withRef) if (!state.has(entry)) visit(entry, []);
}

/**
 * Refuses a `$ref` outside the schemas (a response, a parameter, an example value) that does
 * not point into the document: the type generator would follow it to a file or a URL.
 * @param {unknown} doc
 * @param {SchemaIndex} index
 * @param {import('./problems.mjs').Problems} problems
 */
export function refuseOutsideRefs(doc, index, problems) {
  /** @param {unknown} node @param {string[]} segments */
  const visit = (node, segments) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, [...segments, String(i)]);
      });
      return;
    }
    const o = /** @type {Record<string, unknown>} */ (node);
    const ref = o.$ref;
    if (typeof ref === 'string' && !ref.startsWith('#') && !index.schemaAt(segments)) {
      const at = toPointer(segments);
      problems.add(
        at,
        `$ref ${JSON.stringify(ref)} at ${at} does not point into the document: external files and URLs are not read`,
      );
    }
    for (const [key, value] of Object.entries(o)) visit(value, [...segments, key]);
  };
  visit(doc, []);
}
