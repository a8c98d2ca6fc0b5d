import { describe, expect, it } from 'vitest';
import { operationTable } from '../src/generated/operations.js';
import { type ValidationError, validateRequestBody } from '../src/index.js';
import { checkRequest, issuesOf } from '../src/validate.js';
import { NOW, validBody } from './helpers.js';

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

  it('cuts a long key the same way below a known field, and keeps the known part', () => {
    const issues = validateRequestBody(SYNC, {
      ...validBody,
      detail: { paidTime: '20261125143000', [`a/${'a'.repeat(70)}`]: 1 },
    });
    expect(issues).toEqual([
      {
        path: `/detail/a~1${'a'.repeat(60)}…`,
        rule: 'additionalProperties',
        message: `/detail/a~1${'a'.repeat(60)}… is not a known field`,
      },
    ]);
  });
});

describe('issuesOf', () => {
  const validate = operationTable.syncPayScoreOrder.validate;

  it('is empty for a valid body', () => {
    expect(issuesOf(validate, validBody)).toEqual([]);
  });

  it('reports a failed if/then by what the then requires, with no entry for the if itself', () => {
    const { detail: _, ...withoutDetail } = validBody;
    expect(issuesOf(validate, withoutDetail)).toEqual([
      { path: '/detail', rule: 'required', message: '/detail is required' },
    ]);
  });

  it('gives every issue a message that starts with its path and says what is wrong', () => {
    const issues = issuesOf(validate, {
      fenOrderId: 1,
      mid: '',
      serviceId: 'S'.repeat(33),
      type: 'x',
      detail: { paidTime: 'x' },
      extra: true,
    });
    expect(issues.map((i) => i.message)).toEqual([
      '/extra is not a known field',
      '/fenOrderId must be string',
      '/mid must be at least 1 characters',
      '/serviceId must be at most 32 characters',
      '/type must be one of ["Order_Paid"]',
      '/detail/paidTime must be yyyyMMddHHmmss (or yyyyMMdd), Beijing time',
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
      '@tianman/client: invalid body, nothing sent: /x is not a known field [additionalProperties]; /fenOrderId is required [required]; /mid is required [required]; /serviceId is required [required]; /type is required [required]',
    );
  });

  it('counts the sixth and later', () => {
    const error = refusal({ x: 1, y: 2 });
    expect(error.issues).toHaveLength(6);
    expect(error.message).toBe(
      '@tianman/client: invalid body, nothing sent: /x is not a known field [additionalProperties]; /y is not a known field [additionalProperties]; /fenOrderId is required [required]; /mid is required [required]; /serviceId is required [required]; and 1 more',
    );
  });
});
