// @ts-check
// openapi.ts: the types, by openapi-typescript, from a copy of the document that means the same
// but that it can read:
// - every schema `$ref` points at its target by a JSON Pointer into the document (`$id` and
//   `$anchor` are this compiler's to resolve, and openapi-typescript would fetch what it cannot
//   find);
// - a target whose pointer has an empty segment (`#/$defs//x`), which openapi-typescript cannot
//   follow, is copied under components/schemas and referenced there;
// - a boolean schema where it cannot take one (in `allOf`, `$defs`) is written as the equal
//   object schema (`{}` for true, `{ "not": {} }` for false);
// - a key named like a method of Object.prototype (`hasOwnProperty`, `valueOf`…), which its
//   resolver looks up in a plain object and calls, is renamed to a placeholder, in `required`
//   and `dependentRequired` too; the placeholders are renamed back in the AST it returns
//   (string literals only), and the printed types are checked to hold none.
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { escapeSegment } from './pointer.mjs';
import { GenerateError } from './problems.mjs';

// Where openapi-typescript reads a subschema's keywords without checking that it is an object.
const NO_BOOLEANS = new Set(['allOf', '$defs']);
// Private-use characters: no key of a document starts so (checked).
const PLACEHOLDER = '\uE000tianman\uE000';

/**
 * The key the copy uses for `key`.
 * @param {string} key
 */
const keyFor = (key) =>
  key !== '__proto__' && Object.hasOwn(Object.prototype, key) ? PLACEHOLDER + key : key;

/**
 * A `$ref` to a place of the document: a JSON Pointer written as a URI fragment (each segment
 * percent-encoded, as openapi-typescript decodes it).
 * @param {string[]} segments
 */
const refTo = (segments) =>
  `#${segments.map((s) => `/${encodeURIComponent(escapeSegment(s))}`).join('')}`;

/** Builds the copy. */
class ReadableCopy {
  /**
   * @param {Record<string, any>} doc
   * @param {import('./resolve-refs.mjs').SchemaIndex} index
   */
  constructor(doc, index) {
    this.doc = doc;
    this.index = index;
    /** @type {Map<string, string>} pointer of a relocated target → its name in the copy */
    this.relocated = new Map();
    /** @type {Array<[string, string[]]>} */
    this.queue = [];
  }

  /**
   * Where the copy's `$ref` to `segments` points.
   * @param {string[]} segments
   */
  ref(segments) {
    if (!segments.includes('')) return refTo(segments);
    const key = refTo(segments);
    let name = this.relocated.get(key);
    if (!name) {
      const taken = new Set(Object.keys(this.doc.components?.schemas ?? {}));
      let n = this.relocated.size;
      while (taken.has(`TianmanRefTarget${n}`)) n++;
      name = `TianmanRefTarget${n}`;
      this.relocated.set(key, name);
      this.queue.push([name, segments]);
    }
    return refTo(['components', 'schemas', name]);
  }

  /**
   * @param {unknown} node
   * @param {string[]} segments
   * @returns {unknown}
   */
  copy(node, segments) {
    const entry = this.index.schemaAt(segments);
    if (entry && typeof node === 'boolean') {
      // Equal schemas: rewriting one that stands elsewhere would change nothing but the types.
      const container = segments[segments.length - 2] ?? '';
      return NO_BOOLEANS.has(container) ? (node ? {} : { not: {} }) : node;
    }
    if (Array.isArray(node))
      return node.map((item, i) => this.copy(item, [...segments, String(i)]));
    if (!node || typeof node !== 'object') return node;
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith(PLACEHOLDER)) {
        throw new Error('generate: internal: a key of the document starts with the placeholder');
      }
      if (entry && (key === '$id' || key === '$anchor')) continue;
      let copy;
      if (entry && key === '$ref' && entry.target) copy = this.ref(entry.target.segments);
      else if (entry && key === 'required' && Array.isArray(value)) copy = value.map(keyFor);
      else if (entry && key === 'dependentRequired' && value && typeof value === 'object') {
        copy = Object.fromEntries(
          Object.entries(value).map(([k, names]) => [
            keyFor(k),
            Array.isArray(names) ? names.map(keyFor) : names,
          ]),
        );
      } else copy = this.copy(value, [...segments, key]);
      // A field, not the prototype: the copy keeps a `__proto__` key as the document has it.
      Object.defineProperty(out, keyFor(key), {
        value: copy,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /** The whole copy. */
  build() {
    const out = /** @type {Record<string, any>} */ (this.copy(this.doc, []));
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      const [name, segments] = next;
      const target = this.index.schemaAt(segments);
      out.components ??= {};
      out.components.schemas ??= {};
      out.components.schemas[name] = this.copy(target?.node, segments);
    }
    return out;
  }
}

/**
 * Names the placeholders' keys back in openapi-typescript's AST: a property name becomes the
 * identifier or string literal it would have printed, any other string literal the name.
 * @type {ts.TransformerFactory<ts.Node>}
 */
const restoreKeys = (context) => {
  /** @type {(node: ts.Node) => ts.Node} */
  const visit = (node) => {
    if (ts.isStringLiteral(node) && node.text.startsWith(PLACEHOLDER)) {
      return ts.factory.createStringLiteral(node.text.slice(PLACEHOLDER.length));
    }
    const out = ts.visitEachChild(node, visit, context);
    if (
      ts.isPropertySignature(node) &&
      ts.isPropertySignature(out) &&
      ts.isStringLiteral(node.name) &&
      node.name.text.startsWith(PLACEHOLDER)
    ) {
      const name = node.name.text.slice(PLACEHOLDER.length);
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) {
        return ts.factory.updatePropertySignature(
          out,
          out.modifiers,
          ts.factory.createIdentifier(name),
          out.questionToken,
          out.type,
        );
      }
    }
    return out;
  };
  return (node) => ts.visitNode(node, visit);
};

/**
 * The types of `doc`, printed.
 * @param {Record<string, any>} doc
 * @param {import('./resolve-refs.mjs').SchemaIndex} index
 * @returns {Promise<string>}
 */
export async function openapiTypes(doc, index) {
  const copy = new ReadableCopy(doc, index).build();
  try {
    const nodes = await openapiTS(/** @type {any} */ (copy), { alphabetize: false });
    const types = astToString(/** @type {any} */ (ts.transform(nodes, [restoreKeys]).transformed));
    if (types.includes(PLACEHOLDER)) {
      throw new Error('generate: internal: a renamed key was not restored in the types');
    }
    return types;
  } catch (error) {
    throw new GenerateError([
      {
        at: '#',
        message: `openapi-typescript cannot type the document: ${/** @type {Error} */ (error).message}`,
      },
    ]);
  }
}
