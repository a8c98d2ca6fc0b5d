import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every regular expression in the sources that see request data (the mock's and the signer's)
// must match in linear time: a header, a body or a Prefer value is the attacker's choice, and a
// pattern that backtracks super-linearly lets one request hold the event loop for seconds. This
// test finds each regex literal and RegExp constructor with the TypeScript parser and proves it
// safe with recheck's automaton checker (exact, not fuzzing: the verdict does not vary between
// runs). A pattern it cannot prove safe — vulnerable, or beyond the automaton (a backreference,
// a lookbehind) — fails the test: rewrite it as a loop or as a pattern the checker can prove.
// A RegExp built from a non-literal is refused outright, since its pattern cannot be checked.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['mock/src', 'packages/signer/src'];

/** One pattern found in the sources, where it stands, or why it cannot be checked. */
interface Found {
  where: string;
  source?: string;
  flags?: string;
  problem?: string;
}

// String methods that turn a string argument into a RegExp.
const IMPLICIT_REGEXP_METHODS = new Set(['match', 'matchAll', 'search']);

function literalText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;
}

function isRegExpIdentifier(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'RegExp';
  return ts.isPropertyAccessExpression(node) && node.name.text === 'RegExp';
}

/** Every regex literal, RegExp constructor and implicit RegExp in one file's text. */
function findPatterns(fileName: string, text: string): Found[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const where = (node: ts.Node) =>
    `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(file);
      const end = literal.lastIndexOf('/');
      found.push({
        where: where(node),
        source: literal.slice(1, end),
        flags: literal.slice(end + 1),
      });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      isRegExpIdentifier(node.expression)
    ) {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern !== undefined && pattern.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        // The literal itself is visited below; only flags given beside it remain to check.
      } else if (
        literalText(pattern) === undefined ||
        (flags && literalText(flags) === undefined)
      ) {
        found.push({
          where: where(node),
          problem: 'a RegExp built from a non-literal pattern cannot be checked; use a literal',
        });
      } else {
        found.push({
          where: where(node),
          source: literalText(pattern),
          flags: literalText(flags) ?? '',
        });
      }
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      IMPLICIT_REGEXP_METHODS.has(node.expression.name.text)
    ) {
      const pattern = literalText(node.arguments[0]);
      if (pattern !== undefined) found.push({ where: where(node), source: pattern, flags: '' });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name))
    .map((entry) => relative(repo, join(entry.parentPath, entry.name)))
    .sort();
}

/** Why a pattern is not proven linear, or `undefined` when it is. */
async function verdict(source: string, flags: string): Promise<string | undefined> {
  const result = await check(source, flags, { checker: 'automaton', timeout: 60_000 });
  if (result.status === 'safe') return undefined;
  if (result.status === 'vulnerable') {
    return `${result.complexity.type} backtracking, attack ${result.attack.pattern}`;
  }
  return `not provable by the automaton checker (${result.error.kind})`;
}

describe('ReDoS guard: every regular expression in the mock and the signer is linear', () => {
  const found = SOURCE_DIRS.flatMap(sourceFiles).flatMap((file) =>
    findPatterns(file, readFileSync(join(repo, file), 'utf8')),
  );

  it('finds the patterns it is meant to check', () => {
    // The signer's appId rule and the gate's media-type rule are known patterns: a finder that
    // stopped seeing them would leave every other check vacuous.
    const sources = found.map((f) => f.source);
    expect(sources).toContain('^[\\x21\\x23-\\x5b\\x5d-\\x7e]+$');
    expect(found.length).toBeGreaterThan(5);
  });

  it('refuses every RegExp whose pattern is not a literal', () => {
    expect(found.filter((f) => f.problem).map((f) => `${f.where}: ${f.problem}`)).toEqual([]);
  });

  it('proves every pattern linear', { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    for (const { where, source, flags } of found) {
      if (source === undefined) continue;
      const why = await verdict(source, flags ?? '');
      if (why !== undefined) problems.push(`${where} /${source}/${flags}: ${why}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the guard itself', () => {
  it('finds literals, constructors and implicit RegExps, and refuses a computed pattern', () => {
    const found = findPatterns(
      'sample.ts',
      [
        'const a = /^[ \\t]+|[ \\t]+$/g;',
        "const b = new RegExp('^(a|a)*$', 'u');",
        'const c = RegExp(`x+`);',
        "const d = 'text'.match('y+');",
        'const e = new RegExp(prefix + "z");',
      ].join('\n'),
    );
    expect(found).toEqual([
      { where: 'sample.ts:1', source: '^[ \\t]+|[ \\t]+$', flags: 'g' },
      { where: 'sample.ts:2', source: '^(a|a)*$', flags: 'u' },
      { where: 'sample.ts:3', source: 'x+', flags: '' },
      { where: 'sample.ts:4', source: 'y+', flags: '' },
      { where: 'sample.ts:5', problem: expect.stringContaining('non-literal') },
    ]);
  });

  it('fails a quadratic and an exponential pattern, and passes a linear one', async () => {
    expect(await verdict('^[ \\t]+|[ \\t]+$', 'g')).toMatch(/^polynomial backtracking/);
    expect(await verdict('^(a|a)*$', '')).toMatch(/^exponential backtracking/);
    expect(await verdict('^[ \\t]*$', '')).toBeUndefined();
  });
});
