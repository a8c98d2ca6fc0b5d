import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { bin, published, run } from './workspace.js';

describe.each(published)('$name as published', ({ name, dir }) => {
  it('passes publint --strict', async () => {
    const result = await run(bin('publint'), ['--strict'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('passes attw --pack on every resolution: node10, node16 from CJS and ESM, bundler', async () => {
    // The tarball the global setup packed: what `attw --pack` would make, without packing again.
    const tarball = inject('tarballs')[name] as string;
    const result = await run(bin('attw'), [tarball, '--format', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { analysis } = JSON.parse(result.stdout);
    const kinds = Object.values(
      analysis.entrypoints as Record<string, { resolutions: Record<string, unknown> }>,
    ).map((entry) => Object.keys(entry.resolutions).sort());
    expect(kinds[0]).toEqual(['bundler', 'node10', 'node16-cjs', 'node16-esm']);
    expect(analysis.problems).toEqual([]);
  });

  it('declares the metadata a consumer relies on', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    // Dual: `import` gets the ESM build, `require()` the CommonJS one, each with its own types;
    // `main`/`types` serve resolvers that predate `exports` (TypeScript's node10).
    expect(manifest.exports['.']).toEqual({
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    });
    expect({ main: manifest.main, types: manifest.types }).toEqual({
      main: './dist/index.cjs',
      types: './dist/index.d.cts',
    });
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
  });
});
