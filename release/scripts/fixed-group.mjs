// The packages we publish: the changesets `fixed` group (.changeset/config.json), found in the
// workspace. A new package is published, packed by `pnpm pack:all` and rehearsed by
// `pnpm release:rehearse` by joining that group.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * The fixed group's packages, in the group's order.
 * @param {string} root the repository root
 * @returns {Promise<{ name: string, dir: string }[]>} each package's name and absolute folder
 */
export async function fixedGroupPackages(root) {
  const config = JSON.parse(await readFile(join(root, '.changeset/config.json'), 'utf8'));
  const [group] = config.fixed;
  const { stdout } = await execFileAsync('pnpm', ['ls', '-r', '--depth', '-1', '--json'], {
    cwd: root,
  });
  const workspace = JSON.parse(stdout);
  return group.map((name) => {
    const found = workspace.find((pkg) => pkg.name === name);
    if (!found) throw new Error(`${name} (changesets fixed group) is not in the workspace`);
    return { name, dir: found.path };
  });
}
