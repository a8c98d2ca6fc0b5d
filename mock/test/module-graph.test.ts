import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The mock's modules each do one job and import downwards: no module imports one that (through
// others) imports it back. A cycle makes load order decide which binding is still undefined,
// and says two files are really one job. Read with the TypeScript parser: every relative
// `import … from` and `export … from`, types included.

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

/** Relative imports of one file's text, as paths of `.ts` files beside `fileName`. */
function relativeImports(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of file.statements) {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
        ? statement.moduleSpecifier
        : undefined;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      found.push(join(dirname(fileName), specifier.text.replace(/\.js$/, '.ts')));
    }
  }
  return found;
}

/** Every cycle reachable in `graph`, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('the module graph of mock/src', () => {
  const files = readdirSync(srcDir).filter((name) => name.endsWith('.ts'));
  const graph = new Map(
    files.map((name) => {
      const path = join(srcDir, name);
      return [path, relativeImports(path, readFileSync(path, 'utf8'))] as const;
    }),
  );

  it('is read: the gate imports its parts', () => {
    expect(graph.get(join(srcDir, 'gate.ts'))).toContain(join(srcDir, 'forward-to-prism.ts'));
  });

  it('has no import cycle', () => {
    expect(cycles(graph).map((cycle) => cycle.map((p) => relative(srcDir, p)).join(' → '))).toEqual(
      [],
    );
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const sample = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(sample)).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      relativeImports('/x/a.ts', "import type { T } from './b.js';\nexport { c } from './c.js';"),
    ).toEqual(['/x/b.ts', '/x/c.ts']);
  });
});
