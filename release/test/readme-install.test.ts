import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { between, codeBlocks } from './markdown.js';
import { validBody } from './vectors.js';
import { published, root, run } from './workspace.js';

// The root README's Install section, followed literally: its shell lines between the
// `install:start`/`install:end` markers run in a fresh project outside the workspace, with the
// tarballs `pnpm pack:all` makes where the README says they are (`../tianman-sdk/tarballs/`).
// Whatever the README says there is what runs.

const readme = await readFile(join(root, 'README.md'), 'utf8');
const installBlocks = codeBlocks(between(readme, 'install')).filter((b) => b.lang === 'sh');

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A fresh ESM project `my-app` with `../tianman-sdk/tarballs/` holding the packed tarballs. */
async function freshProject(): Promise<string> {
  work = await mkdtemp(join(tmpdir(), 'tianman-install-'));
  const tarballs = join(work, 'tianman-sdk/tarballs');
  await mkdir(tarballs, { recursive: true });
  for (const file of Object.values(inject('tarballs'))) {
    await copyFile(file, join(tarballs, basename(file)));
  }
  const app = join(work, 'my-app');
  await mkdir(app);
  await writeFile(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'my-app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  return app;
}

describe("the root README's Install section", () => {
  it('has shell lines between its markers', () => {
    expect(installBlocks.length).toBeGreaterThan(0);
    expect(installBlocks.map((b) => b.code.trim()).join('\n')).not.toBe('');
  });

  it('installs the four tarballs into a fresh project, which imports them and makes a signed call to the mock', async () => {
    const app = await freshProject();
    for (const block of installBlocks) {
      const result = await run('sh', ['-eu', '-c', block.code], {
        cwd: app,
        timeout: 540_000,
        env: { npm_config_update_notifier: 'false', npm_config_fund: 'false' },
      });
      expect(result.code, `README.md line ${block.line}:\n${result.stderr}`).toBe(0);
    }

    // Each package installed once, from its tarball (none from the registry, none nested).
    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8'));
    for (const { name } of published) {
      expect(manifest.dependencies[name], name).toMatch(/^file:.*\.tgz$/);
    }
    const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8'));
    const tianman = Object.entries(lock.packages as Record<string, { resolved?: string }>).filter(
      ([path]) => path.includes('node_modules/@tianman/'),
    );
    expect(tianman.map(([path]) => path).sort()).toEqual(
      published.map(({ name }) => `node_modules/${name}`).sort(),
    );
    for (const [path, entry] of tianman) expect(entry.resolved, path).toMatch(/\.tgz$/);

    await writeFile(
      join(app, 'check.js'),
      `import { createSigner } from '@tianman/signer';
import { createTianmanClient, formatPaidTime } from '@tianman/client';
import { startMock } from '@tianman/mock';
import { createRedisTokenStore } from '@tianman/token-store-redis';

const mock = await startMock({ port: 0 });
try {
  const client = createTianmanClient({ ...mock.credentials, baseUrl: mock.url });
  const result = await client.syncPayScoreOrder({
    ...${JSON.stringify(validBody)},
    detail: { paidTime: formatPaidTime(Date.now() - 60_000) },
  });
  console.log(JSON.stringify({
    respCode: result.respCode,
    status: result.status,
    signer: typeof createSigner(mock.credentials).sign,
    store: typeof createRedisTokenStore,
  }));
} finally {
  await mock.close();
}
`,
    );
    const call = await run('node', ['check.js'], { cwd: app });
    expect(call.stderr).toBe('');
    expect(JSON.parse(call.stdout)).toEqual({
      respCode: '0000',
      status: 200,
      signer: 'function',
      store: 'function',
    });
  }, 600_000);
});
