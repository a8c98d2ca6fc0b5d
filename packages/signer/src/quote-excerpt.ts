/**
 * A value that came from outside, fit for an error message: JSON-quoted so it cannot forge a
 * log line, and cut short so it cannot flood one. Never use it on a key or a signature.
 */
export function quoteExcerpt(value: string, max = 32): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
