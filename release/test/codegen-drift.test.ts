import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run } from './workspace.js';

const generator = join(root, 'packages/client/scripts/generate.mjs');

describe('generated code drift (what CI checks with check:generated)', () => {
  it('passes when the committed output matches the spec', async () => {
    const result = await run('node', [generator, '--check']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails, naming the stale file, when the spec was edited without regenerating', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tianman-drift-'));
    try {
      const spec = await readFile(join(root, 'spec/openapi.yaml'), 'utf8');
      const edited = spec.replace(/(fenOrderId:\n\s+type: string\n[\s\S]*?maxLength: )32/, '$164');
      expect(edited).not.toBe(spec);
      await writeFile(join(dir, 'openapi.yaml'), edited);
      const result = await run('node', [generator, '--check', '--spec', join(dir, 'openapi.yaml')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('validators.js is out of date');
      expect(result.stderr).toContain('pnpm generate');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
