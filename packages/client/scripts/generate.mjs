#!/usr/bin/env node
// @ts-check
// Regenerates packages/client/src/generated/ from spec/openapi.yaml — the only way those files
// may change. `--check` regenerates in memory and exits 1 if the committed files differ, which
// is how CI catches a spec edit that was not followed by `pnpm generate`.
//
//   --spec <file>  another contract (the drift and fixture-operation tests feed edited copies)
//   --out <dir>    another output directory (the fixture-operation test regenerates into a copy)
//
// What it writes:
//   openapi.ts      the types, by openapi-typescript (generator/openapi-types.mjs)
//   validators.js   one request-body validator per operation, compiled from the JSON Schema
//                   2020-12 of its body by generator/compile-schema.mjs, calling the small
//                   helpers of src/schema-runtime/
//   validators.d.ts their types
//   operations.ts   the operation table (method, path, security, validator) and the typed
//                   methods' signatures with the spec's summary and description as TSDoc
//
// It refuses, loudly, what it cannot honour, and names each place: a reference that leaves the
// document, an unknown keyword, a format it does not assert, a `pattern` without an
// `x-pattern-message`, parameters, a request body that is not JSON, an unknown security scheme…
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { emitOperations } from './generator/emit-operations.mjs';
import { emitValidators } from './generator/emit-validators.mjs';
import { openapiTypes } from './generator/openapi-types.mjs';
import { GenerateError, Problems } from './generator/problems.mjs';
import { readOperations } from './generator/read-operations.mjs';
import { indexDocument, refuseOutsideRefs } from './generator/resolve-refs.mjs';
import { DIALECTS } from './generator/vocabulary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** @param {string} name */
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const specPath = resolve(arg('--spec') ?? join(here, '../../../spec/openapi.yaml'));
const outDir = resolve(arg('--out') ?? join(here, '../src/generated'));
const check = process.argv.includes('--check');

const BANNER = `/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with \`pnpm generate\`; CI fails when this file and the
 * spec disagree.
 */
`;

/**
 * The environments the client names: each server of the contract, by its
 * `x-tianman-environment` (`production`, `test`, …); none when the contract lists no server.
 * @param {Record<string, any>} doc
 * @param {Problems} problems
 * @returns {Array<[string, string]>}
 */
function readEnvironments(doc, problems) {
  /** @type {Array<[string, string]>} */
  const out = [];
  (Array.isArray(doc.servers) ? doc.servers : []).forEach(
    (/** @type {any} */ server, /** @type {number} */ i) => {
      const at = `#/servers/${i}`;
      const name = server?.['x-tianman-environment'];
      if (typeof name !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(name)) {
        problems.add(
          at,
          `the server at ${at} needs an x-tianman-environment: the name the client gives it (camelCase)`,
        );
      } else if (out.some(([n]) => n === name)) {
        problems.add(at, `x-tianman-environment ${name} at ${at} is used twice`);
      } else if (typeof server.url !== 'string' || !/^https?:\/\/[^/]+$/.test(server.url)) {
        problems.add(at, `the server at ${at} needs an absolute http(s) url without a path`);
      } else out.push([name, server.url]);
    },
  );
  return out;
}

/** @param {string} id */
const validatorName = (id) => `validate${id[0]?.toUpperCase()}${id.slice(1)}`;

/**
 * Generates the client's files from a contract. Throws a {@link GenerateError} (message
 * `generate: …`, and `problems` listing every refusal with its place) when the contract asks for
 * what the client cannot honour, or when `dryRun` finds the files out of date.
 * @param {{ spec?: string, out?: string, dryRun?: boolean }} [options]
 */
export async function generate({ spec = specPath, out = outDir, dryRun = check } = {}) {
  /** @type {Record<string, any>} */
  let doc;
  try {
    doc = parse(readFileSync(spec, 'utf8'));
  } catch (error) {
    throw new GenerateError([
      { at: '#', message: `cannot read ${spec}: ${/** @type {Error} */ (error).message}` },
    ]);
  }
  const problems = new Problems();
  if (doc.jsonSchemaDialect !== undefined && !DIALECTS.has(doc.jsonSchemaDialect)) {
    problems.add(
      '#/jsonSchemaDialect',
      `jsonSchemaDialect at #/jsonSchemaDialect must be ${[...DIALECTS].join(' or ')}`,
    );
  }
  const index = indexDocument(doc, pathToFileURL(resolve(spec)).href, problems);
  // Before openapi-typescript, which would follow such a reference and read another file.
  refuseOutsideRefs(doc, index, problems);
  const operations = readOperations(doc, problems);
  problems.throwIfAny();

  const environments = readEnvironments(doc, problems);
  problems.throwIfAny();

  const token = /** @type {import('./generator/read-operations.mjs').ReadOperation} */ (
    operations.find((o) => o.token)
  );
  const calls = operations.filter((o) => !o.token);
  /** @param {string[]} at */
  const entry = (at) =>
    /** @type {import('./generator/resolve-refs.mjs').Entry} */ (index.schemaAt(at));
  const validators = emitValidators(
    index,
    [...calls, token].map((o) => ({
      operationId: o.id,
      name: validatorName(o.id),
      ...(o.bodySchema ? { schema: entry(o.bodySchema) } : {}),
      parametersName: `${validatorName(o.id)}Parameters`,
      parameters: o.parameters.map((p) => ({ ...p, schema: entry(p.schema) })),
    })),
    BANNER,
  );
  const rows = (/** @type {typeof operations} */ list) =>
    list.map((o) => ({
      ...o,
      validator: o.bodySchema ? validatorName(o.id) : undefined,
      parametersValidator: o.parameters.length ? `${validatorName(o.id)}Parameters` : undefined,
    }));
  const files = {
    'openapi.ts': BANNER + (await openapiTypes(doc, index)),
    'validators.js': validators.code,
    'validators.d.ts': validators.types,
    'operations.ts': emitOperations(
      rows(calls),
      /** @type {any} */ (rows([token])[0]),
      environments,
      BANNER,
    ),
  };

  let drift = false;
  for (const [name, content] of Object.entries(files)) {
    const file = join(out, name);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === content) continue;
    if (dryRun) {
      drift = true;
      process.stderr.write(
        `generate: ${relative(process.cwd(), file)} is out of date with ${relative(process.cwd(), spec)}\n`,
      );
    } else {
      mkdirSync(out, { recursive: true });
      writeFileSync(file, content);
      process.stdout.write(`generate: wrote ${relative(process.cwd(), file)}\n`);
    }
  }
  if (drift) {
    throw new GenerateError([
      {
        at: '#',
        message:
          'run `pnpm generate` and commit the result (generated files are never edited by hand)',
      },
    ]);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await generate();
  } catch (error) {
    process.stderr.write(`${/** @type {Error} */ (error).message}\n`);
    process.exit(1);
  }
}
