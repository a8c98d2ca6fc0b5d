import { describe, expect, it } from 'vitest';
import { operationTable } from '../src/generated/operations.js';
import { type ValidationError, validateRequestBody } from '../src/index.js';
import { checkRequest, issuesOf } from '../src/validate.js';
import { NOW } from './helpers.js';

const SYNC = 'syncPayScoreOrder';
const request = { method: 'POST', url: 'https://example.test/x', headers: {} };

/** The ValidationError checkRequest throws for `body` (nothing would be sent). */
function refusal(body: unknown): ValidationError {
  try {
    checkRequest({
      operationId: SYNC,
      validate: operationTable.syncPayScoreOrder.validate,
      body: { value: body },
      now: NOW,
      log: () => {},
      request: () => request,
    });
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('accepted');
}

describe('validation issue paths: long keys are cut to 64 characters', () => {
  it('keeps a 64-character unknown key whole and cuts a 65-character one to 63 and an ellipsis', () => {
    const k64 = 'k'.repeat(64);
    const k65 = 'q'.repeat(65);
    const issues = validateRequestBody(SYNC, { [k64]: 1, [k65]: 1 } as never);
    const paths = issues.filter((i) => i.rule === 'additionalProperties').map((i) => i.path);
    expect(paths).toEqual([`/${k64}`, `/${'q'.repeat(63)}…`]);
  });

  it("cuts each long segment of Ajv's instancePath the same way, and leaves short ones", () => {
    const [issue] = issuesOf([
      {
        instancePath: `/${'a'.repeat(65)}/b/${'c'.repeat(64)}`,
        keyword: 'type',
        params: { type: 'string' },
      },
    ]);
    expect(issue?.path).toBe(`/${'a'.repeat(63)}…/b/${'c'.repeat(64)}`);
    expect(issue?.message).toBe(`/${'a'.repeat(63)}…/b/${'c'.repeat(64)} must be string`);
  });
});

describe('issuesOf', () => {
  it('is empty for no errors', () => {
    expect(issuesOf(undefined)).toEqual([]);
    expect(issuesOf(null)).toEqual([]);
  });

  it("drops Ajv's `if` entries", () => {
    expect(
      issuesOf([{ instancePath: '', keyword: 'if', params: { failingKeyword: 'then' } }]),
    ).toEqual([]);
  });

  it('names a keyword the contract has no message for by its rule', () => {
    expect(issuesOf([{ instancePath: '/a', keyword: 'const', params: {} }])).toEqual([
      { path: '/a', rule: 'const', message: "/a breaks the contract's const rule" },
    ]);
  });
});

describe('a body that is not an object, or not JSON', () => {
  it("calls the root 'body'", () => {
    expect(validateRequestBody(SYNC, 5 as never)).toEqual([
      { path: '', rule: 'type', message: 'body must be object' },
    ]);
  });

  it('says a body JSON.stringify drops must be JSON', () => {
    expect(validateRequestBody(SYNC, undefined as never)).toEqual([
      { path: '', rule: 'type', message: 'body must be JSON' },
    ]);
  });

  it("says why a body JSON.stringify refuses is not JSON, in the engine's words", () => {
    let why = '';
    try {
      JSON.stringify({ n: 1n });
    } catch (error) {
      why = (error as Error).message;
    }
    expect(validateRequestBody(SYNC, { n: 1n } as never)).toEqual([
      { path: '', rule: 'type', message: `body is not JSON: ${why}` },
    ]);
  });

  it('refuses null with the contract issue alone: the hook only reads objects', () => {
    const error = refusal(null);
    expect(error.name).toBe('ValidationError');
    expect(error.issues).toEqual([{ path: '', rule: 'type', message: 'body must be object' }]);
  });
});

describe('the ValidationError message lists five issues, then a count', () => {
  it('lists exactly five issues without a count', () => {
    const error = refusal({ x: 1 });
    expect(error.issues).toHaveLength(5);
    expect(error.message).toBe(
      '@tianman/client: invalid body, nothing sent: /fenOrderId is required [required]; /mid is required [required]; /serviceId is required [required]; /type is required [required]; /x is not a known field [additionalProperties]',
    );
  });

  it('counts the sixth and later', () => {
    const error = refusal({ x: 1, y: 2 });
    expect(error.issues).toHaveLength(6);
    expect(error.message).toBe(
      '@tianman/client: invalid body, nothing sent: /fenOrderId is required [required]; /mid is required [required]; /serviceId is required [required]; /type is required [required]; /x is not a known field [additionalProperties]; and 1 more',
    );
  });
});
