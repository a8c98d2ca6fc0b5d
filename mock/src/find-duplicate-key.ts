/** One open object or array while the text is scanned. */
interface Frame {
  /** The keys seen so far, decoded; `undefined` for an array. */
  keys: Set<string> | undefined;
  /** Index of the next element of an array. */
  index: number;
  /** In an object: the next string is a key (after `{` or `,`), not a value. */
  expectingKey: boolean;
}

// RFC 6901: `~` and `/` are escaped inside a reference token.
function pointerToken(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Index of the quote that closes the string opening at `start`. */
function closingQuote(text: string, start: number): number {
  let at = start + 1;
  while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  return at;
}

/**
 * The JSON Pointer (RFC 6901) of the first key that appears twice in one object of `text`, or
 * `undefined` when every object's keys are distinct. `text` must be valid JSON (the caller has
 * parsed it). Keys are compared decoded, so `"a"` and `"\u0061"` are the same key; the same key
 * in two different objects is no duplicate.
 *
 * One pass over the text with an explicit stack: linear in its length, however deep or wide,
 * with no regular expression. `JSON.parse` keeps the last of two equal keys silently while other
 * parsers keep the first, so a body with one means different things to the signer's reader and
 * the server's: the gate refuses it rather than guess.
 */
export function findDuplicateKey(text: string): string | undefined {
  // The text itself sits in a root frame, so every character has an innermost frame.
  const frames: [Frame, ...Frame[]] = [{ keys: undefined, index: 0, expectingKey: false }];
  // The key or index of each open container within its parent, for the pointer.
  const path: string[] = [];
  // The key just read in the innermost object: where a value opened next would sit.
  let lastKey = '';
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    const frame = frames[frames.length - 1] as Frame;
    if (char === '"') {
      const end = closingQuote(text, at);
      if (frame.keys !== undefined && frame.expectingKey) {
        const raw = text.slice(at + 1, end);
        // A key without escapes is its own text; one with escapes is decoded by JSON.parse,
        // which reads a single valid string literal in one pass.
        // Stryker disable next-line StringLiteral: JSON.parse of a key without escapes gives the key itself; the test only skips a parse
        const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end + 1)) as string) : raw;
        if (frame.keys.has(key)) return `/${[...path, key].map(pointerToken).join('/')}`;
        frame.keys.add(key);
        frame.expectingKey = false;
        lastKey = key;
      }
      at = end;
    } else if (char === '{' || char === '[') {
      // The root frame holds the text, not a member of a container: no pointer segment.
      if (frames.length > 1) path.push(frame.keys === undefined ? String(frame.index) : lastKey);
      frames.push({ keys: char === '{' ? new Set() : undefined, index: 0, expectingKey: true });
    } else if (char === '}' || char === ']') {
      frames.pop();
      path.pop();
    } else if (char === ',') {
      if (frame.keys === undefined) frame.index++;
      else frame.expectingKey = true;
    }
    // Anything else (blanks, ':', numbers, true, false, null) has no key to check.
  }
  return undefined;
}
