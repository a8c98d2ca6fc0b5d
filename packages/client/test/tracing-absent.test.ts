import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ID,
  APP_KEY,
  json,
  NOW,
  ok,
  SYNC_PATH,
  serve,
  TOKEN_PATH,
  validBody,
} from './helpers.js';

const run = promisify(execFile);
const pkg = fileURLToPath(new URL('..', import.meta.url));

// The client's sources bundled as a user's bundler would, into the package's own node_modules:
// from there `@opentelemetry/api` (a dev dependency) resolves, so only the code keeps it out.
let dir: string;
let metafile: Metafile;
beforeAll(async () => {
  dir = await mkdtemp(join(pkg, 'node_modules', '.tracing-absent-'));
  ({ metafile } = await build({
    // The client and its api, as one module.
    stdin: {
      contents: "export * from './src/index.ts'; export { createTianmanApi } from './src/api.ts';",
      resolveDir: pkg,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    outfile: join(dir, 'client.mjs'),
    external: ['@tianman/signer', 'openapi-fetch'],
    metafile: true,
    logLevel: 'silent',
  }));
  // Records every module the child process resolves, `import` or `require`, in a file.
  await writeFile(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
     export async function resolve(specifier, context, next) {
       const result = await next(specifier, context);
       appendFileSync(process.env.RESOLVED_LOG, result.url + '\\n');
       return result;
     }`,
  );
  await writeFile(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);`,
  );
  // A user's program: a token-mode call, a signed one through the api. With CONTROL set, it
  // loads the API itself, to show the record would show it.
  await writeFile(
    join(dir, 'program.mjs'),
    `import { createRequire } from 'node:module';
     if (process.env.CONTROL) await import('@opentelemetry/api');
     const { createTianmanApi, createTianmanClient } = await import('./client.mjs');
     const [baseUrl, now, body] = process.argv.slice(2);
     const options = { appId: '${APP_ID}', appKey: '${APP_KEY}', baseUrl, now: () => Number(now) };
     const token = await createTianmanClient({ ...options, auth: 'token' }).syncPayScoreOrder(JSON.parse(body));
     const api = await createTianmanApi(createTianmanClient(options)).POST('${SYNC_PATH}', { body: JSON.parse(body) });
     console.log(JSON.stringify({
       results: [token.respCode, api.data.respCode],
       required: Object.keys(createRequire(import.meta.url).cache),
       registry: globalThis[Symbol.for('opentelemetry.js.api.1')] ?? null,
     }));`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the program against a local platform: what it printed, and every module it resolved. */
async function program(env: Record<string, string> = {}) {
  const server = await serve((request, res) =>
    request.url === TOKEN_PATH
      ? json(res, 200, { errCode: '0000', accessToken: `tok-${'d'.repeat(30)}`, expiresIn: 3600 })
      : ok(res),
  );
  const log = join(dir, `resolved-${Object.keys(env).join('-')}.log`);
  await writeFile(log, '');
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      join(dir, 'register.mjs'),
      join(dir, 'program.mjs'),
      server.url,
      String(NOW),
      JSON.stringify(validBody),
    ],
    { env: { ...process.env, ...env, RESOLVED_LOG: log } },
  );
  const resolved = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { ...JSON.parse(stdout), resolved, requests: server.received.length };
}

describe('without OpenTelemetry: no span, no import', () => {
  it('the bundled client has no import of @opentelemetry, not even a dynamic one', () => {
    const files = Object.keys(metafile.inputs);
    expect(files).toContain('src/call-trace.ts');
    const imports = Object.values(metafile.inputs).flatMap((input) =>
      input.imports.map((i) => i.path),
    );
    expect(imports.filter((path) => path.includes('opentelemetry'))).toEqual([]);
    expect(files.filter((path) => path.includes('opentelemetry'))).toEqual([]);
  });

  it('a program calling the client never loads @opentelemetry/api, and nothing is registered', async () => {
    const result = await program();
    expect(result.results).toEqual(['0000', '0000']);
    expect(result.requests).toBe(3);
    // The record works: it has the client itself and the signer it imports.
    expect(result.resolved.some((url: string) => url.endsWith('/client.mjs'))).toBe(true);
    expect(result.resolved.some((url: string) => /signer\/dist\//.test(url))).toBe(true);
    expect(result.resolved.filter((url: string) => url.includes('opentelemetry'))).toEqual([]);
    expect(result.required.filter((file: string) => file.includes('opentelemetry'))).toEqual([]);
    expect(result.registry).toBeNull();
  });

  it('control: a program that loads the API itself shows in the record', async () => {
    const result = await program({ CONTROL: '1' });
    expect(result.results).toEqual(['0000', '0000']);
    expect(result.resolved.some((url: string) => url.includes('/@opentelemetry/api/'))).toBe(true);
  });
});
