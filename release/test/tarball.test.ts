import { describe, expect, inject, it } from 'vitest';
import { published, run } from './workspace.js';

describe.each(published)('$name tarball', ({ name }) => {
  it('holds README, LICENSE and dist, and no sources, tests or secrets', async () => {
    const tarball = inject('tarballs')[name] as string;
    const listing = await run('tar', ['-tzf', tarball]);
    expect(listing.code).toBe(0);
    const files = listing.stdout.trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['package/README.md', 'package/LICENSE', 'package/package.json']),
    );
    expect(files.some((f) => f.startsWith('package/dist/'))).toBe(true);
    expect(
      files.filter((f) => /^package\/(src|test|bench)\//.test(f) || f.endsWith('.env')),
    ).toEqual([]);
  });

  it('names real versions, not workspace: ranges', async () => {
    const tarball = inject('tarballs')[name] as string;
    const manifest = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    expect(manifest.stdout).not.toContain('workspace:');
    expect(manifest.stdout).not.toContain('catalog:');
  });
});
