import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { validBody } from './vectors.js';
import { bin, root, run } from './workspace.js';

// A CommonJS TypeScript app as NestJS, Midway and Egg generate it: `import` in the source,
// `require()` in the emitted JavaScript. Its `.ts` file is compiled with tsc and the output run
// with Node: the right body compiles and makes a signed call that the mock (its CommonJS build,
// started in the same process) accepts; a wrong body fails to compile, naming the field.

const rightProgram = `
import { createTianmanClient, formatPaidTime, isApiError } from '@tianman/client';
import { startMock } from '@tianman/mock';

async function main(): Promise<void> {
  const mock = await startMock({ port: 0 });
  try {
    const client = createTianmanClient({
      appId: mock.credentials.appId,
      appKey: mock.credentials.appKey,
      baseUrl: mock.url,
    });
    const result = await client.syncPayScoreOrder({
      ...${JSON.stringify(validBody)},
      type: 'Order_Paid',
      detail: { paidTime: formatPaidTime(Date.now() - 60_000) },
    });
    const code: string = result.respCode;
    console.log(JSON.stringify({ code, status: result.status, apiError: isApiError(result) }));
  } finally {
    await mock.close();
  }
}
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

// A misspelt field: must be a compile error that names it.
const wrongProgram = `
import { createTianmanClient } from '@tianman/client';
const client = createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' });
export const result = client.syncPayScoreOrder({
  fenOrderID: 'ORDER20261125001',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20261125143000' },
});
`;

const PROJECTS = [
  [
    'NestJS-shaped (module commonjs, moduleResolution node10)',
    'nest',
    // A NestJS default tsconfig (which skips lib checks; the ESM consumer test checks our
    // declarations with `skipLibCheck` off, and the .d.cts files are the same declarations).
    {
      module: 'commonjs',
      moduleResolution: 'node10',
      target: 'ES2021',
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      strict: true,
      skipLibCheck: true,
    },
  ],
  [
    'module/moduleResolution node16 in a CommonJS package',
    'node16',
    {
      module: 'node16',
      moduleResolution: 'node16',
      target: 'ES2022',
      strict: true,
      skipLibCheck: true,
    },
  ],
  [
    'module/moduleResolution nodenext in a CommonJS package',
    'nodenext',
    {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'ES2022',
      strict: true,
      skipLibCheck: true,
    },
  ],
] as const;

/**
 * A CommonJS project inside the consumer (whose node_modules has the tarballs installed), with
 * the right program (`main.ts`) and the wrong one (`wrong.ts`), compiled by one tsc run: tsc
 * still emits `main.js` when `wrong.ts` fails, and each file's errors are reported against it.
 */
async function compile(label: string, options: object): Promise<Project> {
  const dir = join(inject('consumerDir'), `cjs-${label}`);
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'commonjs', private: true }));
  await writeFile(join(dir, 'main.ts'), rightProgram);
  await writeFile(join(dir, 'wrong.ts'), wrongProgram);
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        ...options,
        outDir: 'dist',
        // A Node app, typed by @types/node, no DOM: what a NestJS project has.
        lib: ['ES2022'],
        types: ['node'],
        typeRoots: [join(root, 'release/node_modules/@types')],
      },
      files: ['main.ts', 'wrong.ts'],
    }),
  );
  const tsc = await run(bin('tsc'), ['-p', dir, '--pretty', 'false']);
  // `path/to/wrong.ts(4,3): error TS2353: …`, one line per error with `--pretty false`.
  const errors = tsc.stdout.split('\n').filter((line) => /\.ts\(\d+,\d+\): error/.test(line));
  return {
    dir,
    code: tsc.code,
    errorsIn: (file) =>
      errors.filter(
        (line) => line === file || line.includes(`/${file}(`) || line.startsWith(`${file}(`),
      ),
  };
}

interface Project {
  dir: string;
  code: number;
  errorsIn: (file: string) => string[];
}

describe.concurrent.each(PROJECTS)('a CommonJS TypeScript consumer: %s', (_, label, options) => {
  let compiled: Promise<Project> | undefined;
  const project = (): Promise<Project> => {
    compiled ??= compile(label, options);
    return compiled;
  };

  it('compiles the right body without an error', async () => {
    const { errorsIn } = await project();
    expect(errorsIn('main.ts')).toEqual([]);
  });

  it('fails to compile a wrong body, naming the field', async () => {
    const { code, errorsIn } = await project();
    expect(code).not.toBe(0);
    const errors = errorsIn('wrong.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('fenOrderID');
  });

  it('require()s the packages and runs a signed call the mock accepts', async () => {
    const { dir, errorsIn } = await project();
    expect(errorsIn('main.ts')).toEqual([]);
    const emitted = await readFile(join(dir, 'dist/main.js'), 'utf8');
    expect(emitted).toContain('require("@tianman/client")');
    expect(emitted).toContain('require("@tianman/mock")');
    const result = await run('node', [join(dir, 'dist/main.js')], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ code: '0000', status: 200, apiError: false });
  });
});
