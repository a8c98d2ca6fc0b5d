import { describe, expect, it } from 'vitest';
import { operationTable } from '../src/generated/operations.js';
import { isValidationError, validateRequestBody } from '../src/index.js';
import { checkPaidTime } from '../src/paid-time.js';
import { checkRequest } from '../src/validate.js';
import { NOW, validBody } from './helpers.js';

/** Every report checkPaidTime makes for `paidTime`, as [reject, rule, what]. */
function reports(paidTime: string): Array<[boolean, string, string]> {
  const out: Array<[boolean, string, string]> = [];
  checkPaidTime(paidTime, NOW, (...report) => out.push(report));
  return out;
}

describe('checkPaidTime', () => {
  it('reports each rule with its words', () => {
    expect(reports('20260230120000')).toEqual([[true, 'paidTime.realDate', 'is not a real date']]);
    expect(reports('20261125143301')).toEqual([
      [true, 'paidTime.notInFuture', 'is later than now + 60 s'],
    ]);
    expect(reports('20261125')).toEqual([
      [false, 'paidTime.dateOnly', 'is date-only (ambiguous): send yyyyMMddHHmmss'],
    ]);
    expect(reports('20261125143000')).toEqual([]);
  });

  it('knows the leap days of the years 0000 to 0099 and 0400 (no two-digit-year quirk)', () => {
    // Leap years by the 400 rule: Date.UTC would read 0-99 as 1900-1999, and 1900 is not one.
    expect(reports('00000229120000')).toEqual([]);
    expect(reports('04000229120000')).toEqual([]);
    expect(reports('00040229120000')).toEqual([]);
    expect(reports('01000229120000')).toEqual([[true, 'paidTime.realDate', 'is not a real date']]);
  });
});

describe('the syncPayScoreOrder hook beside other contract issues', () => {
  it('still checks paidTime when the contract refused a field outside /detail', () => {
    const body = { ...validBody, mid: 'x'.repeat(200), detail: { paidTime: '20261125143301' } };
    expect(validateRequestBody('syncPayScoreOrder', body).map((i) => i.path)).toEqual(['/mid']);
    let rules: string[] = [];
    try {
      checkRequest({
        operationId: 'syncPayScoreOrder',
        validate: operationTable.syncPayScoreOrder.validate,
        body: { value: body },
        now: NOW,
        log: () => {},
        request: () => ({ method: 'POST', url: 'x', headers: {} }),
      });
    } catch (error) {
      if (isValidationError(error)) rules = error.issues.map((i) => `${i.path} ${i.rule}`);
    }
    expect(rules).toEqual(['/mid maxLength', '/detail/paidTime paidTime.notInFuture']);
  });
});
