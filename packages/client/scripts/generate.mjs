#!/usr/bin/env node
// Regenerates packages/client/src/generated/ from spec/openapi.yaml — the only way those files
// may change. `--check` regenerates in memory and exits 1 if the committed files differ, which
// is how CI catches a spec edit that was not followed by `pnpm generate`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
// `--spec <file>` exists for the drift test, which feeds an edited copy of the contract.
const specArg = process.argv.indexOf('--spec');
const specPath = resolve(
  specArg > 0 ? process.argv[specArg + 1] : join(here, '../../../spec/openapi.yaml'),
);
const outDir = join(here, '../src/generated');
const check = process.argv.includes('--check');

const BANNER = `/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with \`pnpm generate\`; CI fails when this file and the
 * spec disagree.
 */
`;

// The keywords the client's validator (src/validate.ts) implements. Anything else with meaning
// for validation stops the generator, so a spec edit can never be silently unchecked.
const VALIDATION_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'const',
  'if',
  'then',
  'else',
  'minimum',
  'maximum',
]);
// Annotations: dropped from the runtime schema to keep the bundle small.
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'summary']);

function fail(message) {
  process.stderr.write(`generate: ${message}\n`);
  process.exit(1);
}

function resolveRef(doc, ref) {
  if (!ref.startsWith('#/')) fail(`only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/** Inlines $refs and keeps only validation keywords, in a stable key order. */
function runtimeSchema(doc, schema, where, seen = new Set()) {
  // Boolean schemas are legal JSON Schema, but only `additionalProperties: false` is supported.
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    fail(
      `schema at ${where} must be an object (boolean schemas are only supported as additionalProperties)`,
    );
  }
  if (schema.$ref) {
    if (seen.has(schema.$ref)) fail(`recursive $ref ${schema.$ref} at ${where} is not supported`);
    const target = resolveRef(doc, schema.$ref);
    if (!target) fail(`unresolvable $ref ${schema.$ref} at ${where}`);
    return runtimeSchema(doc, target, `${where} → ${schema.$ref}`, new Set([...seen, schema.$ref]));
  }
  const out = {};
  for (const key of Object.keys(schema).sort()) {
    if (ANNOTATIONS.has(key)) continue;
    if (!VALIDATION_KEYWORDS.has(key)) {
      fail(
        `keyword "${key}" at ${where} is not implemented by the client validator (src/validate.ts)`,
      );
    }
    const value = schema[key];
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.keys(value).map((name) => [
          name,
          runtimeSchema(doc, value[name], `${where}.${name}`, seen),
        ]),
      );
    } else if (key === 'if' || key === 'then' || key === 'else') {
      out[key] = runtimeSchema(doc, value, `${where}/${key}`, seen);
    } else if (
      (key === 'enum' || key === 'const') &&
      (key === 'enum' ? value : [value]).some((v) => typeof v === 'object' && v !== null)
    ) {
      // The validator compares enum and const values with ===, exact for JSON primitives only.
      fail(`non-primitive ${key} value at ${where} is not implemented by the client validator`);
    } else if (key === 'additionalProperties' && typeof value === 'object') {
      out[key] = runtimeSchema(doc, value, `${where}/additionalProperties`, seen);
    } else {
      out[key] = value;
    }
  }
  return out;
}

async function main() {
  const doc = parse(readFileSync(specPath, 'utf8'));

  const ast = await openapiTS(new URL(`file://${specPath}`), { alphabetize: false });
  const types = BANNER + astToString(ast);

  const operations = {};
  const requestSchemas = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op?.operationId) continue;
      operations[op.operationId] = { method: method.toUpperCase(), path };
      const media = op.requestBody?.content?.['application/json'];
      if (media?.schema) {
        requestSchemas[op.operationId] = runtimeSchema(doc, media.schema, op.operationId);
      }
    }
  }
  // One constant per operation, then the maps over them: a bundle keeps only the constants the
  // code it ships uses (the client never validates a token request: the signer builds those).
  const constants = [];
  for (const [id, route] of Object.entries(operations)) {
    constants.push(`/** Method and path of \`${id}\`. */
export const ${id}Route = ${JSON.stringify(route, null, 2)} as const;
`);
    if (requestSchemas[id]) {
      constants.push(`/** The request-body schema of \`${id}\`. */
export const ${id}RequestSchema = ${JSON.stringify(requestSchemas[id], null, 2)} as const;
`);
    }
  }
  const entries = (suffix, keys) => keys.map((id) => `  ${id}: ${id}${suffix},`).join('\n');
  const schemas = `${BANNER}
${constants.join('\n')}
/** Method and path of every operation in the contract, keyed by operationId. */
export const operationRoutes = {
${entries('Route', Object.keys(operations))}
} as const;

/**
 * The JSON request-body schema of every operation, $refs inlined and annotations dropped:
 * what the client validates a body against before anything is sent.
 */
export const requestSchemas = {
${entries('RequestSchema', Object.keys(requestSchemas))}
} as const;
`;

  const files = { 'openapi.ts': types, 'schemas.ts': schemas };
  let drift = false;
  for (const [name, content] of Object.entries(files)) {
    const file = join(outDir, name);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === content) continue;
    if (check) {
      drift = true;
      process.stderr.write(
        `generate: ${relative(process.cwd(), file)} is out of date with spec/openapi.yaml\n`,
      );
    } else {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(file, content);
      process.stdout.write(`generate: wrote ${relative(process.cwd(), file)}\n`);
    }
  }
  if (drift)
    fail('run `pnpm generate` and commit the result (generated files are never edited by hand)');
}

await main();
