import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run } from './workspace.js';

describe('the platform facts', () => {
  it('are cited as docs/platform.md, which exists, from every tracked file', async () => {
    await access(join(root, 'docs/platform.md'));
    // `git grep` over tracked files: every mention of the facts file is its path from the root.
    const grep = await run('git', ['grep', '-n', '-I', '-o', '[A-Za-z0-9_./-]*platform\\.md'], {
      cwd: root,
    });
    const citations = grep.stdout.split('\n').filter(Boolean);
    expect(citations.length).toBeGreaterThan(0);
    const elsewhere = citations.filter((line) => {
      const cited = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
      return !/(^|\/|\.\.\/)docs\/platform\.md$/.test(cited);
    });
    expect(elsewhere).toEqual([]);
  });
});
