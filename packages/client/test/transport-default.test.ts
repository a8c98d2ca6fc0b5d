import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as fetchDefault from '../src/transport-default-fetch.js';
import * as nodeDefault from '../src/transport-default-node.js';

describe('#transport', () => {
  it('both targets export the same names and types', () => {
    expect(Object.keys(fetchDefault).sort()).toEqual(Object.keys(nodeDefault).sort());
    expectTypeOf(fetchDefault.defaultTransport).toEqualTypeOf(nodeDefault.defaultTransport);
    expectTypeOf(fetchDefault.createAgentTransport).toEqualTypeOf(nodeDefault.createAgentTransport);
  });

  it('the fetch target cannot honour `agent`; the node one can', () => {
    expect(fetchDefault.createAgentTransport({})).toBeUndefined();
    expect(typeof nodeDefault.createAgentTransport({})).toBe('function');
  });

  it('package.json maps the node condition to the node transport and the default to fetch', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    // Each branch has its ESM (`import`) and CJS (`default`) build.
    expect(pkg.imports['#transport']).toEqual({
      node: {
        import: './dist/transport-default-node.js',
        default: './dist/transport-default-node.cjs',
      },
      default: {
        import: './dist/transport-default-fetch.js',
        default: './dist/transport-default-fetch.cjs',
      },
    });
  });

  it('nothing the fetch target imports, transitively, is a Node module', () => {
    const seen = new Set<string>();
    const visit = (file: URL): void => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
        expect(specifier, `${file.pathname} imports ${specifier}`).toMatch(/^\.\//);
        visit(new URL((specifier as string).replace(/\.js$/, '.ts'), file));
      }
    };
    visit(new URL('../src/transport-default-fetch.ts', import.meta.url));
    expect(seen.size).toBeGreaterThan(2);
  });
});
