import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import * as node from '../src/index.node.js';
import * as web from '../src/index.web.js';

const PUBLIC_API = [
  'AuthorizationFormatError',
  'bodyDigest',
  'createNonce',
  'formatAuthorization',
  'formatTimestamp',
  'parseAuthorization',
  'parseTimestamp',
  'sign',
  'signTokenRequest',
  'verify',
];

/** The files an entry of the build loads, following its relative imports. */
async function moduleGraph(entry: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    const code = await readFile(file, 'utf8');
    files.set(file, code);
    for (const [, specifier] of code.matchAll(
      /\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g,
    )) {
      if (specifier?.startsWith('.')) pending.push(join(dirname(file), specifier));
    }
  }
  return files;
}

/** Names exported by a bundled declaration file. */
async function declaredExports(file: string): Promise<string[]> {
  const dts = await readFile(join(inject('distDir'), file), 'utf8');
  const names = [...dts.matchAll(/export \{([^}]*)\}/g)].flatMap(([, list]) =>
    (list as string).split(',').map((n) =>
      n
        .trim()
        .replace(/^type /, '')
        .split(' as ')
        .at(-1)
        ?.trim(),
    ),
  );
  return names.filter((n): n is string => Boolean(n)).sort();
}

describe('the two entries', () => {
  it('export the same public API, by name', () => {
    expect(Object.keys(node).sort()).toEqual(PUBLIC_API);
    expect(Object.keys(web).sort()).toEqual(PUBLIC_API);
  });

  // The type assertions are in entries.test-d.ts, which vitest type-checks.
  it('refuse an object body at run time, as the types do', async () => {
    await expect(
      // @ts-expect-error a body is a string or bytes, never an object to serialize
      node.sign({ appId: 'a', appKey: 'k', body: { a: 1 } }),
    ).rejects.toThrow(/body must be a string or a Uint8Array/);
  });

  it('declare the same names in their built .d.ts files', async () => {
    const nodeNames = await declaredExports('index.node.d.ts');
    expect(nodeNames).toEqual(await declaredExports('index.web.d.ts'));
    for (const name of [...PUBLIC_API, 'SignInput', 'VerifyInput', 'VerifyResult']) {
      expect(nodeNames).toContain(name);
    }
  });

  it('keep Node out of the built non-Node entry and everything it loads', async () => {
    const graph = await moduleGraph(join(inject('distDir'), 'index.web.js'));
    expect(graph.size).toBeGreaterThan(1);
    for (const [file, code] of graph) {
      expect({
        file,
        nodeImport: /["']node:|from\s*["'](crypto|buffer|fs|process)["']/.test(code),
      }).toEqual({ file, nodeImport: false });
      // Comments may name them; code may not.
      const stripped = code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect({ file, globals: stripped.match(/\b(Buffer|process|require)\b/g) }).toEqual({
        file,
        globals: null,
      });
    }
  });

  it('let the built Node entry use node:crypto', async () => {
    const graph = await moduleGraph(join(inject('distDir'), 'index.node.js'));
    expect([...graph.values()].some((code) => code.includes('from "node:crypto"'))).toBe(true);
  });
});
