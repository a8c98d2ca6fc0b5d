import { describe, expect, it } from 'vitest';
import { patternMaxLength } from '../functions/lib/pattern-bound.js';

describe('patternMaxLength: the longest string a pattern accepts', () => {
  it.each([
    ['^[0-9]{14}$', 14],
    [
      '^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$',
      14,
    ],
    ['^[0-9a-f]{64}$', 64],
    ['^a$|^bc$', 2],
    ['^(?:a|bcd)$', 3],
    ['^a{2,5}$', 5],
    ['^a??$', 1],
    ['^.{0,10}$', 10],
    ['^[^\\n]{1,3}$', 3],
    ['^[\\]a]{2}$', 2],
    ['^\\u{1F600}{2}$', 2],
    ['^\\u0041\\x41\\cJ$', 3],
    ['^\\p{L}{3}$', 3],
    ['^(?<year>[0-9]{4})$', 4],
    ['^(?=.*[0-9])[a-z0-9]{8}$', 8],
    ['^(?<![a-z])[a-z]{2}(?!x)$', 2],
    ['^\\d{3}\\b$', 3],
    ['^😀{3}$', 3],
    ['^$', 0],
  ])('%s accepts at most %i code points', (pattern, max) => {
    expect(patternMaxLength(pattern)).toBe(max);
  });

  it.each([
    ['^[A-Za-z0-9_|*-]+$', 'repeats with +'],
    ['^a*$', 'repeats with *'],
    ['^a+?$', 'a lazy +'],
    ['^a{2,}$', 'an open {n,}'],
    ['[0-9]{14}', 'not anchored'],
    ['^[0-9]{14}', 'not anchored at the end'],
    ['[0-9]{14}$', 'not anchored at the start'],
    ['^a|bc$', 'an alternative anchored at one end only'],
    ['^a$|', 'an empty alternative'],
    ['(^a$)', 'anchors inside a group (not read)'],
    ['^(a)\\1$', 'a backreference'],
    ['^(?<x>a)\\k<x>$', 'a named backreference'],
    ['^(a$', 'an invalid pattern'],
    ['^a{2$', 'a brace the u flag refuses'],
  ])('%s does not bound the length (%s)', (pattern) => {
    expect(patternMaxLength(pattern)).toBeUndefined();
  });

  it('agrees with the regular expression: the bound is reached and not passed', () => {
    for (const [pattern, longest, tooLong] of [
      ['^[0-9]{14}$', '1'.repeat(14), '1'.repeat(15)],
      ['^a$|^bc$', 'bc', 'bcc'],
      ['^a{2,5}$', 'aaaaa', 'aaaaaa'],
      ['^😀{3}$', '😀😀😀', '😀😀😀😀'],
    ] as const) {
      const re = new RegExp(pattern, 'u');
      expect([...longest].length).toBe(patternMaxLength(pattern));
      expect(re.test(longest)).toBe(true);
      expect(re.test(tooLong)).toBe(false);
    }
  });
});
