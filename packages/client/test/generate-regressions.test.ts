import { afterAll, describe, expect, it } from 'vitest';
import { addOperation, generateCopy, readSpec, removeCopies } from './generated-copy.js';
import { validBody } from './helpers.js';

// Ordinary spec edits that a generator rewriting its validators' code as text got wrong: each is
// generated from an edited copy of the spec and checked through the copy's own validators.

afterAll(removeCopies);

describe('a required field must be an own property, whatever its name', () => {
  it.each(['toString', 'constructor', '__proto__'])('required: [%s] refuses {}', async (name) => {
    const doc = readSpec();
    // Closed, as the contract's request schemas are (the key is parsed: `__proto__` in an object
    // literal would set the prototype instead).
    addOperation(
      doc,
      'requiredName',
      JSON.parse(
        `{"type": "object", "additionalProperties": false, "required": ["${name}"], "properties": {"${name}": {}}}`,
      ),
    );
    const verdict = await generateCopy(doc);
    expect(verdict('requiredName', {})).toEqual([
      { path: `/${name}`, rule: 'required', message: `/${name} is required` },
    ]);
    expect(verdict('requiredName', JSON.parse(`{"${name}": 1}`))).toEqual([]);
  });

  it.each(['constructor', 'toString'])(
    'properties: {%s: {type: string}} accepts {} (the inherited one is not a field)',
    async (name) => {
      const doc = readSpec();
      addOperation(doc, 'inheritedName', {
        type: 'object',
        additionalProperties: false,
        properties: { [name]: { type: 'string' } },
      });
      const verdict = await generateCopy(doc);
      expect(verdict('inheritedName', {})).toEqual([]);
      expect(verdict('inheritedName', { [name]: 1 })).toEqual([
        { path: `/${name}`, rule: 'type', message: `/${name} must be string` },
      ]);
    },
  );
});

describe('spec values are values, never code', () => {
  it('an enum containing "errors" accepts "errors" and names it in its message', async () => {
    const doc = readSpec();
    addOperation(doc, 'errorsEnum', {
      type: 'object',
      additionalProperties: false,
      properties: { state: { enum: ['errors', 'vErrors.length'] } },
    });
    const verdict = await generateCopy(doc);
    expect(verdict('errorsEnum', { state: 'errors' })).toEqual([]);
    expect(verdict('errorsEnum', { state: 'vErrors.length' })).toEqual([]);
    expect(verdict('errorsEnum', { state: 'other' })).toEqual([
      {
        path: '/state',
        rule: 'enum',
        message: '/state must be one of ["errors","vErrors.length"]',
      },
    ]);
  });

  it('a property named errors is checked like any other', async () => {
    const doc = readSpec();
    addOperation(doc, 'errorsField', {
      type: 'object',
      additionalProperties: false,
      required: ['errors'],
      properties: { errors: { type: 'integer', maximum: 3 } },
    });
    const verdict = await generateCopy(doc);
    expect(verdict('errorsField', { errors: 2 })).toEqual([]);
    expect(verdict('errorsField', { errors: 4 })).toEqual([
      { path: '/errors', rule: 'maximum', message: '/errors must be <= 3' },
    ]);
    expect(verdict('errorsField', {}).map((i) => i.path)).toEqual(['/errors']);
  });
});

it('two fields sharing a pattern keep their own x-pattern-message', async () => {
  const doc = readSpec();
  addOperation(doc, 'sharedPattern', {
    type: 'object',
    additionalProperties: false,
    properties: {
      orderNo: { type: 'string', pattern: '^[0-9]+$', 'x-pattern-message': 'the order number' },
      shopNo: { type: 'string', pattern: '^[0-9]+$', 'x-pattern-message': 'the shop number' },
    },
  });
  const verdict = await generateCopy(doc);
  expect(verdict('sharedPattern', { orderNo: 'x', shopNo: 'y' })).toEqual([
    { path: '/orderNo', rule: 'pattern', message: '/orderNo must be the order number' },
    { path: '/shopNo', rule: 'pattern', message: '/shopNo must be the shop number' },
  ]);
});

it('a spec without if/then generates, and its validators still decide', async () => {
  const doc = readSpec();
  const request = doc.components.schemas.SyncPayScoreOrderRequest;
  delete request.if;
  delete request.then;
  const verdict = await generateCopy(doc);
  const { detail: _, ...withoutDetail } = validBody;
  expect(verdict('syncPayScoreOrder', withoutDetail)).toEqual([]);
  expect(verdict('syncPayScoreOrder', { ...validBody, mid: '' })).toEqual([
    { path: '/mid', rule: 'minLength', message: '/mid must be at least 1 characters' },
  ]);
});

it('a value nested deeper than a recursive schema can follow is refused, not thrown', async () => {
  const doc = readSpec();
  addOperation(doc, 'tree', {
    type: 'array',
    items: { $ref: '#/paths/~1test~1tree/post/requestBody/content/application~1json/schema' },
  });
  const verdict = await generateCopy(doc);
  const { issuesOf } = await import(`${verdict.dir}/src/validate.ts`);
  const { operationTable } = await import(`${verdict.dir}/src/generated/operations.ts`);
  expect(issuesOf(operationTable.tree.validate, [[[]]])).toEqual([]);
  expect(
    issuesOf(operationTable.tree.validate, [[1]]).map((i: { path: string }) => i.path),
  ).toEqual(['/0/0']);
  const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
  expect(issuesOf(operationTable.tree.validate, deep)).toEqual([
    { path: '', rule: 'body.depth', message: 'body is nested too deeply to validate' },
  ]);
});
