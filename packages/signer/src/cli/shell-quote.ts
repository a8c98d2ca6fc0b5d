/** One POSIX shell word: single quotes keep every byte literal, so only `'` needs care. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
