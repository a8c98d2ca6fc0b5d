import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, published, run } from './workspace.js';

describe.each(published)('$name as published', ({ dir }) => {
  it('passes publint --strict', async () => {
    const result = await run(bin('publint'), ['--strict'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('passes attw --pack --profile esm-only', async () => {
    const result = await run(bin('attw'), ['--pack', '.', '--profile', 'esm-only'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('declares the metadata a consumer relies on', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
  });
});
