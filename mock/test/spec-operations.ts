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

/** One operation of the contract, as the client's operation table has it, plus its examples. */
export interface SpecOperation {
  id: string;
  method: string;
  path: string;
  security: AuthMode[];
  /** The request body's schema, as written (unresolved `$ref`s). */
  schema: Schema;
  /** The request examples: `[name, value]`. */
  examples: Array<[string, unknown]>;
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
      const media = (op.requestBody as Schema).content as Record<string, Schema>;
      const json = media['application/json'] as Schema;
      const security = ((op.security ?? doc.security ?? []) as Array<Record<string, unknown>>)
        .flatMap((requirement) => Object.keys(requirement))
        .map((name) => schemes?.[name]?.['x-tianman-auth'] as AuthMode);
      const responses = op.responses as Record<string, Schema>;
      const ok = responses['200'] ?? responses['201'];
      const okContent = (ok?.content as Record<string, Schema> | undefined)?.['application/json'];
      const okExamples = Object.values((okContent?.examples as Record<string, Schema>) ?? {});
      operations.push({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
        security: [...new Set(security)],
        schema: json.schema as Schema,
        examples: Object.entries((json.examples as Record<string, Schema>) ?? {}).map(
          ([name, example]) => [name, example.value],
        ),
        successExample: okExamples[0]?.value,
      });
    }
  }
  return { doc, operations, flat: (schema) => flatten(doc, schema) };
}

/** One constraint of an operation broken once. */
export interface Violation {
  /** What was broken, for the test's name. */
  what: string;
  body: unknown;
  /** Path of the offending value (for `required` and `additionalProperties`, the field itself). */
  at: string[];
  /** The JSON Schema keyword broken (Ajv's and Prism's name for it). */
  rule: string;
}

/** The client's JSON Pointer for `at`. */
export const pointerOf = (at: string[]): string =>
  at.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Where Prism reports a violation (`sl-violations` `location`). */
export const prismLocation = (v: Violation): string[] => [
  'request',
  'body',
  ...(['required', 'additionalProperties'].includes(v.rule) ? v.at.slice(0, -1) : v.at),
];

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

/**
 * Every constraint of an operation's request schema broken once, starting from a valid body:
 * each required field missing (conditionally required ones too), each closed object given an
 * unknown field, each value of the wrong type, too long, too short, breaking its pattern,
 * outside its enum or range, each array with too few or too many items, and the same inside
 * nested objects and array items.
 */
export function violationsOf(contract: Contract, op: SpecOperation, valid?: unknown): Violation[] {
  const body = valid ?? op.examples[0]?.[1];
  if (body === undefined) throw new Error(`${op.id}: the spec gives no request example`);
  const out: Violation[] = [];
  const add = (what: string, at: string[], rule: string, replace: (old: unknown) => unknown) =>
    out.push({
      what: `${pointerOf(at) || 'body'}: ${what}`,
      at,
      rule,
      body: setAt(body, at, replace),
    });

  const walk = (schemas: unknown[], value: unknown, at: string[]): void => {
    const f = contract.flat({ allOf: schemas });
    const wrong = wrongType(f.type, value);
    if (wrong !== undefined) {
      add(
        `a ${typeof wrong === 'string' ? 'string' : typeof wrong} instead of ${f.type}`,
        at,
        'type',
        () => wrong,
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
        // A misspelling of a known field: the mistake a closed object is there to catch.
        const first = names[0] as string;
        const flipped = first.slice(0, -1) + first.slice(-1).toUpperCase();
        const extra = names.includes(flipped) ? `${first}_` : flipped;
        add('an unknown field', [...at, extra], 'additionalProperties', () => 'x');
      }
      for (const [key, subs] of Object.entries(f.properties)) walk(subs, v[key], [...at, key]);
    }
  };
  walk([op.schema], body, []);
  // One violation per constraint and place.
  const seen = new Set<string>();
  return out.filter((v) => {
    const key = `${v.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
