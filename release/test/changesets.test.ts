import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, published, root, run } from './workspace.js';

// `changeset version` rewrites manifests and changelogs, so it runs on a copy of the tracked
// files, never on the working tree.
let copy = '';
beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'tianman-release-'));
  const files = (await run('git', ['ls-files', '-z'], { cwd: root })).stdout
    .split('\0')
    .filter(Boolean);
  await Promise.all(files.map((f) => cp(join(root, f), join(copy, f), { recursive: true })));
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rm(copy, { recursive: true, force: true }));

describe('the changesets release flow', () => {
  it('has pending changesets for every published package', async () => {
    // Runs in the real checkout: `status` asks git what changed since the base branch.
    const output = join(copy, 'status.json');
    const status = await run(bin('changeset'), ['status', '--output', output], { cwd: root });
    expect(status.code, status.stdout + status.stderr).toBe(0);
    const { releases } = JSON.parse(await readFile(output, 'utf8'));
    // Private workspace packages show up with type "none": they are never versioned.
    const bumped = releases.filter((r: { type: string }) => r.type !== 'none');
    expect(bumped.map((r: { name: string }) => r.name).sort()).toEqual(
      published.map((p) => p.name).sort(),
    );
  });

  it('versions the fixed group together to 0.1.0 and writes a CHANGELOG for each', async () => {
    const versioned = await run(bin('changeset'), ['version'], { cwd: copy });
    expect(versioned.code, versioned.stderr).toBe(0);
    for (const pkg of published) {
      const dir = join(copy, pkg.dir.slice(root.length));
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      expect(manifest.version).toBe('0.1.0');
      const changelog = await readFile(join(dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`# ${pkg.name}`);
      expect(changelog).toContain('## 0.1.0');
    }
  });
});
