// @ts-check
// Type-checks the examples as a user's project would see them: a project of their own (ESM,
// top-level await) that installed the built packages, so `@tianman/client` and
// `@tianman/client/api` resolve through package.json `exports` to dist/*.d.ts, compiled with
// the configuration the root README gives users (`strict`, no `skipLibCheck`). An example that
// does not compile fails the build, with the compiler's message and the example.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { root, siteDir } from './paths.mjs';

/** The compiler options of the root README's "Using them" section. */
export const USER_COMPILER_OPTIONS = {
  module: 'nodenext',
  target: 'es2022',
  strict: true,
  types: ['node'],
};

/** An example to check: its name (for messages) and its code. @typedef {{ name: string, code: string }} Example */

/** Examples that do not compile, each with the compiler's messages. */
export class ExampleCompileError extends Error {
  /** @param {Array<{ name: string, code: string, messages: string }>} failures */
  constructor(failures) {
    super(
      `docs: ${failures.length} generated example${failures.length === 1 ? '' : 's'} do${failures.length === 1 ? 'es' : ''} not compile against the built packages:\n${failures
        .map(
          (f) =>
            `\n${f.name}:\n${f.messages}\n${f.code
              .split('\n')
              .map((line, i) => `${String(i + 1).padStart(3)} | ${line}`)
              .join('\n')}`,
        )
        .join('\n')}`,
    );
    this.name = 'ExampleCompileError';
    this.failures = failures;
  }
}

/**
 * @param {string} from the link's place
 * @param {string} to what it points at
 */
function link(from, to) {
  mkdirSync(dirname(from), { recursive: true });
  symlinkSync(to, from, 'dir');
}

/**
 * Type-checks the examples; returns when every one compiles.
 * @param {Example[]} examples
 * @throws {ExampleCompileError} naming each example that does not compile
 * @throws {Error} when `@tianman/client` is not built
 */
export function checkExamples(examples) {
  const client = join(root, 'packages/client');
  if (!existsSync(join(client, 'dist/index.d.ts')) || !existsSync(join(client, 'dist/api.d.ts'))) {
    throw new Error(
      'docs: @tianman/client is not built (packages/client/dist): `pnpm docs` builds it, or run `pnpm build` first',
    );
  }
  const project = mkdtempSync(join(tmpdir(), 'tianman-site-examples-'));
  try {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    link(join(project, 'node_modules/@tianman/client'), client);
    link(
      join(project, 'node_modules/@types/node'),
      realpathSync(join(siteDir, 'node_modules/@types/node')),
    );
    const files = examples.map((example, i) => {
      const file = join(project, `example-${i}.ts`);
      writeFileSync(file, example.code);
      return file;
    });
    const { options, errors } = ts.convertCompilerOptionsFromJson(
      { ...USER_COMPILER_OPTIONS, noEmit: true },
      project,
    );
    if (errors.length)
      throw new Error(`docs: ${ts.flattenDiagnosticMessageText(errors[0]?.messageText, '\n')}`);
    const program = ts.createProgram(files, options);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (!diagnostics.length) return;
    const host = {
      getCanonicalFileName: (/** @type {string} */ f) => f,
      getCurrentDirectory: () => project,
      getNewLine: () => '\n',
    };
    const failures = examples
      .map((example, i) => {
        const file = files[i];
        const own = diagnostics.filter((d) => d.file?.fileName === file);
        return { ...example, messages: ts.formatDiagnostics(own, host).trimEnd() };
      })
      .filter((f) => f.messages);
    const elsewhere = diagnostics.filter((d) => !files.includes(d.file?.fileName ?? ''));
    if (elsewhere.length) {
      failures.push({
        name: 'the packages themselves',
        code: '',
        messages: ts.formatDiagnostics(elsewhere, host).trimEnd(),
      });
    }
    throw new ExampleCompileError(failures);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
