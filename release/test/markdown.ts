/** A fenced code block of a Markdown document. */
export interface CodeBlock {
  /** The info string's first word, lower case (`ts`, `sh`, `json`); `''` without one. */
  lang: string;
  /** The other words of the info string (`ts run` → `['run']`). */
  tags: string[];
  /** The block's content, without the fences, ending with a newline when not empty. */
  code: string;
  /** Line of the opening fence, counted from 1. */
  line: number;
}

/** An opening fence: up to 3 spaces, then 3+ backticks or tildes, then the info string. */
const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * The fenced code blocks of a Markdown document, in order, read as CommonMark reads fences: an
 * opening fence of three or more backticks or tildes indented at most three spaces, closed by a
 * fence of the same character at least as long (or by the end of the document); the opening
 * fence's indentation is removed from each content line. Indented code blocks are not
 * collected: the READMEs fence every example.
 */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = '', fence = '', info = ''] = open;
    // A backtick fence's info string may not contain a backtick (that is inline code).
    if (fence[0] === '`' && info.includes('`')) continue;
    const [lang = '', ...tags] = info.trim().split(/\s+/).filter(Boolean);
    const content: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] as string;
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      let strip = 0;
      while (strip < indent.length && line[strip] === ' ') strip++;
      content.push(line.slice(strip));
    }
    blocks.push({
      lang: lang.toLowerCase(),
      tags,
      code: content.length ? `${content.join('\n')}\n` : '',
      line: i + 1,
    });
    i = j;
  }
  return blocks;
}

/**
 * The part of a document between `<!-- name:start -->` and `<!-- name:end -->`, which must
 * appear once each, in that order.
 */
export function between(markdown: string, name: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from || markdown.indexOf(start, from + 1) >= 0) {
    throw new Error(`expected one "${start}" … "${end}" pair`);
  }
  return markdown.slice(from + start.length, to);
}
