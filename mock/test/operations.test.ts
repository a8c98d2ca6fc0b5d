import {
  createTianmanClient,
  type TianmanClient,
  ValidationError,
  validateRequestBody,
} from '@tianman/client';
import { createTianmanApi } from '@tianman/client/api';
import { describe, expect, inject, it } from 'vitest';
import { defaultSpecPath } from '../src/spec-path.js';
import { operationTests } from './operation-suite.js';
import { loadContract, violationsOf } from './spec-operations.js';

// Driven by the contract: every operation of the spec (what the client's operation table is
// generated from), its examples, and every constraint of its request broken once. An operation
// added to the spec is covered here with no test edit.
const contract = loadContract(defaultSpecPath());

it('the client has one method per operation of the spec, and nothing else', () => {
  const c = createTianmanClient({ ...inject('mockCredentials'), baseUrl: inject('mockUrl') });
  const methods = Object.keys(c).filter(
    (key) => typeof (c as unknown as Record<string, unknown>)[key] === 'function',
  );
  expect(methods.sort()).toEqual(contract.operations.map((op) => op.id).sort());
  expect(contract.operations.length).toBeGreaterThan(0);
});

it('the violations derived from the spec cover every kind of constraint it uses', () => {
  // A derivation that found nothing would make the loops below pass vacuously.
  const rules = new Set(
    contract.operations.flatMap((op) => violationsOf(contract, op).map((v) => v.rule)),
  );
  for (const rule of [
    'required',
    'additionalProperties',
    'type',
    'maxLength',
    'minLength',
    'pattern',
    'enum',
  ]) {
    expect(rules).toContain(rule);
  }
});

describe.each(contract.operations)('$id ($method $path)', (op) => {
  operationTests(contract, op, {
    mockUrl: () => inject('mockUrl'),
    client: (auth, baseUrl): TianmanClient =>
      createTianmanClient({ ...inject('mockCredentials'), baseUrl, auth, retry: { limit: 0 } }),
    api: (client) => createTianmanApi(client as TianmanClient),
    ValidationError,
    validateRequestBody: validateRequestBody as never,
  });
});
