import { describe, expect, it } from 'vitest';
import { checkPrefer, withExampleCode } from '../src/prefer.js';

const examples = new Map([
  ['transient', 412],
  ['orderNotExist', 200],
]);

describe('withExampleCode', () => {
  it('adds the status code an example belongs to', () => {
    expect(withExampleCode('example=transient', examples)).toBe('example=transient, code=412');
    expect(withExampleCode('example="transient"', examples)).toBe('example="transient", code=412');
  });

  it('leaves an explicit code, an unknown example and other preferences alone', () => {
    expect(withExampleCode('code=500, example=transient', examples)).toBe(
      'code=500, example=transient',
    );
    expect(withExampleCode('example=nope', examples)).toBe('example=nope');
    expect(withExampleCode('dynamic=true', examples)).toBe('dynamic=true');
    expect(withExampleCode(undefined, examples)).toBeUndefined();
    expect(withExampleCode('example=transient', undefined)).toBeUndefined();
    // Only the quotes around a value are dropped.
    expect(withExampleCode('example="trans"ient"', examples)).toBe('example="trans"ient"');
  });
});

describe('checkPrefer', () => {
  const responses = new Map([
    [412, ['authFailed', 'transient']],
    [200, ['success', 'orderNotExist']],
    [500, []],
  ]);

  it('lets through what the spec can answer, and other preferences', () => {
    for (const prefer of [
      undefined,
      'code=412',
      'example=transient',
      'code=200, example=orderNotExist',
      'example="transient"; code=412',
      ['code=200', 'example=success'],
      'dynamic=true',
      'CODE=200',
    ]) {
      expect(checkPrefer(prefer, responses), String(prefer)).toBeUndefined();
    }
    expect(checkPrefer('code=999', undefined)).toBeUndefined();
  });

  it('names the codes, in order, for an unknown or unreadable code', () => {
    const choices = 'choose one of 200, 412, 500';
    expect(checkPrefer('code=999', responses)).toBe(
      `Prefer code=999 is not a status this operation answers with; ${choices}`,
    );
    expect(checkPrefer('code=2OO', responses)).toContain(`code=2OO is not a status`);
    expect(checkPrefer('code=', responses)).toContain(choices);
    expect(checkPrefer('code=412x', responses)).toContain(choices);
    expect(checkPrefer('code= 412', responses)).toBeUndefined();
  });

  it('names every example by code for an unknown example', () => {
    expect(checkPrefer('example=nope', responses)).toBe(
      'Prefer example=nope is not an example of this operation; choose one of 200: success, orderNotExist; 412: authFailed, transient; 500: (none)',
    );
  });

  it('says which code an example belongs to when paired with another code', () => {
    expect(checkPrefer('code=200, example=transient', responses)).toBe(
      'Prefer example=transient belongs to code=412; code=200 has examples success, orderNotExist',
    );
    expect(checkPrefer(['example=authFailed', 'code=500'], responses)).toBe(
      'Prefer example=authFailed belongs to code=412; code=500 has no named examples',
    );
  });

  it('takes only plain decimal codes', () => {
    for (const code of ['0x19c', '+412', '412.0', '4e2']) {
      expect(checkPrefer(`code=${code}`, responses), code).toContain('is not a status');
    }
  });

  it('names every code an example belongs to', () => {
    const shared = new Map([
      [200, ['same']],
      [412, ['same']],
      [500, []],
    ]);
    expect(checkPrefer('code=500, example=same', shared)).toBe(
      'Prefer example=same belongs to code=200 or code=412; code=500 has no named examples',
    );
  });

  it('cuts a long value short', () => {
    const message = checkPrefer(`code=${'9'.repeat(100)}`, responses) ?? '';
    expect(message).toContain(`code=${'9'.repeat(40)}… is not`);
    expect(checkPrefer(`code=${'9'.repeat(40)}`, responses)).toContain(
      `code=${'9'.repeat(40)} is not`,
    );
  });
});
