/**
 * The key of the response an answer with `status` falls under, among an operation's response
 * keys (`200`, `2XX`, `default`): an exact code first, then a range, then `default`. The order
 * Prism's own output validation picks a response in (`findOperationResponse` in prism-http), so
 * the known-codes check reads the same response Prism validated the body against.
 */
export function findResponseKey(keys: readonly string[], status: number): string | undefined {
  const text = String(status);
  const matching = keys.filter(
    (key) =>
      key === 'default' ||
      (key.length === text.length &&
        [...key].every(
          (char, i) => char === text[i] || (char === 'X' && /[0-9]/.test(text[i] ?? '')),
        )),
  );
  const wildcards = (key: string): number => (key === 'default' ? 4 : key.split('X').length - 1);
  return matching.sort((a, b) => wildcards(a) - wildcards(b))[0];
}
