import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// The contract's operations and the ways to break them, read from the spec itself: the contract
// and differential tests loop over these, so an operation added to the spec is tested with no
// test edit. Constraints are read from the raw spec (local `$ref`s resolved, `allOf` and keywords
// beside a `$ref` merged, the stricter limit winning), not from what a tool made of it.

/** A JSON Schema (a subset of it: what the walker reads). */
export type Schema = Record<string, unknown>;

/** The client's names for the auth modes (the spec's `x-tianman-auth`). */
export type AuthMode = 'signature' | 'token';

/** A path or query parameter of an operation. */
export interface SpecParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  /** Its schema, as written. */
  schema: Schema;
  /** The spec's example value (`example`, `examples`, or its schema's). */
  example: unknown;
}

/** One request of an operation: its body (when it takes one) and its parameters, by name. */
export interface SpecRequest {
  body?: unknown;
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/** One operation of the contract, as the client's operation table has it, plus its examples. */
export interface SpecOperation {
  id: string;
  method: string;
  path: string;
  security: AuthMode[];
  /** The request body's schema, as written (unresolved `$ref`s); `{}` when it takes no body. */
  schema: Schema;
  /** It takes a request body. */
  hasBody: boolean;
  /** Its path and query parameters. */
  parameters: SpecParameter[];
  /** The request body examples: `[name, value]` (none without a body). */
  examples: Array<[string, unknown]>;
  /** Whole example requests: each body example with the parameters' examples, or those alone. */
  requests: Array<[string, SpecRequest]>;
  /** The first example of the success (200/201) answer, if the spec gives one. */
  successExample: unknown;
}

/** The contract: its document and its operations (the token endpoint excluded). */
export interface Contract {
  doc: Schema;
  operations: SpecOperation[];
  /** The merged view of a schema: `$ref`s resolved, `allOf` and siblings folded in. */
  flat: (schema: unknown) => Flat;
}

/** A schema with its `$ref`s and `allOf` folded in: what a value at that place must satisfy. */
export interface Flat {
  type?: string;
  patterns: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  hasConst: boolean;
  required: string[];
  properties: Record<string, Schema[]>;
  closed: boolean;
  items: Schema[];
  conditionals: Array<{ when: Flat; require: string[] }>;
  examples: unknown[];
}

function pointerGet(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are read here, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

const min = (a: number | undefined, b: unknown) =>
  typeof b === 'number' ? (a === undefined ? b : Math.min(a, b)) : a;
const max = (a: number | undefined, b: unknown) =>
  typeof b === 'number' ? (a === undefined ? b : Math.max(a, b)) : a;

function flatten(doc: unknown, schema: unknown, depth = 0): Flat {
  const out: Flat = {
    patterns: [],
    required: [],
    properties: {},
    closed: false,
    items: [],
    conditionals: [],
    examples: [],
    hasConst: false,
  };
  if (typeof schema !== 'object' || schema === null || depth > 32) return out;
  const s = schema as Schema;
  const parts: Flat[] = [];
  if (typeof s.$ref === 'string') parts.push(flatten(doc, pointerGet(doc, s.$ref), depth + 1));
  for (const sub of (s.allOf as unknown[] | undefined) ?? [])
    parts.push(flatten(doc, sub, depth + 1));
  if (typeof s.type === 'string') out.type = s.type;
  if (typeof s.pattern === 'string') out.patterns.push(s.pattern);
  out.minLength = max(out.minLength, s.minLength);
  out.maxLength = min(out.maxLength, s.maxLength);
  out.minimum = max(out.minimum, s.minimum);
  out.maximum = min(out.maximum, s.maximum);
  out.minItems = max(out.minItems, s.minItems);
  out.maxItems = min(out.maxItems, s.maxItems);
  if (Array.isArray(s.enum)) out.enum = s.enum;
  if ('const' in s) {
    out.const = s.const;
    out.hasConst = true;
  }
  if (Array.isArray(s.required)) out.required.push(...(s.required as string[]));
  for (const [name, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {})) {
    out.properties[name] = [sub];
  }
  if (s.additionalProperties === false) out.closed = true;
  if (s.items && typeof s.items === 'object') out.items.push(s.items as Schema);
  if (s.if && s.then) {
    out.conditionals.push({
      when: flatten(doc, s.if, depth + 1),
      require: flatten(doc, s.then, depth + 1).required,
    });
  }
  if (Array.isArray(s.examples)) out.examples.push(...s.examples);
  for (const p of parts) {
    out.type ??= p.type;
    out.patterns.push(...p.patterns);
    out.minLength = max(out.minLength, p.minLength);
    out.maxLength = min(out.maxLength, p.maxLength);
    out.minimum = max(out.minimum, p.minimum);
    out.maximum = min(out.maximum, p.maximum);
    out.minItems = max(out.minItems, p.minItems);
    out.maxItems = min(out.maxItems, p.maxItems);
    out.enum =
      out.enum && p.enum ? out.enum.filter((v) => p.enum?.includes(v)) : (out.enum ?? p.enum);
    if (p.hasConst && !out.hasConst) {
      out.const = p.const;
      out.hasConst = true;
    }
    out.required.push(...p.required);
    for (const [name, subs] of Object.entries(p.properties)) {
      out.properties[name] = [...(out.properties[name] ?? []), ...subs];
    }
    out.closed ||= p.closed;
    out.items.push(...p.items);
    out.conditionals.push(...p.conditionals);
    out.examples.push(...p.examples);
  }
  out.required = [...new Set(out.required)];
  return out;
}

/** An OpenAPI object that may be a local `$ref` (a parameter, a request body). */
function resolveObject(doc: unknown, node: unknown): unknown {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' ? pointerGet(doc, ref) : node;
}

/** A parameter's example: its `example`, its first `examples` value, or its schema's. */
function parameterExample(doc: unknown, p: Schema): unknown {
  if ('example' in p) return p.example;
  const named = Object.values((p.examples as Record<string, Schema> | undefined) ?? {});
  if (named[0] && 'value' in named[0]) return named[0].value;
  const schema = resolveObject(doc, p.schema) as Schema | undefined;
  return (
    (schema?.examples as unknown[] | undefined)?.[0] ?? (schema?.enum as unknown[] | undefined)?.[0]
  );
}

/** The parameters of an example request: each one the spec gives an example of. */
function requestParameters(parameters: SpecParameter[]): SpecRequest {
  const request: SpecRequest = {};
  for (const p of parameters) {
    if (p.example === undefined) {
      if (p.required) throw new Error(`parameter ${p.name}: the spec gives no example`);
      continue;
    }
    request[p.in] = { ...request[p.in], [p.name]: p.example };
  }
  return request;
}

/** Reads a spec and lists its operations, as the generator does (the token endpoint aside). */
export function loadContract(specPath: string): Contract {
  const doc = parse(readFileSync(specPath, 'utf8')) as Schema;
  const schemes = (doc.components as Schema | undefined)?.securitySchemes as
    | Record<string, Schema>
    | undefined;
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Schema>)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as Schema;
      if (op['x-tianman-token-endpoint'] === true) continue;
      const requestBody = resolveObject(doc, op.requestBody) as Schema | undefined;
      const media = (requestBody?.content ?? {}) as Record<string, Schema>;
      const json = (media['application/json'] ?? {}) as Schema;
      const security = ((op.security ?? doc.security ?? []) as Array<Record<string, unknown>>)
        .flatMap((requirement) => Object.keys(requirement))
        .map((name) => schemes?.[name]?.['x-tianman-auth'] as AuthMode);
      const responses = op.responses as Record<string, Schema>;
      const ok = responses['200'] ?? responses['201'];
      const okContent = (ok?.content as Record<string, Schema> | undefined)?.['application/json'];
      const okExamples = Object.values((okContent?.examples as Record<string, Schema>) ?? {});
      const parameters = [
        ...((item.parameters as unknown[] | undefined) ?? []),
        ...((op.parameters as unknown[] | undefined) ?? []),
      ]
        .map((raw) => resolveObject(doc, raw) as Schema)
        .map((p) => ({
          name: p.name as string,
          in: p.in as 'path' | 'query',
          required: p.required === true,
          schema: p.schema as Schema,
          example: parameterExample(doc, p),
        }));
      const examples = Object.entries((json.examples as Record<string, Schema>) ?? {}).map(
        ([name, example]) => [name, example.value] as [string, unknown],
      );
      const params = requestParameters(parameters);
      const hasBody = requestBody !== undefined;
      operations.push({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
        security: [...new Set(security)],
        schema: (json.schema as Schema) ?? {},
        hasBody,
        parameters,
        examples,
        requests: hasBody
          ? examples.map(([name, body]) => [name, { ...params, body }])
          : [['parameters', params]],
        successExample: okExamples[0]?.value,
      });
    }
  }
  return { doc, operations, flat: (schema) => flatten(doc, schema) };
}

/** Where a violation is: in the body, or in a path or query parameter. */
export type Place = 'body' | 'path' | 'query';

/** One constraint of an operation broken once. */
export interface Violation {
  /** What was broken, for the test's name. */
  what: string;
  /** The whole request, one constraint broken (the others as the spec's examples have them). */
  request: SpecRequest;
  /** The request's body (`request.body`). */
  body: unknown;
  where: Place;
  /**
   * Path of the offending value: in the body, or `[path|query, name, …]` for a parameter (for
   * `required` and `additionalProperties`, the field itself). The client's issue path is
   * `pointerOf(at)`.
   */
  at: string[];
  /** The JSON Schema keyword broken (the client's and Prism's name for it). */
  rule: string;
  /**
   * Only a typed call can make this mistake: a URL carries text, not types, and cannot leave a
   * path segment out, so the api (which reads parameters back from the URL) and a raw request
   * cannot say it.
   */
  typedOnly: boolean;
  /**
   * What Prism reports when the request is sent raw (`sl-violations`), or `null` when the
   * contract allows it and the client alone refuses it: OpenAPI does not close a query, the
   * client does (an unknown query parameter is a misspelling the platform would ignore).
   */
  prism: { code: string; location: string[] } | null;
}

/** The client's JSON Pointer for `at`. */
export const pointerOf = (at: string[]): string =>
  at.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * Where Prism reports a violation (`sl-violations` `location`). Prism lower-cases a path
 * parameter's name there.
 */
export const prismLocation = (v: Pick<Violation, 'at' | 'rule' | 'where'>): string[] => {
  const at = ['required', 'additionalProperties'].includes(v.rule) ? v.at.slice(0, -1) : v.at;
  if (v.where === 'body') return ['request', 'body', ...at];
  const [place, name, ...rest] = at;
  return name === undefined
    ? ['request', place as string]
    : ['request', place as string, place === 'path' ? name.toLowerCase() : name, ...rest];
};

function setAt(value: unknown, at: string[], replace: (old: unknown) => unknown): unknown {
  if (at.length === 0) return replace(value);
  const [head, ...rest] = at as [string, ...string[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = setAt(copy[Number(head)], rest, replace);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const next = setAt(copy[head], rest, replace);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

const codePoints = (s: string) => [...s];
const len = (s: string) => codePoints(s).length;
const matchesAll = (patterns: string[], s: string) =>
  patterns.every((p) => new RegExp(p, 'u').test(s));

/** Does `value` satisfy the (simple) `if` of a conditional: `required` and `const`/`enum`? */
function holds(contract: Contract, cond: Flat, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (!cond.required.every((k) => k in v)) return false;
  return Object.entries(cond.properties).every(([k, subs]) => {
    if (!(k in v)) return true;
    const f = contract.flat({ allOf: subs });
    if (f.hasConst && v[k] !== f.const) return false;
    return !(f.enum && !f.enum.includes(v[k]));
  });
}

/** A value of another JSON type than `type` (the body's own value when it reads as one). */
function wrongType(type: string | undefined, value: unknown): unknown {
  switch (type) {
    case 'string':
      return typeof value === 'string' && Number.isFinite(Number(value)) && value !== ''
        ? Number(value)
        : 1;
    case 'integer':
    case 'number':
      return String(value ?? 1);
    case 'boolean':
      return 'true';
    case 'array':
      return JSON.stringify(value ?? []);
    case 'object':
      // The platform page's samples send nested objects as JSON strings.
      return JSON.stringify(value ?? {});
    default:
      return undefined;
  }
}

/** A misspelling of `name`: the mistake a closed object is there to catch. */
const misspell = (name: string, taken: string[]) => {
  const flipped = name.slice(0, -1) + name.slice(-1).toUpperCase();
  return taken.includes(flipped) ? `${name}_` : flipped;
};

/** A value with one constraint broken, as the walker finds it. */
interface Broken {
  what: string;
  at: string[];
  rule: string;
  value: unknown;
  /** A value of another JSON type: what only a typed call can send as a parameter. */
  retyped: boolean;
}

/**
 * Every constraint of a schema broken once, starting from a valid value: each required field
 * missing (conditionally required ones too), each closed object given an unknown field, each
 * value of the wrong type, too long, too short, breaking its pattern, outside its enum or range,
 * each array with too few or too many items, and the same inside nested objects and array items.
 */
function breakSchema(contract: Contract, schema: Schema, valid: unknown): Broken[] {
  const out: Broken[] = [];
  const add = (
    what: string,
    at: string[],
    rule: string,
    replace: (old: unknown) => unknown,
    retyped = false,
  ) => out.push({ what, at, rule, value: setAt(valid, at, replace), retyped });
  const walk = (schemas: unknown[], value: unknown, at: string[]): void => {
    const f = contract.flat({ allOf: schemas });
    const wrong = wrongType(f.type, value);
    if (wrong !== undefined) {
      add(
        `a ${typeof wrong === 'string' ? 'string' : typeof wrong} instead of ${f.type}`,
        at,
        'type',
        () => wrong,
        true,
      );
    }
    if (f.type === 'integer') add('a fraction instead of an integer', at, 'type', () => 1.5);
    if (f.type === 'string' || typeof value === 'string') {
      const base =
        typeof value === 'string'
          ? value
          : String(f.examples[0] ?? (f.hasConst ? f.const : undefined) ?? f.enum?.[0] ?? 'a');
      const fits = (s: string) =>
        (f.minLength === undefined || len(s) >= f.minLength) &&
        (f.maxLength === undefined || len(s) <= f.maxLength);
      if (f.maxLength !== undefined) {
        const seed = codePoints(base)[0] ?? 'a';
        const long = base + seed.repeat(Math.max(1, f.maxLength + 1 - len(base)));
        add(
          `${f.maxLength + 1} characters (maxLength ${f.maxLength})`,
          at,
          'maxLength',
          () => long,
        );
        // Length is counted in code points: 😀 is one character, two UTF-16 units.
        const wide = '😀'.repeat(f.maxLength + 1);
        if (!f.patterns.length && !f.enum && !f.hasConst) {
          add(
            `${f.maxLength + 1} emoji (maxLength ${f.maxLength} code points)`,
            at,
            'maxLength',
            () => wide,
          );
        }
      }
      if (f.minLength !== undefined && f.minLength > 0) {
        const short = codePoints(base)
          .slice(0, f.minLength - 1)
          .join('');
        add(
          `${f.minLength - 1} characters (minLength ${f.minLength})`,
          at,
          'minLength',
          () => short,
        );
      }
      for (const pattern of f.patterns) {
        const re = new RegExp(pattern, 'u');
        const chars = codePoints(base);
        const candidates = [
          [...chars.slice(0, -1), ' '].join(''),
          [' ', ...chars.slice(1)].join(''),
          ['订', ...chars.slice(1)].join(''),
          [...chars.slice(0, -1), '#'].join(''),
          `${base}\n`,
          `${base}x`,
          '',
        ].filter((s) => !re.test(s));
        const breaking = candidates.find(fits) ?? candidates[0];
        if (breaking !== undefined) {
          add(`${JSON.stringify(breaking)} breaks the pattern`, at, 'pattern', () => breaking);
        }
      }
      const allowed = f.enum ?? (f.hasConst ? [f.const] : undefined);
      if (allowed) {
        const outsider = [
          base.toLowerCase(),
          base.toUpperCase(),
          `${base} `,
          base.slice(0, -1),
          'x',
        ].find((s) => !allowed.includes(s) && fits(s) && matchesAll(f.patterns, s));
        if (outsider !== undefined) {
          add(
            `${JSON.stringify(outsider)} is not allowed`,
            at,
            f.enum ? 'enum' : 'const',
            () => outsider,
          );
        }
      }
    }
    if (f.type === 'integer' || f.type === 'number') {
      const { minimum, maximum } = f;
      if (minimum !== undefined) add(`below ${minimum}`, at, 'minimum', () => minimum - 1);
      if (maximum !== undefined) add(`above ${maximum}`, at, 'maximum', () => maximum + 1);
    }
    if (f.type === 'array' || Array.isArray(value)) {
      const items = Array.isArray(value) ? value : [];
      const { minItems } = f;
      if (minItems !== undefined && minItems > 0) {
        const few = items.slice(0, minItems - 1);
        add(`${minItems - 1} items (minItems ${minItems})`, at, 'minItems', () => few);
      }
      if (f.maxItems !== undefined && items.length) {
        const many = Array.from({ length: f.maxItems + 1 }, (_, i) => items[i % items.length]);
        add(`${f.maxItems + 1} items (maxItems ${f.maxItems})`, at, 'maxItems', () => many);
      }
      if (f.items.length && items.length) walk(f.items, items[0], [...at, '0']);
    }
    if (f.type === 'object' || (value && typeof value === 'object' && !Array.isArray(value))) {
      const v = (value ?? {}) as Record<string, unknown>;
      const required = new Set(f.required.filter((k) => k in v));
      for (const key of required) add('missing', [...at, key], 'required', () => undefined);
      for (const cond of f.conditionals) {
        if (!holds(contract, cond.when, v)) continue;
        for (const key of cond.require) {
          if (key in v && !required.has(key)) {
            add(
              'missing while the condition that requires it holds',
              [...at, key],
              'required',
              () => undefined,
            );
          }
        }
      }
      const names = Object.keys(f.properties);
      if (f.closed && names.length) {
        const extra = misspell(names[0] as string, names);
        add('an unknown field', [...at, extra], 'additionalProperties', () => 'x');
      }
      for (const [key, subs] of Object.entries(f.properties)) walk(subs, v[key], [...at, key]);
    }
  };
  walk([schema], valid, []);
  return out;
}

/** A request with `value` (or, for `undefined`, nothing) at `place`/`name`. */
function withParameter(
  request: SpecRequest,
  place: 'path' | 'query',
  name: string,
  value: unknown,
): SpecRequest {
  const values: Record<string, unknown> = { ...request[place] };
  if (value === undefined) delete values[name];
  else values[name] = value;
  return { ...request, [place]: values };
}

/**
 * Every constraint of an operation's request broken once, starting from a valid request (by
 * default its first example): in the body (see `breakSchema`), and in each parameter — its
 * schema's rules, a required one missing, and a misspelt query parameter.
 */
export function violationsOf(
  contract: Contract,
  op: SpecOperation,
  valid?: SpecRequest,
): Violation[] {
  const request = valid ?? op.requests[0]?.[1];
  if (request === undefined || (op.hasBody && request.body === undefined)) {
    throw new Error(`${op.id}: the spec gives no request example`);
  }
  const out: Violation[] = [];
  if (op.hasBody) {
    for (const b of breakSchema(contract, op.schema, request.body)) {
      const at = b.at;
      out.push({
        what: `${pointerOf(at) || 'body'}: ${b.what}`,
        request: { ...request, body: b.value },
        body: b.value,
        where: 'body',
        at,
        rule: b.rule,
        typedOnly: false,
        prism: { code: b.rule, location: prismLocation({ at, rule: b.rule, where: 'body' }) },
      });
    }
  }
  for (const p of op.parameters) {
    const value = request[p.in]?.[p.name];
    const push = (
      what: string,
      at: string[],
      rule: string,
      next: SpecRequest,
      typedOnly = false,
    ) => {
      // A URL's empty value reads as no value at all: Prism reports the parameter missing.
      const empty = at.length === 2 && next[p.in]?.[p.name] === '';
      out.push({
        what: `${pointerOf(at)}: ${what}`,
        request: next,
        body: next.body,
        where: p.in,
        at,
        rule,
        typedOnly: typedOnly || (empty && p.in === 'path'),
        prism: empty
          ? { code: 'required', location: ['request', p.in] }
          : { code: rule, location: prismLocation({ at, rule, where: p.in }) },
      });
    };
    if (value === undefined) continue;
    if (p.required) {
      // A path without one of its segments is another path: only a typed call can leave it out.
      push(
        'missing',
        [p.in, p.name],
        'required',
        withParameter(request, p.in, p.name, undefined),
        p.in === 'path',
      );
    }
    for (const b of breakSchema(contract, p.schema, value)) {
      push(
        b.what,
        [p.in, p.name, ...b.at],
        b.rule,
        withParameter(request, p.in, p.name, b.value),
        b.retyped,
      );
    }
  }
  const query = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  if (query.length) {
    // A doubled last letter: Prism reads query names case-insensitively, so a case slip
    // would name the same parameter there.
    const first = query[0] as string;
    const name = query.includes(`${first}${first.slice(-1)}`)
      ? `${first}_`
      : `${first}${first.slice(-1)}`;
    const at = ['query', name];
    out.push({
      what: `${pointerOf(at)}: an unknown query parameter`,
      request: withParameter(request, 'query', name, 'x'),
      body: request.body,
      where: 'query',
      at,
      rule: 'additionalProperties',
      typedOnly: false,
      prism: null,
    });
  }
  // One violation per constraint and place.
  const seen = new Set<string>();
  return out.filter((v) => {
    const key = `${v.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
