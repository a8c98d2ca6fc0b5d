import { describe, expect, it } from 'vitest';
import { analyzeRequestBodies } from '../functions/lib/request-bodies.js';

// The reading of request body schemas, called directly on small documents for the JSON Schema
// cases the Spectral tests (lint.test.ts) do not reach: conditionals, tuples, maps, cycles.

const BODY = '#/paths/~1x/post/requestBody/content/application~1json/schema';

/** A document whose one operation, `x`, has `schema` as its request body schema. */
const docWith = (schema: unknown, schemas: Record<string, unknown> = {}) => ({
  openapi: '3.1.0',
  paths: {
    '/x': {
      post: { operationId: 'x', requestBody: { content: { 'application/json': { schema } } } },
    },
  },
  components: { schemas },
});

/** The findings of each rule, as `pointer: message`. */
function findings(schema: unknown, schemas?: Record<string, unknown>) {
  const { closed, bounded } = analyzeRequestBodies(docWith(schema, schemas));
  const show = (f: { path: Array<string | number>; message: string }) =>
    `#${f.path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}: ${f.message}`;
  return { closed: closed.map(show), bounded: bounded.map(show) };
}

const bounded = { type: 'string', maxLength: 4 };
const unbounded = { type: 'string' };

describe('conditionals', () => {
  it('a bound under then alone leaves the string unbounded when the if fails', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: { kind: { enum: ['a', 'b'] }, note: unbounded },
      if: { properties: { kind: { const: 'a' } } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword.
      then: { properties: { note: { maxLength: 3 } } },
    };
    expect(findings(schema).bounded).toEqual([
      `${BODY}/properties/note: x request body at /note: a string with no length bound: add maxLength at ${BODY}/properties/note (or enum, const, a format that bounds it: date, uuid, ipv4, ipv6, or a pattern anchored ^…$ without *, + or {n,}, with its x-pattern-message).`,
    ]);
    expect(
      findings({ ...schema, else: { properties: { note: { maxLength: 5 } } } }).bounded,
    ).toEqual([]);
  });

  it('a field only an if names is a condition, not a declaration', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: { kind: { enum: ['a'] } },
      if: { properties: { ghost: { type: 'string' } }, required: ['ghost'] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword.
      then: { required: ['kind'] },
    };
    expect(findings(schema)).toEqual({ closed: [], bounded: [] });
  });

  it('a closing keyword under then closes only when the if holds, and sees only then', () => {
    const schema = {
      type: 'object',
      properties: { kind: { enum: ['a'] } },
      if: { required: ['kind'] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword.
      then: { additionalProperties: false },
    };
    expect(findings(schema).closed).toEqual([
      `${BODY}/then/additionalProperties: x request body: field kind (declared at ${BODY}) is refused by additionalProperties: false at ${BODY}/then, which sees only the properties written beside it, not those of allOf, oneOf, anyOf, $ref or if: declare kind beside it (kind: true is enough), or close with unevaluatedProperties: false at ${BODY} instead.`,
      `${BODY}: x request body: an object that accepts fields it does not declare: add additionalProperties: false at ${BODY}.`,
    ]);
  });

  it('dependentSchemas may apply or not: a bound there alone is no bound', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: { a: { enum: ['x'] }, b: unbounded },
      dependentSchemas: { a: { properties: { b: { maxLength: 2 } } } },
    };
    expect(findings(schema).bounded).toHaveLength(1);
    expect(findings(schema).bounded[0]).toContain('at /b: a string with no length bound');
  });
});

describe('arrays', () => {
  it('a tuple of prefixItems closed by items: false passes; without items it is open', () => {
    const tuple = { type: 'array', prefixItems: [bounded, { type: 'integer' }], items: false };
    expect(findings(tuple)).toEqual({ closed: [], bounded: [] });
    const { items: _, ...open } = tuple;
    expect(findings(open).closed).toEqual([
      `${BODY}: x request body: an array whose items can be any JSON value (no items): add items at ${BODY} with a closed, bounded schema (or items: false for a tuple of prefixItems).`,
    ]);
  });

  it('each prefixItems position is checked', () => {
    const tuple = { type: 'array', prefixItems: [bounded, unbounded], items: false };
    expect(findings(tuple).bounded).toEqual([
      expect.stringContaining(
        `${BODY}/prefixItems/1: x request body at /[1]: a string with no length bound`,
      ),
    ]);
  });

  it('unevaluatedItems stands for items when there are none', () => {
    expect(findings({ type: 'array', unevaluatedItems: unbounded }).bounded).toEqual([
      expect.stringContaining(`${BODY}/unevaluatedItems: x request body at /[]:`),
    ]);
  });
});

describe('objects', () => {
  it('a map (additionalProperties: a schema) is open, and its values are checked', () => {
    const { closed, bounded: strings } = findings({
      type: 'object',
      additionalProperties: unbounded,
    });
    expect(closed).toEqual([
      expect.stringContaining(`${BODY}: x request body: an object that accepts fields`),
    ]);
    expect(strings).toEqual([
      expect.stringContaining(`${BODY}/additionalProperties: x request body at /*: a string`),
    ]);
  });

  it('patternProperties values are checked, and their names are declared for the closing', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^x-': unbounded },
    };
    expect(findings(schema)).toEqual({
      closed: [],
      bounded: [
        expect.stringContaining(`${BODY}/patternProperties/^x-: x request body at /(^x-):`),
      ],
    });
  });

  it('an open anyOf branch is refused like an open oneOf branch', () => {
    const schema = {
      anyOf: [
        { type: 'object', additionalProperties: false, properties: { a: bounded } },
        { type: 'object', properties: { b: bounded } },
      ],
    };
    expect(findings(schema).closed).toEqual([
      expect.stringContaining(
        `add additionalProperties: false at ${BODY}/anyOf/1 (on the anyOf branch itself`,
      ),
    ]);
  });

  it('unevaluatedProperties: false sees through $ref and allOf below it', () => {
    const schema = {
      type: 'object',
      allOf: [{ $ref: '#/components/schemas/Base' }],
      properties: { extra: bounded },
      unevaluatedProperties: false,
    };
    const Base = { type: 'object', allOf: [{ properties: { deep: bounded } }], required: ['deep'] };
    expect(findings(schema, { Base })).toEqual({ closed: [], bounded: [] });
  });
});

describe('types', () => {
  it('a nullable string is still a string; a nullable integer is not', () => {
    expect(findings({ type: ['string', 'null'] }).bounded).toHaveLength(1);
    expect(findings({ type: ['integer', 'null'] })).toEqual({ closed: [], bounded: [] });
  });

  it('a closing without a type is still checked for the fields it refuses', () => {
    const schema = {
      additionalProperties: false,
      items: false,
      maxLength: 8,
      allOf: [{ properties: { a: bounded }, required: ['a'] }],
    };
    expect(findings(schema)).toEqual({
      closed: [
        expect.stringContaining(
          `${BODY}/additionalProperties: x request body: field a (declared at ${BODY}/allOf/0) is refused by additionalProperties: false at ${BODY}`,
        ),
      ],
      bounded: [],
    });
    expect(findings({ additionalProperties: false })).toEqual({
      closed: [
        `${BODY}: x request body: has no type (nor enum or const), so it accepts an array of anything: give it a type at ${BODY} (an object also needs additionalProperties: false, an array items).`,
      ],
      bounded: [
        `${BODY}: x request body: has no type (nor enum or const), so it accepts a string of any length: give it a type at ${BODY} (a string also needs maxLength).`,
      ],
    });
  });

  it('an enum of numbers carries no string', () => {
    expect(findings({ enum: [1, 2] })).toEqual({ closed: [], bounded: [] });
  });

  it('a false branch accepts nothing, so it needs no closing', () => {
    expect(findings({ oneOf: [false, { type: 'integer' }] })).toEqual({ closed: [], bounded: [] });
  });
});

describe('references', () => {
  it('what a $ref outside the document or to nowhere would bring is not read (other rules report the $ref)', () => {
    for (const $ref of ['other.yaml#/X', '#/components/schemas/Nope']) {
      expect(findings({ type: 'object', properties: { x: { $ref } } })).toEqual({
        closed: [
          `${BODY}: x request body: an object that accepts fields it does not declare: add additionalProperties: false at ${BODY}.`,
        ],
        bounded: [],
      });
    }
  });

  it('schemas that refer to themselves are read to the end', () => {
    const Node = {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: bounded,
        next: { $ref: '#/components/schemas/Node' },
        kids: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
      },
    };
    const Loop = { allOf: [{ $ref: '#/components/schemas/Loop' }], type: 'integer' };
    expect(findings({ $ref: '#/components/schemas/Node' }, { Node })).toEqual({
      closed: [],
      bounded: [],
    });
    expect(findings({ $ref: '#/components/schemas/Loop' }, { Loop })).toEqual({
      closed: [],
      bounded: [],
    });
  });

  it('more than 256 combinations of branches at one place are refused, not enumerated', () => {
    const choice = { oneOf: [{ type: 'integer' }, { type: 'number' }] };
    const schema = { allOf: Array.from({ length: 9 }, () => choice) };
    expect(findings(schema).closed).toEqual([
      `${BODY}: x request body: more than 256 combinations of oneOf/anyOf/if branches meet here, too many to check: split the schema into fewer alternatives.`,
    ]);
  });
});
