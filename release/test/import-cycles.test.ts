import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, no declaration file
import { findCycles, SOURCES } from '../../scripts/check-cycles.mjs';
import { root, run } from './workspace.js';

describe('import cycles (what `pnpm lint` checks)', () => {
  it('no package imports itself in a circle', async () => {
    const result = await run('node', [join(root, 'scripts/check-cycles.mjs')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a cycle, even of types only, is found and named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tianman-cycles-'));
    try {
      await writeFile(join(dir, 'tsconfig.json'), '{"compilerOptions":{"module":"nodenext"}}');
      await writeFile(
        join(dir, 'a.ts'),
        "import type { B } from './b.js';\nexport type A = B[];\n",
      );
      await writeFile(
        join(dir, 'b.ts'),
        "import { c } from './c.js';\nexport type B = typeof c;\n",
      );
      await writeFile(
        join(dir, 'c.ts'),
        "import type { A } from './a.js';\nexport const c: A = [];\n",
      );
      expect(await findCycles(dir, join(dir, 'tsconfig.json'))).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checks every published package', () => {
    expect(SOURCES.map((s: { src: string }) => s.src.slice(root.length + 1))).toEqual([
      'packages/client/src',
      'packages/signer/src',
      'packages/token-store-redis/src',
      'mock/src',
    ]);
  });
});
