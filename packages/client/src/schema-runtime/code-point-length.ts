/**
 * The length of a string in Unicode code points, as JSON Schema counts `maxLength` and
 * `minLength`: a surrogate pair is one, a lone surrogate is one (the string iterator yields
 * each on its own). Called only when `.length` cannot decide (see `string-length.ts`), so for a
 * string of at most twice the limit.
 */
export function codePointLength(s: string): number {
  let length = 0;
  for (const _ of s) length++;
  return length;
}
