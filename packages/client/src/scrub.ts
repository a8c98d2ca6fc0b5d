/**
 * Keeping secrets out of what an error shows: gateways echo Authorization headers and tokens in
 * their answers, so every string of an answer is scrubbed of the call's secrets.
 */

/** `text` with every secret long enough to be one replaced by `[REDACTED]`. */
export function scrubText(text: string, secrets: readonly string[]): string {
  // Only long secrets: a short one would blank out ordinary text. Real ones are long.
  // Stryker disable next-line ConditionalExpression: splitting on an absent secret and joining gives the text back unchanged: the test only saves the work
  for (const s of secrets)
    if (s.length > 7 && text.includes(s)) text = text.split(s).join('[REDACTED]');
  return text;
}

/**
 * Replaces every secret in the strings (keys included) of a parsed body with `[REDACTED]`, in
 * place: gateways echo Authorization headers and tokens in their error bodies. A loop over an
 * explicit stack, not recursion: a body nested thousands deep is scrubbed, not a `RangeError`.
 */
export function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop() as Record<string, unknown>;
    // Stryker disable next-line ConditionalExpression: only the top value can be a primitive here (strings return above), and Object.keys of a number or boolean is empty
    if (!node || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (typeof v === 'string') node[key] = scrubText(v, secrets);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a primitive pushed on the stack is skipped by the check at the top of the loop
      else if (v && typeof v === 'object') stack.push(v);
      const clean = scrubText(key, secrets);
      if (clean !== key) {
        node[clean] = node[key];
        delete node[key];
      }
    }
  }
  return value;
}

/** A scrubbed copy of answer headers. */
export function scrubHeaders(
  headers: Record<string, string>,
  secrets: readonly string[],
): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const name in headers) copy[name] = scrubText(headers[name] as string, secrets);
  return copy;
}
