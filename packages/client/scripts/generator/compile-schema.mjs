// @ts-check
// The compiler: JSON Schema 2020-12 to JavaScript, built as an AST (js.mjs). Each schema reached
// through `$ref` becomes a function of its own (so recursion and sharing are plain calls); the
// subschemas in between are inlined. A function comes in two modes:
//
//   check  (data, path, issues[, evaluated]) → issues   adds every issue (allErrors) to `issues`
//   test   (data[, evaluated]) → boolean                 the verdict only, stops at the first failure
//
// `check` serves what must hold (the body, `properties`, `allOf`, `then`…); `test` serves what
// may fail without being an issue itself (`anyOf` branches, `not`, `if`, `contains`,
// `propertyNames`). The `evaluated` variant also reports what it evaluated, for an enclosing
// `unevaluatedProperties`/`unevaluatedItems` (see src/schema-runtime/evaluated.ts): only schemas
// that need it are compiled so.
//
// An issue's rule and message are decided here, from the keyword and where it stands
// (messages.mjs); the generated code only adds where in the body it happened.
import * as js from './js.mjs';
import {
  dependentRequiredMessage,
  messageOf,
  noMoreItemsMessage,
  uniqueItemsMessage,
} from './messages.mjs';
import { pathSegment } from './pointer.mjs';
import { ANNOTATIONS, FORMATS } from './vocabulary.mjs';

/** @typedef {import('./resolve-refs.mjs').Entry} Entry */
/** @typedef {import('./resolve-refs.mjs').SchemaIndex} SchemaIndex */
/** @typedef {import('typescript').Expression} Expr */
/** @typedef {import('typescript').Statement} Stmt */
/** @typedef {'check' | 'test'} Mode */
/**
 * A path part: static text (`/name`), a key or an index read at run time, or the function's
 * `path` parameter (where its value is in the body).
 * @typedef {{ text: string } | { key: string } | { index: string } | { prefix: string }} PathPart
 */
/**
 * What a `false` schema's issue says: the keyword that applied it.
 * @typedef {{ rule: string, message: string }} Via
 */

/** The runtime module (under src/schema-runtime/) of each helper the generated code calls. */
const HELPERS = {
  issue: 'issue',
  pointerSegment: 'pointer-segment',
  longerThan: 'string-length',
  shorterThan: 'string-length',
  deepEqual: 'deep-equal',
  includesEqual: 'includes-equal',
  hasField: 'has-field',
  isJsonObject: 'is-json-object',
  fieldCount: 'field-count',
  isMultipleOf: 'multiple-of',
  repeatedItem: 'repeated-item',
  evaluated: 'evaluated',
  seeProp: 'evaluated',
  seeAllProps: 'evaluated',
  seeItems: 'evaluated',
  seeItem: 'evaluated',
  seenProp: 'evaluated',
  seenItem: 'evaluated',
  mergeEvaluated: 'evaluated',
  ...Object.fromEntries(Object.values(FORMATS).map((f) => [f.name, f.module])),
};

// Keys of a schema that change nothing when it is only a `$ref`: a call straight to the target.
const INERT = new Set(['$ref', '$id', '$anchor', '$defs', '$schema', ...ANNOTATIONS]);

// Up to this many names, a name test is a chain of `===`; beyond, a Set.
const CHAIN = 8;

const STRING_KEYWORDS = ['maxLength', 'minLength', 'pattern', 'format'];
const NUMBER_KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
];
// Unknown fields are named before the known ones' values are checked.
const OBJECT_KEYWORDS = [
  'required',
  'dependentRequired',
  'minProperties',
  'maxProperties',
  'patternProperties',
  'additionalProperties',
  'properties',
  'propertyNames',
  'dependentSchemas',
];
const ARRAY_KEYWORDS = ['minItems', 'maxItems', 'uniqueItems', 'prefixItems', 'items', 'contains'];

/** @param {Entry} entry */
const schemaOf = (entry) => /** @type {Record<string, any>} */ (entry.node);

/** Compiles the schemas of one module. */
export class SchemaCompiler {
  /** @param {SchemaIndex} index */
  constructor(index) {
    this.index = index;
    /** @type {Map<string, string>} helper → module */
    this.helpers = new Map();
    /** @type {Stmt[]} module-level constants */
    this.constants = [];
    /** @type {Map<string, string>} */
    this.constantNames = new Map();
    /** @type {Map<string, string>} */
    this.functionNames = new Map();
    /** @type {Stmt[]} */
    this.functions = [];
    /** @type {Array<() => void>} */
    this.queue = [];
    this.counter = 0;
  }

  /**
   * A runtime helper, imported.
   * @param {keyof typeof HELPERS} name
   */
  helper(name) {
    this.helpers.set(name, HELPERS[name]);
    return js.id(name);
  }

  /**
   * A module-level constant, made once per distinct value.
   * @param {string} key
   * @param {string} prefix
   * @param {() => Expr} make
   */
  constant(key, prefix, make) {
    let name = this.constantNames.get(key);
    if (!name) {
      name = `${prefix}${this.counter++}`;
      this.constantNames.set(key, name);
      this.constants.push(js.moduleConst(name, make(), false));
    }
    return js.id(name);
  }

  /** @param {string} source a pattern, checked when indexing */
  regex(source) {
    return this.constant(`regex:${source}`, 'pattern', () => js.regex(source, 'u'));
  }

  /** @param {unknown} value a JSON value (an array or object) */
  value(value) {
    return this.constant(`value:${JSON.stringify(value)}`, 'value', () => js.literal(value));
  }

  /** @param {string[]} names */
  nameSet(names) {
    return this.constant(`names:${JSON.stringify(names)}`, 'names', () =>
      js.construct('Set', [js.literal(names)]),
    );
  }

  /**
   * Follows schemas that are only a `$ref` to what they reference.
   * @param {Entry} entry
   */
  unwrap(entry) {
    const seen = new Set();
    let e = entry;
    while (
      typeof e.node === 'object' &&
      e.target &&
      !seen.has(e) &&
      Object.keys(e.node).every((k) => INERT.has(k))
    ) {
      seen.add(e);
      e = e.target;
    }
    return e;
  }

  /**
   * The name of the function checking or testing `entry`, compiled once per variant.
   * @param {Entry} entry
   * @param {Mode} mode
   * @param {boolean} annotated whether it reports what it evaluated
   */
  functionFor(entry, mode, annotated) {
    const target = this.unwrap(entry);
    const key = `${mode}${annotated ? '+evaluated' : ''} ${target.at}`;
    let name = this.functionNames.get(key);
    if (!name) {
      name = `${mode}${this.counter++}`;
      this.functionNames.set(key, name);
      const fn = name;
      this.queue.push(() => {
        const scope = new Scope(this, mode, target);
        const evaluated = annotated ? 'a' : null;
        const path = mode === 'check' ? [{ prefix: 'p' }] : [];
        const body = scope.schema(target, 'd', path, evaluated, {
          rule: 'false',
          message: messageOf('false', {}),
        });
        const params = mode === 'check' ? ['d', 'p', 'e'] : ['d'];
        if (annotated) params.push('a');
        this.functions.push(
          js.func(
            fn,
            params,
            mode === 'check' ? [...body, js.ret(js.id('e'))] : [...body, js.ret(js.TRUE)],
          ),
        );
      });
    }
    return name;
  }

  /** Compiles every function asked for, and those they call. */
  drain() {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) next();
  }
}

/** The code of one function: fresh local names, and what a failure does in its mode. */
class Scope {
  /**
   * @param {SchemaCompiler} compiler
   * @param {Mode} mode
   * @param {Entry} root the schema the function checks
   */
  constructor(compiler, mode, root) {
    this.c = compiler;
    this.mode = mode;
    this.root = root;
    this.n = 0;
    /** @type {WeakMap<Stmt, (value: Expr) => Stmt>} statements that read their value once */
    this.readsOnce = new WeakMap();
  }

  /** @param {string} prefix */
  fresh(prefix) {
    return `${prefix}${this.n++}`;
  }

  /**
   * The path expression: static text joined with keys (escaped, cut) and indices read at run time.
   * @param {PathPart[]} path
   * @returns {Expr}
   */
  path(path) {
    /** @type {Expr[]} */
    const pieces = [];
    let text = '';
    for (const part of path) {
      if ('text' in part) text += part.text;
      else if ('prefix' in part) pieces.push(js.id(part.prefix));
      else {
        pieces.push(js.str(`${text}/`));
        text = '';
        pieces.push(
          'key' in part
            ? js.call(this.c.helper('pointerSegment'), [js.id(part.key)])
            : js.id(part.index),
        );
      }
    }
    if (text || !pieces.length) pieces.push(js.str(text));
    return pieces.reduce((l, r) => js.bin(l, '+', r));
  }

  /**
   * What a failure does: in `check` mode an issue at `path`, in `test` mode `return false`.
   * @param {PathPart[]} path
   * @param {string} rule
   * @param {string | Expr} message
   * @returns {Stmt}
   */
  fail(path, rule, message) {
    if (this.mode === 'test') return js.ret(js.FALSE);
    return js.assign(
      'e',
      js.call(this.c.helper('issue'), [
        js.id('e'),
        this.path(path),
        js.str(rule),
        typeof message === 'string' ? js.str(message) : message,
      ]),
    );
  }

  /**
   * A call to the function of `entry` (a `$ref` target) on `x`.
   * @param {Entry} entry
   * @param {Expr} x
   * @param {PathPart[]} path
   * @param {string | null} evaluated
   * @returns {Stmt[]}
   */
  call(entry, x, path, evaluated) {
    if (this.c.unwrap(entry).node === true) return [];
    const fn = this.c.functionFor(entry, this.mode, evaluated !== null);
    if (this.mode === 'test') {
      const args = evaluated ? [x, js.id(evaluated)] : [x];
      return [js.ifs(js.not(js.call(fn, args)), [js.ret(js.FALSE)])];
    }
    /** @param {Expr} value */
    const make = (value) => {
      const args = [value, this.path(path), js.id('e')];
      if (evaluated) args.push(js.id(evaluated));
      return js.assign('e', js.call(fn, args));
    };
    const statement = make(x);
    // The call reads the value once: `bind` may pass it in place of a variable.
    this.readsOnce.set(statement, make);
    return [statement];
  }

  /**
   * An expression testing `entry` on `x` (for `anyOf`, `not`, `if`…): `true`/`false` for boolean
   * schemas, else a call to its `test` function.
   * @param {Entry} entry
   * @param {Expr} x
   * @param {string | null} evaluated
   */
  test(entry, x, evaluated) {
    const target = this.c.unwrap(entry);
    if (target.node === true) return js.TRUE;
    if (target.node === false) return js.FALSE;
    const fn = this.c.functionFor(target, 'test', evaluated !== null);
    return js.call(fn, evaluated ? [x, js.id(evaluated)] : [x]);
  }

  /**
   * `const name = value;` before `body`, or, when `body` is one call reading `name` once, the
   * call with `value` in its place.
   * @param {string} name
   * @param {Expr} value
   * @param {Stmt[]} body
   * @returns {Stmt[]}
   */
  bind(name, value, body) {
    if (!body.length) return [];
    const [only] = body;
    if (body.length === 1 && only && this.readsOnce.has(only)) {
      return [/** @type {(value: Expr) => Stmt} */ (this.readsOnce.get(only))(value)];
    }
    return [js.declare('const', name, value), ...body];
  }

  /**
   * The entry of a subschema of `entry`.
   * @param {Entry} entry
   * @param {...string} keys
   */
  child(entry, ...keys) {
    const found = this.c.index.schemaAt([...entry.segments, ...keys]);
    if (!found) throw new Error(`generate: internal: no schema at ${entry.at}/${keys.join('/')}`);
    return found;
  }

  /**
   * The code of `entry` applied to the value in variable `x`.
   * @param {Entry} entry
   * @param {string} x
   * @param {PathPart[]} path where the value is, relative to the function
   * @param {string | null} evaluated the variable collecting what is evaluated, if one is needed
   * @param {Via} via the rule and message of a `false` schema here
   * @returns {Stmt[]}
   */
  schema(entry, x, path, evaluated, via) {
    if (entry.node === true) return [];
    if (entry.node === false) return [this.fail(path, via.rule, via.message)];
    // A schema some `$ref` points at has a function anyway: called, not inlined a second time.
    if (entry !== this.root && this.c.index.isTarget(entry)) {
      return this.call(entry, js.id(x), path, evaluated);
    }
    const s = schemaOf(entry);
    const X = js.id(x);
    /** @type {Stmt[]} */
    const out = [];
    // A schema with unevaluated* gathers what its own keywords and in-place subschemas evaluate
    // in a collector of its own: a sibling's evaluations are not its.
    const unevaluated = 'unevaluatedProperties' in s || 'unevaluatedItems' in s;
    let own = evaluated;
    if (unevaluated) {
      own = this.fresh('seen');
      out.push(js.declare('const', own, js.call(this.c.helper('evaluated'), [])));
    }

    if (entry.target) out.push(...this.call(entry.target, X, path, own));

    const groups = {
      string: this.stringKeywords(s, X, path),
      number: this.numberKeywords(s, X, path),
      object: this.objectKeywords(entry, x, path, own),
      array: this.arrayKeywords(entry, x, path, own),
    };
    out.push(...this.typed(s, X, path, groups));

    if ('enum' in s) {
      const values = /** @type {unknown[]} */ (s.enum);
      const primitive = values.every((v) => v === null || typeof v !== 'object');
      const ok = primitive
        ? values.length <= 4
          ? values.length
            ? js.or(...values.map((v) => js.bin(X, '===', js.literal(v))))
            : js.FALSE
          : js.call(js.member(this.c.value(values), 'includes'), [X])
        : js.call(this.c.helper('includesEqual'), [this.c.value(values), X]);
      out.push(js.ifs(js.not(ok), [this.fail(path, 'enum', messageOf('enum', s))]));
    }
    if ('const' in s) {
      const v = s.const;
      const differs =
        v === null || typeof v !== 'object'
          ? js.bin(X, '!==', js.literal(v))
          : js.not(js.call(this.c.helper('deepEqual'), [X, this.c.value(v)]));
      out.push(js.ifs(differs, [this.fail(path, 'const', messageOf('const', s))]));
    }

    out.push(...this.inPlace(entry, x, path, own));

    if (unevaluated && own) {
      out.push(...this.unevaluatedKeywords(entry, x, path, own));
      if (evaluated) {
        out.push(
          js.exprStmt(js.call(this.c.helper('mergeEvaluated'), [js.id(evaluated), js.id(own)])),
        );
        if ('unevaluatedProperties' in s) {
          out.push(js.exprStmt(js.call(this.c.helper('seeAllProps'), [js.id(evaluated)])));
        }
        if ('unevaluatedItems' in s) {
          out.push(
            js.exprStmt(js.call(this.c.helper('seeItems'), [js.id(evaluated), js.id('Infinity')])),
          );
        }
      }
    }
    return out;
  }

  /**
   * `type`, and the keywords of each type guarded by it.
   * @param {Record<string, any>} s
   * @param {Expr} X
   * @param {PathPart[]} path
   * @param {Record<'string' | 'number' | 'object' | 'array', Stmt[]>} groups
   * @returns {Stmt[]}
   */
  typed(s, X, path, groups) {
    const types = s.type === undefined ? [] : [s.type].flat();
    const present = /** @type {Array<keyof typeof groups>} */ (
      Object.keys(groups).filter((g) => groups[/** @type {keyof typeof groups} */ (g)].length)
    );
    /** @param {string} t */
    const group = (t) => (t === 'integer' ? 'number' : t);
    if (types.length === 1 && present.every((g) => g === group(types[0]))) {
      const only = present[0];
      return [
        js.ifs(
          only ? this.typeTest(types[0], X) : js.not(this.typeTest(types[0], X)),
          only ? groups[only] : [this.fail(path, 'type', messageOf('type', s))],
          only ? [this.fail(path, 'type', messageOf('type', s))] : undefined,
        ),
      ];
    }
    /** @type {Stmt[]} */
    const out = [];
    if (types.length) {
      out.push(
        js.ifs(js.not(js.or(...types.map((t) => this.typeTest(t, X)))), [
          this.fail(path, 'type', messageOf('type', s)),
        ]),
      );
    }
    for (const g of present) out.push(js.ifs(this.typeTest(g, X), groups[g]));
    return out;
  }

  /**
   * @param {string} type
   * @param {Expr} X
   * @returns {Expr}
   */
  typeTest(type, X) {
    switch (type) {
      case 'null':
        return js.bin(X, '===', js.NULL);
      case 'integer':
        return js.call(js.member(js.id('Number'), 'isInteger'), [X]);
      case 'object':
        return js.call(this.c.helper('isJsonObject'), [X]);
      case 'array':
        return js.call(js.member(js.id('Array'), 'isArray'), [X]);
      default:
        return js.typeIs(X, type);
    }
  }

  /**
   * @param {Record<string, any>} s
   * @param {Expr} X
   * @param {PathPart[]} path
   * @returns {Stmt[]}
   */
  stringKeywords(s, X, path) {
    /** @type {Stmt[]} */
    const out = [];
    /** @type {Stmt[]} */
    const content = [];
    for (const k of STRING_KEYWORDS.filter((k) => k in s)) {
      const v = s[k];
      /** @type {Expr | undefined} */
      let bad;
      // Length 0 and 1 need no counting: only "" has no code point.
      if (k === 'maxLength') {
        bad =
          v === 0
            ? js.bin(X, '!==', js.str(''))
            : js.call(this.c.helper('longerThan'), [X, js.num(v)]);
      } else if (k === 'minLength') {
        bad =
          v === 0
            ? undefined
            : v === 1
              ? js.bin(X, '===', js.str(''))
              : js.call(this.c.helper('shorterThan'), [X, js.num(v)]);
      } else if (k === 'pattern') bad = js.not(js.call(js.member(this.c.regex(v), 'test'), [X]));
      else {
        const format = /** @type {{ name: keyof typeof HELPERS }} */ (FORMATS[v]);
        bad = js.not(js.call(this.c.helper(format.name), [X]));
      }
      if (bad)
        (k === 'pattern' || k === 'format' ? content : out).push(
          js.ifs(bad, [this.fail(path, k, messageOf(k, s))]),
        );
    }
    // A string over twice its maxLength in UTF-16 units is too long whatever it holds: its
    // pattern and format are not run, so a 10 MB string is never walked (nor backtracked over).
    if ('maxLength' in s && content.length) {
      out.push(js.ifs(js.bin(js.member(X, 'length'), '<=', js.num(2 * s.maxLength)), content));
    } else out.push(...content);
    return out;
  }

  /**
   * @param {Record<string, any>} s
   * @param {Expr} X
   * @param {PathPart[]} path
   * @returns {Stmt[]}
   */
  numberKeywords(s, X, path) {
    /** @type {Record<string, '<' | '>' | '<=' | '>='>} */
    const failsWhen = {
      minimum: '<',
      maximum: '>',
      exclusiveMinimum: '<=',
      exclusiveMaximum: '>=',
    };
    return NUMBER_KEYWORDS.filter((k) => k in s).map((k) => {
      const v = s[k];
      let bad;
      if (k === 'multipleOf') {
        bad = Number.isInteger(v)
          ? js.bin(js.bin(X, '%', js.num(v)), '!==', js.num(0))
          : js.not(js.call(this.c.helper('isMultipleOf'), [X, js.num(v)]));
      } else bad = js.bin(X, /** @type {'<'} */ (failsWhen[k]), js.num(v));
      return js.ifs(bad, [this.fail(path, k, messageOf(k, s))]);
    });
  }

  /**
   * A test of key variable `k` against names known when generating.
   * @param {string} k
   * @param {string[]} names
   */
  knownName(k, names) {
    if (names.length <= CHAIN)
      return js.or(...names.map((n) => js.bin(js.id(k), '===', js.str(n))));
    return js.call(js.member(this.c.nameSet(names), 'has'), [js.id(k)]);
  }

  /**
   * @param {Entry} entry
   * @param {string} x
   * @param {PathPart[]} path
   * @param {string | null} evaluated
   * @returns {Stmt[]}
   */
  objectKeywords(entry, x, path, evaluated) {
    const s = schemaOf(entry);
    const X = js.id(x);
    const has = (/** @type {string} */ name) =>
      js.call(this.c.helper('hasField'), [X, js.str(name)]);
    /** @param {string} name @returns {PathPart[]} */
    const under = (name) => [...path, { text: `/${pathSegment(name)}` }];
    /** @type {Stmt[]} */
    const out = [];
    // A required name whose value `properties` checks is refused in that check's else branch:
    // one presence test instead of two.
    const requiredNames = new Set(Array.isArray(s.required) ? s.required : []);
    const merged = new Set();
    /** @type {Map<string, { body: Stmt[], mark: Stmt[], value: string }>} */
    const compiled = new Map();
    const propertyCode = (/** @type {string} */ name) => {
      let code = compiled.get(name);
      if (!code) {
        const value = this.fresh('x');
        const body = this.schema(this.child(entry, 'properties', name), value, under(name), null, {
          rule: 'properties',
          message: messageOf('properties', s),
        });
        const mark = evaluated
          ? [js.exprStmt(js.call(this.c.helper('seeProp'), [js.id(evaluated), js.str(name)]))]
          : [];
        code = { body, mark, value };
        compiled.set(name, code);
      }
      return code;
    };
    // Only when the value is checked (else a lone presence test is as short), and `properties`
    // stands in this schema (it does, being asked).
    const mergesRequired = (/** @type {string} */ name) => {
      if (!requiredNames.has(name) || !s.properties || !Object.hasOwn(s.properties, name)) {
        return false;
      }
      const { body, mark } = propertyCode(name);
      if (!body.length && !mark.length) return false;
      merged.add(name);
      return true;
    };
    for (const k of OBJECT_KEYWORDS.filter((k) => k in s)) {
      const v = s[k];
      switch (k) {
        case 'required':
          // One test per name: smaller, once compressed, than a helper looping over a list.
          for (const name of /** @type {string[]} */ (v)) {
            if (mergesRequired(name)) continue;
            out.push(
              js.ifs(js.not(has(name)), [
                this.fail(under(name), 'required', messageOf('required', s)),
              ]),
            );
          }
          break;
        case 'dependentRequired':
          for (const [present, names] of Object.entries(v)) {
            const missing = /** @type {string[]} */ (names).map((name) =>
              js.ifs(js.not(has(name)), [
                this.fail(under(name), 'dependentRequired', dependentRequiredMessage(present)),
              ]),
            );
            if (missing.length) out.push(js.ifs(has(present), missing));
          }
          break;
        case 'minProperties':
        case 'maxProperties':
          if (k === 'minProperties' && v === 0) break;
          out.push(
            js.ifs(
              js.bin(
                js.call(this.c.helper('fieldCount'), [X]),
                k === 'minProperties' ? '<' : '>',
                js.num(v),
              ),
              [this.fail(path, k, messageOf(k, s))],
            ),
          );
          break;
        case 'properties':
          for (const name of Object.keys(v)) {
            const { body, mark, value } = propertyCode(name);
            const missing = merged.has(name)
              ? [this.fail(under(name), 'required', messageOf('required', s))]
              : undefined;
            if (!body.length && !mark.length && !missing) continue;
            out.push(
              js.ifs(has(name), [...mark, ...this.bind(value, js.member(X, name), body)], missing),
            );
          }
          break;
        case 'patternProperties':
        case 'additionalProperties':
          // One loop over the fields serves both.
          if (k === 'additionalProperties' && 'patternProperties' in s) break;
          out.push(...this.fieldLoop(entry, x, path, evaluated));
          break;
        case 'propertyNames': {
          const key = this.fresh('key');
          const ok = this.test(this.child(entry, 'propertyNames'), js.id(key), null);
          if (ok === js.TRUE) break;
          out.push(
            js.forIn(key, X, [
              js.ifs(js.not(ok), [
                this.fail([...path, { key }], 'propertyNames', messageOf('propertyNames', s)),
              ]),
            ]),
          );
          break;
        }
        case 'dependentSchemas':
          for (const name of Object.keys(v)) {
            const body = this.schema(
              this.child(entry, 'dependentSchemas', name),
              x,
              path,
              evaluated,
              {
                rule: 'dependentSchemas',
                message: `is not allowed when ${pathSegment(name)} is present`,
              },
            );
            if (body.length) out.push(js.ifs(has(name), body));
          }
          break;
      }
    }
    return out;
  }

  /**
   * `patternProperties` and `additionalProperties`: one loop over the fields.
   * @param {Entry} entry
   * @param {string} x
   * @param {PathPart[]} path
   * @param {string | null} evaluated
   * @returns {Stmt[]}
   */
  fieldLoop(entry, x, path, evaluated) {
    const s = schemaOf(entry);
    const X = js.id(x);
    const key = this.fresh('key');
    const K = js.id(key);
    /** @type {PathPart[]} */
    const at = [...path, { key }];
    /** @type {Stmt[]} */
    const body = [];
    const patterns = Object.keys(s.patternProperties ?? {});
    const additional =
      'additionalProperties' in s ? this.child(entry, 'additionalProperties') : undefined;
    const matched =
      additional && additional.node !== true && patterns.length ? this.fresh('matched') : undefined;
    if (matched) body.push(js.declare('let', matched, js.FALSE));
    for (const pattern of patterns) {
      const value = this.fresh('x');
      const code = this.schema(this.child(entry, 'patternProperties', pattern), value, at, null, {
        rule: 'patternProperties',
        message: messageOf('patternProperties', s),
      });
      /** @type {Stmt[]} */
      const then = [];
      if (matched) then.push(js.assign(matched, js.TRUE));
      if (evaluated)
        then.push(js.exprStmt(js.call(this.c.helper('seeProp'), [js.id(evaluated), K])));
      if (code.length) then.push(js.declare('const', value, js.at(X, K)), ...code);
      if (then.length)
        body.push(js.ifs(js.call(js.member(this.c.regex(pattern), 'test'), [K]), then));
    }
    if (additional && additional.node !== true) {
      const value = this.fresh('x');
      const code = this.schema(additional, value, at, null, {
        rule: 'additionalProperties',
        message: messageOf('additionalProperties', s),
      });
      const names = Object.keys(s.properties ?? {});
      /** @type {Expr[]} */
      const known = [];
      if (names.length) known.push(this.knownName(key, names));
      if (matched) known.push(js.id(matched));
      else for (const p of patterns) known.push(js.call(js.member(this.c.regex(p), 'test'), [K]));
      const needsValue = additional.node !== false;
      const then = needsValue ? [js.declare('const', value, js.at(X, K)), ...code] : code;
      if (known.length) body.push(js.ifs(js.not(js.or(...known)), then));
      else body.push(...then);
    }
    /** @type {Stmt[]} */
    const out = [];
    // additionalProperties evaluates whatever properties and patternProperties did not: all.
    if (evaluated && additional)
      out.push(js.exprStmt(js.call(this.c.helper('seeAllProps'), [js.id(evaluated)])));
    if (body.length > (matched ? 1 : 0)) out.push(js.forIn(key, X, body));
    return out;
  }

  /**
   * @param {Entry} entry
   * @param {string} x
   * @param {PathPart[]} path
   * @param {string | null} evaluated
   * @returns {Stmt[]}
   */
  arrayKeywords(entry, x, path, evaluated) {
    const s = schemaOf(entry);
    const X = js.id(x);
    const length = js.member(X, 'length');
    /** @type {Stmt[]} */
    const out = [];
    for (const k of ARRAY_KEYWORDS.filter((k) => k in s)) {
      const v = s[k];
      switch (k) {
        case 'minItems':
        case 'maxItems':
          if (k === 'minItems' && v === 0) break;
          out.push(
            js.ifs(js.bin(length, k === 'minItems' ? '<' : '>', js.num(v)), [
              this.fail(path, k, messageOf(k, s)),
            ]),
          );
          break;
        case 'uniqueItems': {
          if (!v) break;
          const repeated = js.call(this.c.helper('repeatedItem'), [X]);
          if (this.mode === 'test') {
            out.push(js.ifs(repeated, [js.ret(js.FALSE)]));
            break;
          }
          const pair = this.fresh('pair');
          const [a, b, c] = uniqueItemsMessage();
          const message = js.bin(
            js.bin(
              js.bin(js.bin(js.str(a), '+', js.at(js.id(pair), js.num(0))), '+', js.str(b)),
              '+',
              js.at(js.id(pair), js.num(1)),
            ),
            '+',
            js.str(c),
          );
          out.push(
            js.declare('const', pair, repeated),
            js.ifs(js.id(pair), [this.fail(path, k, message)]),
          );
          break;
        }
        case 'prefixItems':
          /** @type {unknown[]} */ (v).forEach((_, i) => {
            const value = this.fresh('x');
            const body = this.schema(
              this.child(entry, 'prefixItems', String(i)),
              value,
              [...path, { text: `/${i}` }],
              null,
              {
                rule: 'prefixItems',
                message: messageOf('prefixItems', s),
              },
            );
            if (body.length) {
              out.push(
                js.ifs(js.bin(length, '>', js.num(i)), [
                  js.declare('const', value, js.at(X, js.num(i))),
                  ...body,
                ]),
              );
            }
          });
          if (evaluated) {
            out.push(
              js.exprStmt(
                js.call(this.c.helper('seeItems'), [
                  js.id(evaluated),
                  js.call(js.member(js.id('Math'), 'min'), [length, js.num(v.length)]),
                ]),
              ),
            );
          }
          break;
        case 'items': {
          const first = s.prefixItems?.length ?? 0;
          const items = this.child(entry, 'items');
          if (items.node === false) {
            out.push(
              js.ifs(js.bin(length, '>', js.num(first)), [
                this.fail(path, 'items', noMoreItemsMessage(first)),
              ]),
            );
          } else {
            const i = this.fresh('i');
            const value = this.fresh('x');
            const body = this.schema(items, value, [...path, { index: i }], null, {
              rule: 'items',
              message: messageOf('items', s),
            });
            if (body.length) {
              out.push(
                js.forRange(i, js.num(first), js.bin(js.id(i), '<', length), [
                  js.declare('const', value, js.at(X, js.id(i))),
                  ...body,
                ]),
              );
            }
          }
          if (evaluated)
            out.push(
              js.exprStmt(
                js.call(this.c.helper('seeItems'), [js.id(evaluated), js.id('Infinity')]),
              ),
            );
          break;
        }
        case 'contains':
          out.push(...this.contains(entry, x, path, evaluated));
          break;
      }
    }
    return out;
  }

  /**
   * `contains`, `minContains`, `maxContains`.
   * @param {Entry} entry
   * @param {string} x
   * @param {PathPart[]} path
   * @param {string | null} evaluated
   * @returns {Stmt[]}
   */
  contains(entry, x, path, evaluated) {
    const s = schemaOf(entry);
    const X = js.id(x);
    const min = s.minContains ?? 1;
    const max = s.maxContains;
    if (min === 0 && max === undefined && !evaluated) return [];
    const count = this.fresh('count');
    const i = this.fresh('i');
    const matches = this.test(this.child(entry, 'contains'), js.at(X, js.id(i)), null);
    // Counting can stop at `min` unless `maxContains` or an enclosing unevaluatedItems needs
    // every match.
    const stopEarly = max === undefined && !evaluated;
    const condition = js.bin(js.id(i), '<', js.member(X, 'length'));
    /** @type {Stmt[]} */
    const onMatch = [js.increment(count)];
    if (evaluated)
      onMatch.push(js.exprStmt(js.call(this.c.helper('seeItem'), [js.id(evaluated), js.id(i)])));
    const rule = 'minContains' in s ? 'minContains' : 'contains';
    /** @type {Stmt[]} */
    const out = [
      js.declare('let', count, js.num(0)),
      js.forRange(
        i,
        js.num(0),
        stopEarly ? js.and(condition, js.bin(js.id(count), '<', js.num(min))) : condition,
        [js.ifs(matches, onMatch)],
      ),
    ];
    if (min > 0)
      out.push(
        js.ifs(js.bin(js.id(count), '<', js.num(min)), [this.fail(path, rule, messageOf(rule, s))]),
      );
    if (max !== undefined) {
      out.push(
        js.ifs(js.bin(js.id(count), '>', js.num(max)), [
          this.fail(path, 'maxContains', messageOf('maxContains', s)),
        ]),
      );
    }
    return out;
  }

  /**
   * The applicators in place: `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
   * @param {Entry} entry
   * @param {string} x
   * @param {PathPart[]} path
   * @param {string | null} evaluated
   * @returns {Stmt[]}
   */
  inPlace(entry, x, path, evaluated) {
    const s = schemaOf(entry);
    const X = js.id(x);
    /** @type {Stmt[]} */
    const out = [];
    (s.allOf ?? []).forEach((/** @type {unknown} */ _, /** @type {number} */ i) => {
      out.push(
        ...this.schema(this.child(entry, 'allOf', String(i)), x, path, evaluated, {
          rule: 'allOf',
          message: messageOf('allOf', s),
        }),
      );
    });
    for (const k of ['anyOf', 'oneOf']) {
      if (!(k in s)) continue;
      /** @type {Entry[]} */
      const branches = s[k].map((/** @type {unknown} */ _, /** @type {number} */ i) =>
        this.child(entry, k, String(i)),
      );
      if (k === 'anyOf' && !evaluated) {
        out.push(
          js.ifs(js.not(js.or(...branches.map((b) => this.test(b, X, null)))), [
            this.fail(path, k, messageOf(k, s)),
          ]),
        );
        continue;
      }
      // Every branch is tried: oneOf must find exactly one, and each branch that holds adds what
      // it evaluated.
      const valid = this.fresh('valid');
      out.push(js.declare('let', valid, js.num(0)));
      for (const branch of branches) {
        if (evaluated) {
          const seen = this.fresh('seen');
          out.push(
            js.declare('const', seen, js.call(this.c.helper('evaluated'), [])),
            js.ifs(this.test(branch, X, seen), [
              js.increment(valid),
              js.exprStmt(
                js.call(this.c.helper('mergeEvaluated'), [js.id(evaluated), js.id(seen)]),
              ),
            ]),
          );
        } else {
          out.push(js.ifs(this.test(branch, X, null), [js.increment(valid)]));
        }
      }
      const bad =
        k === 'anyOf'
          ? js.bin(js.id(valid), '===', js.num(0))
          : js.bin(js.id(valid), '!==', js.num(1));
      out.push(js.ifs(bad, [this.fail(path, k, messageOf(k, s))]));
    }
    if ('not' in s) {
      out.push(
        js.ifs(this.test(this.child(entry, 'not'), X, null), [
          this.fail(path, 'not', messageOf('not', s)),
        ]),
      );
    }
    if ('if' in s && ('then' in s || 'else' in s || evaluated)) {
      const seen = evaluated ? this.fresh('seen') : null;
      const then =
        'then' in s
          ? this.schema(this.child(entry, 'then'), x, path, evaluated, {
              rule: 'then',
              message: messageOf('then', s),
            })
          : [];
      const otherwise =
        'else' in s
          ? this.schema(this.child(entry, 'else'), x, path, evaluated, {
              rule: 'else',
              message: messageOf('else', s),
            })
          : [];
      if (seen) {
        out.push(js.declare('const', seen, js.call(this.c.helper('evaluated'), [])));
        then.unshift(
          js.exprStmt(
            js.call(this.c.helper('mergeEvaluated'), [
              js.id(/** @type {string} */ (evaluated)),
              js.id(seen),
            ]),
          ),
        );
      }
      const condition = this.test(this.child(entry, 'if'), X, seen);
      if (then.length) out.push(js.ifs(condition, then, otherwise));
      else if (otherwise.length) out.push(js.ifs(js.not(condition), otherwise));
    }
    return out;
  }

  /**
   * `unevaluatedProperties` and `unevaluatedItems`, once everything else has evaluated.
   * @param {Entry} entry
   * @param {string} x
   * @param {PathPart[]} path
   * @param {string} seen
   * @returns {Stmt[]}
   */
  unevaluatedKeywords(entry, x, path, seen) {
    const s = schemaOf(entry);
    const X = js.id(x);
    /** @type {Stmt[]} */
    const out = [];
    if ('unevaluatedProperties' in s) {
      const sub = this.child(entry, 'unevaluatedProperties');
      if (sub.node !== true) {
        const key = this.fresh('key');
        const value = this.fresh('x');
        const code = this.schema(sub, value, [...path, { key }], null, {
          rule: 'unevaluatedProperties',
          message: messageOf('unevaluatedProperties', s),
        });
        out.push(
          js.ifs(this.typeTest('object', X), [
            js.forIn(key, X, [
              js.ifs(js.not(js.call(this.c.helper('seenProp'), [js.id(seen), js.id(key)])), [
                ...(sub.node === false ? [] : [js.declare('const', value, js.at(X, js.id(key)))]),
                ...code,
              ]),
            ]),
          ]),
        );
      }
    }
    if ('unevaluatedItems' in s) {
      const sub = this.child(entry, 'unevaluatedItems');
      if (sub.node !== true) {
        const i = this.fresh('i');
        const value = this.fresh('x');
        const code = this.schema(sub, value, [...path, { index: i }], null, {
          rule: 'unevaluatedItems',
          message: messageOf('unevaluatedItems', s),
        });
        out.push(
          js.ifs(this.typeTest('array', X), [
            js.forRange(i, js.num(0), js.bin(js.id(i), '<', js.member(X, 'length')), [
              js.ifs(js.not(js.call(this.c.helper('seenItem'), [js.id(seen), js.id(i)])), [
                ...(sub.node === false ? [] : [js.declare('const', value, js.at(X, js.id(i)))]),
                ...code,
              ]),
            ]),
          ]),
        );
      }
    }
    return out;
  }
}
