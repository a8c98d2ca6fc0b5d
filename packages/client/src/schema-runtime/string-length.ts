import { codePointLength } from './code-point-length.js';

// A string has at least half as many code points as UTF-16 units, and at most as many: `.length`
// alone decides most strings, so a 10 MB string is refused without being walked, and only a
// string between the two bounds has its code points counted.

/** `maxLength`: whether `s` has more than `max` code points. */
export function longerThan(s: string, max: number): boolean {
  return s.length > max && (s.length > 2 * max || codePointLength(s) > max);
}

/** `minLength`: whether `s` has fewer than `min` code points. */
export function shorterThan(s: string, min: number): boolean {
  return s.length < min || (s.length < 2 * min && codePointLength(s) < min);
}
