// `pnpm release:rehearse`: a real release through changesets to a local npm registry, and back.
//
// 1. Starts Verdaccio (in this process, on a free loopback port, storage in a temp dir, anyone
//    may publish) and copies the repository's tracked files plus the built dist/ folders into a
//    temp dir with a throwaway git repo: version bumps, CHANGELOGs and the tags `changeset
//    publish` writes all land there, never in this working tree (checked at the end).
// 2. `changeset version` + `changeset publish` against the registry (pnpm publish underneath,
//    which turns workspace: and catalog: ranges into versions; a dummy token).
// 3. A fresh npm project installs `@tianman/client@<version>` and `@tianman/mock@<version>` by
//    version from the registry and makes a signed call against the mock.
// 4. A patch changeset for the client alone, released again: every package of the fixed group
//    must be at the new version in the registry, and the CHANGELOGs must name the change.
// Prints what was published. Exits non-zero on any failure.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runServer } from 'verdaccio';
import { fixedGroupPackages } from './fixed-group.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const execFileAsync = promisify(execFile);

// What is released: the changesets fixed group, found in the workspace (fixed-group.mjs).
const PUBLISHED = (await fixedGroupPackages(root)).map(({ name, dir }) => [
  name,
  relative(root, dir),
]);
const PATCH_NOTE = 'Release rehearsal: a patch to @tianman/client alone.';
/** Runs a command (never blocking the event loop: Verdaccio serves from this process). */
async function run(file, args, options = {}) {
  try {
    const { stdout } = await execFileAsync(file, args, {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
      ...options,
      env: { ...process.env, ...options.env },
    });
    return stdout;
  } catch (error) {
    throw new Error(
      `${file} ${args.join(' ')} failed (exit ${error.code}):\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
  }
}

function check(condition, message) {
  if (!condition) throw new Error(`rehearsal: ${message}`);
}

const step = (text) => console.log(`\n--- ${text}`);

const work = await mkdtemp(join(tmpdir(), 'tianman-rehearsal-'));
let server;
try {
  const gitBefore = await gitState();

  step('Verdaccio 6.8 on a free loopback port');
  const storage = join(work, 'storage');
  const app = await runServer({
    self_path: join(work, 'config.yaml'),
    storage,
    auth: { htpasswd: { file: join(work, 'htpasswd'), max_users: -1 } },
    uplinks: {},
    // Only our scope lives here; everything else comes from the usual registry (see .npmrc).
    packages: { '@tianman/*': { access: '$anonymous', publish: '$anonymous' } },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    web: { enable: false },
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const registry = `http://127.0.0.1:${server.address().port}/`;
  console.log(registry);

  // Scoped registry and a dummy token, for npm and pnpm alike, outside the user's own config.
  const npmrc = join(work, 'npmrc');
  await writeFile(
    npmrc,
    `@tianman:registry=${registry}\n//${registry.slice('http://'.length)}:_authToken=rehearsal\n`,
  );
  const env = {
    npm_config_userconfig: npmrc,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };

  step(
    'a copy of the repository (tracked files + built dist/), installed, with a throwaway git repo',
  );
  const repo = join(work, 'repo');
  const files = (await run('git', ['ls-files', '-z'], { cwd: root })).split('\0').filter(Boolean);
  for (const file of files) await cp(join(root, file), join(repo, file), { recursive: true });
  for (const [name, dir] of PUBLISHED) {
    const dist = join(root, dir, 'dist');
    const built = await readFile(join(dist, 'index.js')).catch(() => undefined);
    check(built !== undefined, `${name} is not built; run \`pnpm build\` first`);
    await cp(dist, join(repo, dir, 'dist'), { recursive: true });
  }
  // The mock ships the contract copied beside it at build time.
  await cp(join(root, 'mock/openapi.yaml'), join(repo, 'mock/openapi.yaml'));
  await writeFile(join(repo, '.npmrc'), await readFile(npmrc));
  // pnpm publish reads the workspace's installed links to turn `workspace:*` into versions;
  // everything comes from the store this checkout's install filled.
  await run('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], {
    cwd: repo,
    env,
  });
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await run('git', ['add', '-A'], { cwd: repo });
  await run(
    'git',
    ['-c', 'user.name=rehearsal', '-c', 'user.email=r@example.invalid', 'commit', '-qm', 'copy'],
    { cwd: repo },
  );

  const changeset = join(root, 'node_modules/.bin/changeset');
  const published = [];

  async function release(label) {
    step(`${label}: changeset version`);
    console.log((await run(changeset, ['version'], { cwd: repo, env })).trim());
    const versions = {};
    for (const [name, dir] of PUBLISHED) {
      versions[name] = JSON.parse(await readFile(join(repo, dir, 'package.json'), 'utf8')).version;
    }
    step(`${label}: changeset publish`);
    console.log((await run(changeset, ['publish'], { cwd: repo, env })).trim());
    for (const [name] of PUBLISHED) {
      const view = await run(
        'npm',
        ['view', `${name}@${versions[name]}`, 'version', '--registry', registry],
        {
          env,
        },
      );
      check(view.trim() === versions[name], `${name}@${versions[name]} is not in the registry`);
      published.push(`${name}@${versions[name]}`);
    }
    return versions;
  }

  const first = await release('release 1');
  const version = first['@tianman/client'];
  check(
    Object.values(first).every((v) => v === version),
    `the fixed group did not version together: ${JSON.stringify(first)}`,
  );

  step(`a fresh npm project installs @tianman/client@${version} by version and calls the mock`);
  const project = join(work, 'project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), '{"name":"rehearsal-app","private":true}\n');
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `@tianman/client@${version}`,
      `@tianman/mock@${version}`,
    ],
    { cwd: project, env },
  );
  const installed = JSON.parse(
    await readFile(join(project, 'node_modules/@tianman/client/package.json'), 'utf8'),
  );
  check(installed.version === version, `installed client is ${installed.version}`);
  check(
    installed.dependencies['@tianman/signer'] === version,
    `the published client depends on @tianman/signer ${installed.dependencies['@tianman/signer']}`,
  );
  const call = await run(
    'node',
    [
      '--input-type=module',
      '-e',
      `import { createTianmanClient, formatPaidTime } from '@tianman/client';
       import { startMock } from '@tianman/mock';
       const mock = await startMock({ port: 0 });
       try {
         const client = createTianmanClient({ ...mock.credentials, baseUrl: mock.url });
         const result = await client.syncPayScoreOrder({
           fenOrderId: 'ORDER20261125001', mid: '898310148160568',
           serviceId: '500001000000000000000000000001', type: 'Order_Paid',
           detail: { paidTime: formatPaidTime(Date.now() - 60_000) },
         });
         console.log(JSON.stringify({ respCode: result.respCode, status: result.status }));
       } finally { await mock.close(); }`,
    ],
    { cwd: project, env },
  );
  check(call.trim() === '{"respCode":"0000","status":200}', `signed call answered ${call}`);
  console.log(`signed call against the mock: ${call.trim()}`);

  await writeFile(
    join(repo, '.changeset/rehearsal-patch.md'),
    `---\n"@tianman/client": patch\n---\n\n${PATCH_NOTE}\n`,
  );
  const second = await release('release 2 (a patch changeset for @tianman/client only)');
  const next = second['@tianman/client'];
  check(next !== version, 'the patch did not change the version');
  for (const [name, dir] of PUBLISHED) {
    const latest = (
      await run('npm', ['view', name, 'dist-tags.latest', '--registry', registry], { env })
    ).trim();
    check(
      latest === next,
      `${name} is at ${latest} in the registry, not ${next}: the fixed group split`,
    );
    const changelog = await readFile(join(repo, dir, 'CHANGELOG.md'), 'utf8');
    check(changelog.includes(`## ${next}`), `${dir}/CHANGELOG.md has no ${next} section`);
    check(changelog.includes(`## ${version}`), `${dir}/CHANGELOG.md has no ${version} section`);
  }
  const deps = JSON.parse(
    await run(
      'npm',
      ['view', `@tianman/client@${next}`, 'dependencies', '--json', '--registry', registry],
      {
        env,
      },
    ),
  );
  check(
    deps['@tianman/signer'] === next,
    `@tianman/client@${next} depends on @tianman/signer ${deps['@tianman/signer']}, not ${next}`,
  );
  const clientLog = await readFile(join(repo, 'packages/client/CHANGELOG.md'), 'utf8');
  const section = clientLog.slice(
    clientLog.indexOf(`## ${next}`),
    clientLog.indexOf(`## ${version}`),
  );
  check(section.includes(PATCH_NOTE), `the client's ${next} changelog does not name the change`);
  const tags = (await run('git', ['tag'], { cwd: repo })).trim().split('\n');
  console.log(`tags written in the copy: ${tags.join(' ')}`);

  const gitAfter = await gitState();
  check(
    gitAfter === gitBefore,
    `the working tree or its tags changed:\n${gitBefore}\n---\n${gitAfter}`,
  );

  step('published');
  for (const entry of published) console.log(entry);
  console.log('\nrelease rehearsal passed: working tree and tags untouched.');
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  server?.closeAllConnections?.();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  await rm(work, { recursive: true, force: true });
}

/** What must not change: tracked and untracked files, and tags. */
async function gitState() {
  const status = await run('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: root,
  });
  const tags = await run('git', ['tag'], { cwd: root });
  return `${status}\ntags:\n${tags}`;
}
