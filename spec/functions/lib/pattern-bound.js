// Does a JSON Schema `pattern` bound the length of the strings it accepts? A `pattern` is an
// unanchored search (ECMA-262, the `u` flag, as the client's validators run it): `^[a-z]+$`
// accepts a megabyte of letters, `[0-9]{14}` accepts anything that contains 14 digits. A pattern
// bounds a string only when every top-level alternative is anchored at both ends (`^…$`) and
// repeats nothing without a limit (`*`, `+`, `{n,}`, a backreference).
//
// The analysis is conservative: what it cannot read as bounded (an unknown construct, a
// backreference) it reports as unbounded, so the worst a false verdict costs is one `maxLength`
// line in the spec.

const UNBOUNDED = Number.POSITIVE_INFINITY;

/** A parse failure: the pattern is not read as bounded. */
class Unreadable extends Error {}

/**
 * The longest string, in code points, that the pattern can accept, or `undefined` when the pattern
 * does not bound the length (or is not a valid `u`-flag regular expression).
 *
 * @param {string} source the pattern, as written in the spec
 * @returns {number | undefined}
 */
export function patternMaxLength(source) {
  if (typeof source !== 'string') return undefined;
  try {
    new RegExp(source, 'u');
  } catch {
    return undefined;
  }
  try {
    const parser = new Parser(Array.from(source));
    const alternatives = parser.alternatives(0);
    if (parser.i !== parser.chars.length) return undefined;
    let longest = 0;
    for (const terms of alternatives) {
      const first = terms[0];
      const last = terms[terms.length - 1];
      if (first?.kind !== '^' || last?.kind !== '$' || terms.length < 2) return undefined;
      const length = terms.reduce((sum, term) => sum + term.max, 0);
      if (length === UNBOUNDED) return undefined;
      longest = Math.max(longest, length);
    }
    return longest;
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

/**
 * A recursive-descent reader of ECMA-262 patterns (`u` flag) that keeps, for each term, the
 * longest match it can make and whether it is a bare `^` or `$` anchor.
 */
class Parser {
  /** @param {string[]} chars the pattern's code points */
  constructor(chars) {
    this.chars = chars;
    this.i = 0;
  }

  /**
   * Reads `a|b|…` up to a `)` at this depth or the end.
   *
   * @param {number} depth how many groups enclose it
   * @returns {Array<Array<{ kind: string, max: number }>>} the alternatives' terms
   */
  alternatives(depth) {
    const alternatives = [[]];
    while (this.i < this.chars.length) {
      const c = this.chars[this.i];
      if (c === ')') {
        if (depth === 0) throw new Unreadable();
        return alternatives;
      }
      if (c === '|') {
        this.i++;
        alternatives.push([]);
        continue;
      }
      alternatives[alternatives.length - 1].push(this.term());
    }
    if (depth > 0) throw new Unreadable();
    return alternatives;
  }

  /** An atom and its quantifier. */
  term() {
    const atom = this.atom();
    const quantified = this.quantifier(atom.max);
    if (quantified === undefined) return atom;
    return { kind: 'quantified', max: quantified };
  }

  /** The longest match of one atom. */
  atom() {
    const c = this.chars[this.i++];
    switch (c) {
      case '^':
      case '$':
        return { kind: c, max: 0 };
      case '\\':
        return { kind: 'escape', max: this.escape() };
      case '[':
        this.characterClass();
        return { kind: 'class', max: 1 };
      case '(':
        return { kind: 'group', max: this.group() };
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case ']':
        // A quantifier with nothing to repeat, or a brace the `u` flag refuses: RegExp accepted
        // the pattern, so this reader has missed a construct. Not read, so not bounded.
        throw new Unreadable();
      default:
        return { kind: 'char', max: 1 };
    }
  }

  /** After `\`: one character, a zero-width assertion or a backreference (unbounded). */
  escape() {
    const c = this.chars[this.i++];
    if (c === undefined) throw new Unreadable();
    if (c === 'b' || c === 'B') return 0;
    // \1…\9 and \k<name> repeat a group's match: not followed here.
    if (/[1-9]/.test(c) || c === 'k') throw new Unreadable();
    if (c === 'u' && this.chars[this.i] === '{') this.skipPast('}');
    else if (c === 'p' || c === 'P') this.skipPast('}');
    // \uXXXX, \xHH and \cX are one character whose remaining letters are ordinary characters to
    // this reader: skip them so they are not counted again.
    else if (c === 'u') this.i += 4;
    else if (c === 'x') this.i += 2;
    else if (c === 'c') this.i += 1;
    return 1;
  }

  /** Skips to just past the next `close`. */
  skipPast(close) {
    const end = this.chars.indexOf(close, this.i);
    if (end < 0) throw new Unreadable();
    this.i = end + 1;
  }

  /** After `[`: skips the class (one character whatever it holds). */
  characterClass() {
    while (this.i < this.chars.length) {
      const c = this.chars[this.i++];
      if (c === '\\') this.i++;
      else if (c === ']') return;
    }
    throw new Unreadable();
  }

  /** After `(`: the group's longest match (a lookaround matches nothing). */
  group() {
    let lookaround = false;
    if (this.chars[this.i] === '?') {
      const next = this.chars[this.i + 1];
      if (next === ':') this.i += 2;
      else if (next === '=' || next === '!') {
        this.i += 2;
        lookaround = true;
      } else if (
        next === '<' &&
        (this.chars[this.i + 2] === '=' || this.chars[this.i + 2] === '!')
      ) {
        this.i += 3;
        lookaround = true;
      } else if (next === '<') this.skipPast('>');
      else throw new Unreadable();
    }
    const alternatives = this.alternatives(1);
    this.i++; // the `)`
    if (lookaround) return 0;
    return Math.max(...alternatives.map((terms) => terms.reduce((sum, t) => sum + t.max, 0)));
  }

  /**
   * Reads a quantifier after an atom whose longest match is `max`: the quantified longest match,
   * or `undefined` when no quantifier follows.
   */
  quantifier(max) {
    const c = this.chars[this.i];
    let times;
    if (c === '*' || c === '+') {
      this.i++;
      times = UNBOUNDED;
    } else if (c === '?') {
      this.i++;
      times = 1;
    } else if (c === '{') {
      const close = this.chars.indexOf('}', this.i);
      const body = close < 0 ? '' : this.chars.slice(this.i + 1, close).join('');
      const match = /^(\d+)(,(\d*))?$/.exec(body);
      if (!match) throw new Unreadable();
      this.i = close + 1;
      times = match[2] === undefined ? Number(match[1]) : match[3] ? Number(match[3]) : UNBOUNDED;
    } else {
      return undefined;
    }
    if (this.chars[this.i] === '?') this.i++; // lazy: same longest match
    if (max === 0) return 0;
    return times === UNBOUNDED ? UNBOUNDED : max * times;
  }
}
