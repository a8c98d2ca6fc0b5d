// What a JSON request body can carry, read from its schema by meaning: are its objects closed and
// its strings bounded, at every depth, inline under `paths` or through `$ref`?
//
// The reading follows JSON Schema 2020-12. At one place of the body (the body itself, a
// property, an array's items…) the value must satisfy several schemas at once: the one written
// there, what its `$ref` and `allOf` add, one branch of each `oneOf`/`anyOf`, `if`+`then` or
// `else`. Each choice of branches is a "world": a list of schemas that all apply. A world is
// checked as a whole, so a `oneOf` whose every branch is closed is closed, and a keyword is
// credited only where it really applies:
//
// - an object is closed when some schema of the world says `additionalProperties: false` or
//   `unevaluatedProperties: false`;
// - `additionalProperties: false` sees only the `properties` (and `patternProperties`) written
//   beside it, never those of an `allOf`, `oneOf`, `anyOf`, `$ref` or `if` next to it: a field
//   declared or required elsewhere in the world is refused by it — a body that closes itself
//   that way refuses its own fields, and the lint says so;
// - `unevaluatedProperties: false` sees every field evaluated by its own schema and the in-place
//   applicators below it (`allOf`, the passing `oneOf`/`anyOf` branch, `$ref`, `if`/`then`/
//   `else`, `dependentSchemas`), so it is the way to close an `allOf`, or a `oneOf` whose branches
//   share fields declared beside it;
// - a string is bounded when some schema of the world gives it `maxLength`, `enum`, `const`, a
//   `pattern` that bounds the length (see pattern-bound.js) or a format whose grammar does.
//
// `not` narrows what is accepted without declaring anything, so it is not read; a property
// schema under `if` is a condition, not a declaration.

import { isJsonMediaType } from './media-type.js';
import { operationsOf } from './operations.js';
import { patternMaxLength } from './pattern-bound.js';
import { pointerOf, resolveRef } from './pointer.js';

/** The JSON types (`integer` is read as `number`: neither is a string, an object or an array). */
const ALL_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string'];

/**
 * Formats whose grammar bounds the length: `date` (10 characters), `uuid` (36), `ipv4` (15),
 * `ipv6` (45). `date-time` and `time` allow any number of fraction digits, `email` and `uri` any
 * length; a format the client's validators do not assert is an annotation and bounds nothing.
 */
const BOUNDED_FORMATS = new Set(['date', 'uuid', 'ipv4', 'ipv6']);

/** Keywords that say nothing about the value: a schema of only these and `$ref` is a bare ref. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'x-pattern-message',
]);

/** More branch combinations than this at one place are not enumerated. */
const MAX_WORLDS = 256;
/** Nesting deeper than this is not followed (a recursive schema stops earlier, by identity). */
const MAX_DEPTH = 64;

/**
 * @typedef {object} Member one schema that applies at a place of the body
 * @property {any} node the schema
 * @property {Array<string | number>} path where it is in the document
 * @property {Member | null} parent the schema whose in-place applicator brought it in
 * @property {string} via how: `root`, `$ref`, `allOf`, `oneOf`, `anyOf`, `if`, `then`, `else`,
 *   `dependentSchemas`
 * @property {boolean} fromIf whether it stands under an `if` (a condition, not a declaration)
 */

/**
 * @typedef {object} Finding
 * @property {Array<string | number>} path where the fix goes
 * @property {string} message what is wrong, where, and how to fix it
 */

/** @type {WeakMap<object, { closed: Finding[], bounded: Finding[] }>} */
const cache = new WeakMap();

/**
 * Checks every JSON request body of the document: which objects are not closed, and which
 * strings have no bound. Both rules ask; the document is read once.
 *
 * @param {any} doc the whole document, as parsed (references unresolved)
 * @returns {{ closed: Finding[], bounded: Finding[] }}
 */
export function analyzeRequestBodies(doc) {
  const cached = cache.get(doc);
  if (cached) return cached;
  const ctx = { doc, seen: new Set(), closed: new Map(), bounded: new Map(), where: '' };
  for (const { name, op, path } of operationsOf(doc)) {
    let body = op.requestBody;
    let bodyPath = [...path, 'requestBody'];
    if (body && typeof body.$ref === 'string') {
      const target = resolveRef(doc, body.$ref);
      if (!('node' in target)) continue;
      body = target.node;
      bodyPath = target.path;
    }
    const content = body?.content;
    if (!content || typeof content !== 'object') continue;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isJsonMediaType(mediaType) || !media || !('schema' in media)) continue;
      ctx.where = `${name} request body`;
      const schemaPath = [...bodyPath, 'content', mediaType, 'schema'];
      checkPlace(ctx, [member(media.schema, schemaPath, null, 'root')], []);
    }
  }
  const result = { closed: [...ctx.closed.values()], bounded: [...ctx.bounded.values()] };
  cache.set(doc, result);
  return result;
}

/**
 * @param {boolean} [underIf] whether the place itself stands under an `if`
 * @returns {Member}
 */
function member(node, path, parent, via, underIf = false) {
  return { node, path, parent, via, fromIf: underIf || via === 'if' || Boolean(parent?.fromIf) };
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The members from the place's first schema down to `m`, through in-place applicators. */
function chainOf(m) {
  const chain = [];
  for (let at = m; at; at = at.parent) chain.unshift(at);
  return chain;
}

/**
 * Checks one place of the body, given the schemas written for it (several when the place is
 * declared by several schemas of the parent's world), then the places below it.
 *
 * @param {object} ctx
 * @param {Member[]} members
 * @param {string[]} at where in the body, as keys (`[]` is an array's items)
 */
function checkPlace(ctx, members, at) {
  const key = members
    .map((m) => pointerOf(m.path))
    .sort()
    .join(' ');
  if (ctx.seen.has(key) || at.length > MAX_DEPTH) return;
  ctx.seen.add(key);
  const worlds = [];
  expand(ctx.doc, members, [], worlds);
  const where = at.length ? `${ctx.where} at /${at.join('/')}` : ctx.where;
  if (worlds.length > MAX_WORLDS) {
    report(ctx.closed, members[0].path, 'worlds', {
      message: `${where}: more than ${MAX_WORLDS} combinations of oneOf/anyOf/if branches meet here, too many to check: split the schema into fewer alternatives.`,
    });
    return;
  }
  for (const world of worlds) checkWorld(ctx, world, at, where);
}

/**
 * Expands a conjunction of schemas into worlds: `$ref`, `allOf` and `then` join the world,
 * each `oneOf`/`anyOf` branch, `if`+`then` vs `else` and each `dependentSchemas` entry (applied
 * or not) fork it. A `false` schema empties its world, and so does a `$ref` that does not resolve
 * inside the document: Spectral's `invalid-ref` and `tianman-local-refs` report it, and what it
 * would bring in cannot be checked.
 */
function expand(doc, todo, done, worlds) {
  if (worlds.length > MAX_WORLDS) return;
  if (todo.length === 0) {
    worlds.push(done);
    return;
  }
  const [m, ...rest] = todo;
  const node = m.node;
  if (node === false) return;
  if (!isObject(node) || inCycle(m)) {
    expand(doc, rest, [...done, m], worlds);
    return;
  }
  const next = [...rest];
  if (typeof node.$ref === 'string') {
    const target = resolveRef(doc, node.$ref);
    if (!('node' in target)) return;
    next.push(member(target.node, target.path, m, '$ref'));
  }
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((sub, i) => {
      next.push(member(sub, [...m.path, 'allOf', i], m, 'allOf'));
    });
  }
  /** Each fork: the alternatives, each a list of members that join the world together. */
  const forks = [];
  for (const keyword of ['oneOf', 'anyOf']) {
    if (Array.isArray(node[keyword]) && node[keyword].length) {
      forks.push(node[keyword].map((sub, i) => [member(sub, [...m.path, keyword, i], m, keyword)]));
    }
  }
  if ('if' in node) {
    const passes = [member(node.if, [...m.path, 'if'], m, 'if')];
    if ('then' in node) passes.push(member(node.then, [...m.path, 'then'], m, 'then'));
    const fails = 'else' in node ? [member(node.else, [...m.path, 'else'], m, 'else')] : [];
    forks.push([passes, fails]);
  }
  if (isObject(node.dependentSchemas)) {
    for (const [name, sub] of Object.entries(node.dependentSchemas)) {
      forks.push([[member(sub, [...m.path, 'dependentSchemas', name], m, 'dependentSchemas')], []]);
    }
  }
  const combine = (i, chosen) => {
    if (worlds.length > MAX_WORLDS) return;
    if (i === forks.length) {
      expand(doc, [...next, ...chosen], [...done, m], worlds);
      return;
    }
    for (const alternative of forks[i]) combine(i + 1, [...chosen, ...alternative]);
  };
  combine(0, []);
}

/** Is `m` its own in-place ancestor (a schema that reaches itself through `$ref`/`allOf`)? */
function inCycle(m) {
  for (let at = m.parent; at; at = at.parent) if (at.node === m.node) return true;
  return false;
}

/**
 * The JSON types a schema allows by its `type`, `enum` and `const`, or undefined when unsaid.
 *
 * @returns {Set<string> | undefined}
 */
function typesOf(node) {
  if (!isObject(node)) return undefined;
  /** @type {Set<string> | undefined} */
  let types;
  /** @param {Set<string>} allowed */
  const narrow = (allowed) => {
    types = types ? new Set([...types].filter((t) => allowed.has(t))) : allowed;
  };
  if (typeof node.type === 'string' || Array.isArray(node.type)) {
    narrow(new Set([node.type].flat().map((t) => (t === 'integer' ? 'number' : t))));
  }
  if (Array.isArray(node.enum)) narrow(new Set(node.enum.map(jsonTypeOf)));
  if ('const' in node) narrow(new Set([jsonTypeOf(node.const)]));
  return types;
}

function jsonTypeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** A schema of only a `$ref` and annotations: a fix goes into what it points to. */
function isBareRef(node) {
  return (
    isObject(node) &&
    typeof node.$ref === 'string' &&
    Object.keys(node).every((k) => k === '$ref' || ANNOTATIONS.has(k) || k.startsWith('x-'))
  );
}

/** The schema a fix for the place goes into by default: the first that is not a bare `$ref`. */
function primary(world) {
  return world.find((m) => !isBareRef(m.node)) ?? world[0];
}

function report(findings, path, kind, { message }) {
  const key = `${pointerOf(path)} ${kind}`;
  if (!findings.has(key)) findings.set(key, { path, message });
}

function checkWorld(ctx, world, at, where) {
  let types = new Set(ALL_TYPES);
  let typed = false;
  for (const m of world) {
    const allowed = typesOf(m.node);
    if (!allowed) continue;
    typed = true;
    types = new Set([...types].filter((t) => allowed.has(t)));
  }
  if (types.size === 0) return;
  const objects = world.filter((m) => isObject(m.node));
  const untypedAdvice = (what) =>
    `${where}: has no type (nor enum or const), so it accepts ${what}: give it a type at ${pointerOf(primary(world).path)}`;
  if (types.has('string')) checkString(ctx, world, objects, where, typed, untypedAdvice);
  if (!typed) {
    const closed = objects.some(closes);
    const itemsSaid = objects.some(saysItems);
    // Closed without a type: its closing may still refuse fields it declares elsewhere.
    if (closed) checkObject(ctx, world, objects, where);
    const loose = [
      ...(closed ? [] : ['an object with any fields']),
      ...(itemsSaid ? [] : ['an array of anything']),
    ];
    if (loose.length) {
      report(ctx.closed, primary(world).path, 'untyped', {
        message: `${untypedAdvice(loose.join(' and '))} (an object also needs additionalProperties: false, an array items).`,
      });
    }
  } else {
    if (types.has('object')) checkObject(ctx, world, objects, where);
    if (types.has('array') && !objects.some(saysItems)) {
      const target = world.findLast((m) => typesOf(m.node)?.has('array')) ?? primary(world);
      report(ctx.closed, target.path, 'items', {
        message: `${where}: an array whose items can be any JSON value (no items): add items at ${pointerOf(target.path)} with a closed, bounded schema (or items: false for a tuple of prefixItems).`,
      });
    }
  }
  if (types.has('object')) checkProperties(ctx, objects, at);
  if (types.has('array')) checkItems(ctx, objects, at);
}

/** Does the schema close the object (`additionalProperties`/`unevaluatedProperties: false`)? */
const closes = (m) =>
  m.node.additionalProperties === false || m.node.unevaluatedProperties === false;

/** Does the schema say what an array's items are? */
const saysItems = (m) => m.node.items !== undefined || m.node.unevaluatedItems !== undefined;

function checkString(ctx, world, objects, where, typed, untypedAdvice) {
  const loose = [];
  for (const { node } of objects) {
    if (typeof node.maxLength === 'number' || Array.isArray(node.enum) || 'const' in node) return;
    if (typeof node.format === 'string') {
      if (BOUNDED_FORMATS.has(node.format)) return;
      loose.push(`format ${node.format} does not bound the length`);
    }
    if (typeof node.pattern === 'string') {
      if (patternMaxLength(node.pattern) !== undefined) return;
      loose.push(
        `its pattern ${node.pattern} does not bound the length (it is not anchored ^…$, or repeats with *, + or {n,})`,
      );
    }
  }
  if (!typed) {
    report(ctx.bounded, primary(world).path, 'untyped', {
      message: `${untypedAdvice('a string of any length')} (a string also needs maxLength).`,
    });
    return;
  }
  const target =
    world.findLast((m) => typeof m.node?.type !== 'undefined' && typesOf(m.node)?.has('string')) ??
    primary(world);
  const why = loose.length ? ` (${loose.join('; ')})` : '';
  report(ctx.bounded, target.path, 'string', {
    message: `${where}: a string with no length bound${why}: add maxLength at ${pointerOf(target.path)} (or enum, const, a format that bounds it: ${[...BOUNDED_FORMATS].join(', ')}, or a pattern anchored ^…$ without *, + or {n,}, with its x-pattern-message).`,
  });
}

/** The members from the world's first schema down to the lowest one they all descend from. */
function lowestCommon(world, members) {
  const chains = members.map(chainOf);
  let common = chains[0]?.length ? chains[0] : [world[0]];
  for (const chain of chains.slice(1)) {
    let i = 0;
    while (i < common.length && i < chain.length && common[i] === chain[i]) i++;
    common = common.slice(0, i);
  }
  let lowest = common[common.length - 1] ?? world[0];
  // A bare `$ref` takes no fix: its target, which is in the world, does.
  while (isBareRef(lowest.node)) {
    const target = world.find((m) => m.parent === lowest && m.via === '$ref');
    if (!target) break;
    lowest = target;
  }
  return lowest;
}

function checkObject(ctx, world, objects, where) {
  const declaring = objects.filter(
    (m) =>
      !m.fromIf &&
      ((isObject(m.node.properties) && Object.keys(m.node.properties).length) ||
        (isObject(m.node.patternProperties) && Object.keys(m.node.patternProperties).length)),
  );
  // A closing keyword under `if` is a condition: it does not close the object.
  const closers = objects.filter((m) => !m.fromIf && closes(m));
  if (closers.length === 0) {
    if (declaring.length > 1) {
      const lowest = lowestCommon(world, declaring);
      report(ctx.closed, lowest.path, 'open', {
        message: `${where}: an object that accepts fields it does not declare: add unevaluatedProperties: false at ${pointerOf(lowest.path)} (additionalProperties: false there would refuse the fields declared through allOf, oneOf, anyOf or $ref below it).`,
      });
      return;
    }
    const target =
      declaring[0] ?? world.findLast((m) => typesOf(m.node)?.has('object')) ?? primary(world);
    const branch =
      target.via === 'oneOf' || target.via === 'anyOf'
        ? ` (on the ${target.via} branch itself: additionalProperties: false beside the ${target.via} would refuse every field its branches declare)`
        : '';
    report(ctx.closed, target.path, 'open', {
      message: `${where}: an object that accepts fields it does not declare: add additionalProperties: false at ${pointerOf(target.path)}${branch}.`,
    });
    return;
  }
  // Every field the world declares or requires (conditions under `if` aside), and where.
  const declared = new Map();
  for (const m of objects) {
    if (m.fromIf) continue;
    for (const name of Object.keys(isObject(m.node.properties) ? m.node.properties : {})) {
      if (!declared.has(name)) declared.set(name, m);
    }
    for (const name of Array.isArray(m.node.required) ? m.node.required : []) {
      if (typeof name === 'string' && !declared.has(name)) declared.set(name, m);
    }
  }
  for (const closer of closers) {
    const byAdditional = closer.node.additionalProperties === false;
    const keyword = byAdditional ? 'additionalProperties' : 'unevaluatedProperties';
    const sees = byAdditional ? [closer] : objects.filter((m) => chainOf(m).includes(closer));
    if (
      !byAdditional &&
      sees.some(
        (m) => m.node.additionalProperties !== undefined && m.node.additionalProperties !== false,
      )
    ) {
      continue;
    }
    for (const [name, at] of declared) {
      if (sees.some((m) => evaluates(m.node, name))) continue;
      const lowest = lowestCommon(world, [closer, at]);
      const verb =
        at.node.properties && Object.hasOwn(at.node.properties, name) ? 'declared' : 'required';
      report(ctx.closed, [...closer.path, keyword], `refuses ${name}`, {
        message: byAdditional
          ? `${where}: field ${name} (${verb} at ${pointerOf(at.path)}) is refused by additionalProperties: false at ${pointerOf(closer.path)}, which sees only the properties written beside it, not those of allOf, oneOf, anyOf, $ref or if: declare ${name} beside it (${name}: true is enough), or close with unevaluatedProperties: false at ${pointerOf(lowest.path)} instead.`
          : `${where}: field ${name} (${verb} at ${pointerOf(at.path)}) is refused by unevaluatedProperties: false at ${pointerOf(closer.path)}, which sees only fields evaluated by its own schema and the allOf, oneOf, anyOf, $ref and if/then/else below it: move it to ${pointerOf(lowest.path)}.`,
      });
    }
  }
}

/** Does the schema evaluate a field of this name (`properties`, `patternProperties`)? */
function evaluates(node, name) {
  if (isObject(node.properties) && Object.hasOwn(node.properties, name)) return true;
  if (!isObject(node.patternProperties)) return false;
  return Object.keys(node.patternProperties).some((pattern) => {
    try {
      return new RegExp(pattern, 'u').test(name);
    } catch {
      return false;
    }
  });
}

/** The places below an object: each declared field, the additional and pattern fields. */
function checkProperties(ctx, objects, at) {
  const names = new Set();
  for (const { node } of objects) {
    if (isObject(node.properties)) for (const name of Object.keys(node.properties)) names.add(name);
  }
  for (const name of names) {
    const members = [];
    for (const { node, path, fromIf } of objects) {
      if (isObject(node.properties) && Object.hasOwn(node.properties, name)) {
        members.push(
          member(node.properties[name], [...path, 'properties', name], null, 'root', fromIf),
        );
        continue;
      }
      const patterns = isObject(node.patternProperties)
        ? Object.keys(node.patternProperties).filter((p) =>
            evaluates({ patternProperties: { [p]: true } }, name),
          )
        : [];
      for (const p of patterns) {
        members.push(
          member(
            node.patternProperties[p],
            [...path, 'patternProperties', p],
            null,
            'root',
            fromIf,
          ),
        );
      }
      if (patterns.length === 0 && node.additionalProperties !== undefined) {
        members.push(
          member(
            node.additionalProperties,
            [...path, 'additionalProperties'],
            null,
            'root',
            fromIf,
          ),
        );
      }
    }
    // A field only an `if` names is a condition on a field declared nowhere: nothing to check.
    if (members.every((m) => m.fromIf)) continue;
    checkPlace(ctx, members, [...at, name]);
  }
  for (const { node, path } of objects) {
    if (isObject(node.additionalProperties)) {
      checkPlace(
        ctx,
        [member(node.additionalProperties, [...path, 'additionalProperties'], null, 'root')],
        [...at, '*'],
      );
    }
    if (isObject(node.patternProperties)) {
      for (const [p, sub] of Object.entries(node.patternProperties)) {
        checkPlace(
          ctx,
          [member(sub, [...path, 'patternProperties', p], null, 'root')],
          [...at, `(${p})`],
        );
      }
    }
  }
}

/** The places below an array: each `prefixItems` position and the items after them. */
function checkItems(ctx, objects, at) {
  const prefixLength = Math.max(
    0,
    ...objects.map(({ node }) => (Array.isArray(node.prefixItems) ? node.prefixItems.length : 0)),
  );
  for (let i = 0; i < prefixLength; i++) {
    const members = [];
    for (const { node, path } of objects) {
      if (Array.isArray(node.prefixItems) && i < node.prefixItems.length) {
        members.push(member(node.prefixItems[i], [...path, 'prefixItems', i], null, 'root'));
      } else if (node.items !== undefined) {
        members.push(member(node.items, [...path, 'items'], null, 'root'));
      }
    }
    checkPlace(ctx, members, [...at, `[${i}]`]);
  }
  const items = objects.filter(({ node }) => node.items !== undefined);
  const rest = items.length
    ? items.map(({ node, path }) => member(node.items, [...path, 'items'], null, 'root'))
    : objects
        .filter(({ node }) => node.unevaluatedItems !== undefined)
        .map(({ node, path }) =>
          member(node.unevaluatedItems, [...path, 'unevaluatedItems'], null, 'root'),
        );
  if (rest.length) checkPlace(ctx, rest, [...at, '[]']);
}
