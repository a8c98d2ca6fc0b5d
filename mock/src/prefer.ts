/**
 * Adds `code=<status>` to a `Prefer` header that names an example but no code, so
 * `Prefer: example=transient` selects the 412 example it belongs to (Prism alone answers 404).
 */
export function withExampleCode(
  prefer: string | string[] | undefined,
  examples: Map<string, number> | undefined,
): string | undefined {
  if (prefer === undefined || examples === undefined) return undefined;
  const value = Array.isArray(prefer) ? prefer.join(', ') : prefer;
  const pairs = parsePrefer(value);
  const example = pairs.get('example');
  if (example === undefined || pairs.has('code')) return value;
  const code = examples.get(example);
  return code === undefined ? value : `${value}, code=${code}`;
}

function parsePrefer(value: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of value.split(/[,;]/)) {
    const pieces = part.split('=', 2).map((s) => s.trim());
    // Stryker disable next-line StringLiteral: split always yields at least one element
    const name = pieces[0] ?? '';
    const raw = pieces[1] ?? '';
    // Stryker disable next-line ConditionalExpression: an empty name is stored under '' and never looked up
    if (name) pairs.set(name.toLowerCase(), raw.replace(/^"|"$/g, ''));
  }
  return pairs;
}

/**
 * Why a `Prefer` header cannot be answered from the spec, naming the choices; `undefined` when
 * it can. Prism answers an unknown code or example with its own 404 and a code paired with
 * another code's example with a 500, which reads as the mock failing.
 */
export function checkPrefer(
  prefer: string | string[] | undefined,
  responses: Map<number, string[]> | undefined,
): string | undefined {
  if (prefer === undefined || responses === undefined) return undefined;
  const pairs = parsePrefer(Array.isArray(prefer) ? prefer.join(', ') : prefer);
  const codes = [...responses.keys()].sort((a, b) => a - b);
  const code = pairs.get('code');
  // A header value cannot hold a line break; the cut keeps a log line short.
  const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (code !== undefined && !(/^\d+$/.test(code) && responses.has(Number(code)))) {
    return `Prefer code=${shown(code)} is not a status this operation answers with; choose one of ${codes.join(', ')}`;
  }
  const example = pairs.get('example');
  if (example === undefined) return undefined;
  // Stryker disable next-line OptionalChaining: the codes are the map's own keys, so every get finds a list
  const owners = codes.filter((c) => responses.get(c)?.includes(example));
  if (owners.length === 0) {
    const choices = codes
      // Stryker disable next-line ArrayDeclaration: the codes are the map's own keys, so the fallback list is never used
      .map((c) => `${c}: ${(responses.get(c) ?? []).join(', ') || '(none)'}`)
      .join('; ');
    return `Prefer example=${shown(example)} is not an example of this operation; choose one of ${choices}`;
  }
  if (code !== undefined && !owners.includes(Number(code))) {
    // Stryker disable next-line ArrayDeclaration: code was checked above to be one of the map's keys, so the fallback is never used
    const examplesOfCode = responses.get(Number(code)) ?? [];
    return `Prefer example=${example} belongs to code=${owners.join(' or code=')}; code=${code} has ${examplesOfCode.length > 0 ? `examples ${examplesOfCode.join(', ')}` : 'no named examples'}`;
  }
  return undefined;
}
