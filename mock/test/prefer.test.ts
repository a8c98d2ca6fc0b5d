import { describe, expect, it } from 'vitest';
import { withExampleCode } from '../src/gate.js';

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
  });
});
