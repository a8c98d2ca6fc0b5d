#!/usr/bin/env node
// Regenerates packages/client/src/generated/ from spec/openapi.yaml — the only way those files
// may change. `--check` regenerates in memory and exits 1 if the committed files differ, which
// is how CI catches a spec edit that was not followed by `pnpm generate`.
//
//   --spec <file>  another contract (the drift and fixture-operation tests feed edited copies)
//   --out <dir>    another output directory (the fixture-operation test regenerates into a copy)
//
// What it writes:
//   openapi.ts      the types, by openapi-typescript
//   validators.js   one request-body validator per operation, Ajv's standalone code (JSON Schema
//                   2020-12), with its runtime helpers pointed at src/ajv-runtime.ts: Ajv itself
//                   is not shipped
//   validators.d.ts their types
//   operations.ts   the operation table (method, path, security, validator) and the typed
//                   methods' signatures with the spec's summary and description as TSDoc
//
// It refuses, loudly, what it cannot honour: an external $ref, a keyword Ajv does not know, a
// `format` (the formats' code would ship Ajv's), a `pattern` without an `x-pattern-message`,
// parameters, a request body that is not JSON, an unknown security scheme…
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
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

// The client's names for the contract's security schemes, read from `x-tianman-auth`.
const AUTH_MODES = new Set(['signature', 'token']);
// Dropped before Ajv compiles: annotations (they would only make the shipped code bigger) and
// the spec's own extensions, read here.
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  'example',
  '$comment',
  'summary',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
]);
// Ajv's runtime helpers that the shipped module provides (src/ajv-runtime.ts). Any other one
// stops the generator: shipping it would mean shipping part of Ajv unchecked.
const RUNTIME = { ucs2length: 'ucs2length', equal: 'deepEqual' };
// The result of a method is the success body plus these: a success schema may not declare them.
const RESULT_FIELDS = ['status', 'attempts', 'headers'];

function fail(message) {
  throw new Error(`generate: ${message}`);
}

// What a failure of each JSON Schema keyword says, from the error's params `p` (`cut` shortens
// a name the caller chose), never the failing value. Not called here: their source is written
// into operations.ts (`ruleMessages`, where `patternMessages` is defined) for the keywords the
// generated validators can report only; another keyword reads "breaks the contract's … rule"
// (src/validate.ts).
const RULE_MESSAGES = {
  required: () => 'is required',
  additionalProperties: () => 'is not a known field',
  unevaluatedProperties: () => 'is not a known field',
  dependentRequired: (p, cut) => `is required when ${cut(String(p.property))} is present`,
  type: (p) => `must be ${[p.type].flat().join(' or ')}`,
  maxLength: (p) => `must be at most ${p.limit} characters`,
  minLength: (p) => `must be at least ${p.limit} characters`,
  pattern: (p) =>
    `must be ${patternMessages[String(p.pattern)] ?? 'in the format the contract describes'}`,
  enum: (p) => `must be one of ${JSON.stringify(p.allowedValues)}`,
  const: (p) => `must be ${JSON.stringify(p.allowedValue)}`,
  minimum: (p) => `must be ${p.comparison} ${p.limit}`,
  maximum: (p) => `must be ${p.comparison} ${p.limit}`,
  exclusiveMinimum: (p) => `must be ${p.comparison} ${p.limit}`,
  exclusiveMaximum: (p) => `must be ${p.comparison} ${p.limit}`,
  multipleOf: (p) => `must be a multiple of ${p.multipleOf}`,
  minItems: (p) => `must have at least ${p.limit} items`,
  maxItems: (p) => `must have at most ${p.limit} items`,
  uniqueItems: (p) => `must not repeat an item (#${p.j} and #${p.i} are equal)`,
  minProperties: (p) => `must have at least ${p.limit} fields`,
  maxProperties: (p) => `must have at most ${p.limit} fields`,
  oneOf: () => 'must match exactly one of the allowed shapes',
  anyOf: () => 'must match one of the allowed shapes',
  not: () => 'must not match the excluded shape',
};

/** `ruleMessages` of operations.ts: a message for each keyword `validators` can report. */
function ruleMessagesSource(validators) {
  const reported = new Set(
    [...validators.matchAll(/pushError\(vErrors, .+?, "(\w+)", /g)].map(([, keyword]) => keyword),
  );
  if (!reported.size) fail('no keyword found in the validators: ruleMessages would be empty');
  const rows = Object.entries(RULE_MESSAGES)
    .filter(([keyword]) => reported.has(keyword))
    .map(([keyword, message]) => `  ${keyword}: ${message.toString().replace(/\s*\n\s*/g, ' ')},`);
  return `{\n${rows.join('\n')}\n}`;
}

const REF_PREFIX = '#/components/schemas/';
const COMPONENTS_ID = 'tianman:components';

/**
 * A copy of `schema` Ajv can compile: local $refs pointed at the components schema, annotations
 * and extensions dropped, pattern messages collected. Refuses what the shipped code could not
 * check.
 */
function prepare(schema, where, messages) {
  if (typeof schema === 'boolean') return schema;
  if (typeof schema !== 'object' || schema === null) fail(`schema at ${where} is not an object`);
  if (Array.isArray(schema)) return schema.map((s, i) => prepare(s, `${where}/${i}`, messages));
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = `${where}/${key}`;
    if (ANNOTATIONS.has(key) || key === 'x-pattern-message') continue;
    if (key.startsWith('x-')) fail(`extension ${key} at ${where} means nothing to the generator`);
    if (key === '$ref') {
      if (typeof value !== 'string' || !value.startsWith(REF_PREFIX)) {
        fail(`$ref ${value} at ${where}: only ${REF_PREFIX}… references are bundled`);
      }
      out.$ref = `${COMPONENTS_ID}#/$defs/${value.slice(REF_PREFIX.length)}`;
    } else if (key === 'format') {
      fail(
        `format "${value}" at ${where}: formats are not shipped with the client; say it with a pattern (and an x-pattern-message)`,
      );
    } else if (key === 'pattern') {
      const message = schema['x-pattern-message'];
      if (typeof message !== 'string' || !message) {
        fail(
          `pattern at ${where} has no x-pattern-message: say in words what the pattern allows (users see it, not the regex)`,
        );
      }
      if (messages[value] !== undefined && messages[value] !== message) {
        fail(`pattern ${value} has two different x-pattern-message values`);
      }
      messages[value] = message;
      out.pattern = value;
    } else if (
      ['properties', 'patternProperties', '$defs', 'dependentSchemas', 'definitions'].includes(key)
    ) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, prepare(sub, `${at}/${name}`, messages)]),
      );
    } else if (
      [
        'items',
        'prefixItems',
        'additionalProperties',
        'unevaluatedProperties',
        'unevaluatedItems',
        'contains',
        'propertyNames',
        'not',
        'if',
        'then',
        'else',
        'allOf',
        'anyOf',
        'oneOf',
      ].includes(key)
    ) {
      out[key] = prepare(value, at, messages);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The 2xx JSON schema of an operation's success answer, or undefined. */
function successSchema(doc, op) {
  const ok = op.responses?.['200'] ?? op.responses?.['201'];
  const content = (ok?.$ref ? resolveLocal(doc, ok.$ref) : ok)?.content?.['application/json'];
  return content?.schema;
}

function resolveLocal(doc, ref) {
  if (!ref.startsWith('#/')) fail(`only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/** Property names a schema declares at its top level, following $refs and allOf. */
function declaredProperties(doc, schema, seen = new Set()) {
  if (!schema || typeof schema !== 'object') return [];
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    return declaredProperties(doc, resolveLocal(doc, schema.$ref), seen);
  }
  return [
    ...Object.keys(schema.properties ?? {}),
    ...(schema.allOf ?? []).flatMap((s) => declaredProperties(doc, s, seen)),
  ];
}

/** A TSDoc block from the spec's summary and description. */
function tsdoc(lines, indent = '  ') {
  const text = lines
    .filter(Boolean)
    .map((l) => l.trim())
    .join('\n\n')
    .replace(/\*\//g, '*\\/')
    .trim()
    .split('\n')
    .map((l) => `${indent} *${l ? ` ${l}` : ''}`)
    .join('\n');
  return `${indent}/**\n${text}\n${indent} */`;
}

/** Points Ajv's `require("ajv/dist/runtime/…")` at the client's own helpers, and bounds lengths. */
function shipValidators(code) {
  let out = code.replace(
    /const (\w+) = require\("ajv\/dist\/runtime\/(\w+)"\)\.default;/g,
    (_, local, name) => {
      if (!RUNTIME[name]) {
        fail(
          `Ajv's runtime helper ${name} is needed by the contract but not shipped (src/ajv-runtime.ts)`,
        );
      }
      return `import { ${RUNTIME[name]} as ${local} } from "../ajv-runtime.js";`;
    },
  );
  if (/require\(/.test(out)) fail('Ajv emitted a require() the generator does not know');
  // Code points <= UTF-16 units <= 2 × code points: a string of more than 2 × maxLength units is
  // too long, and one of at least 2 × minLength units long enough, whatever its code points.
  // Deciding those by `.length` alone keeps a 10 MB string from being counted.
  out = out.replace(
    /(\w+)\((\w+)\) > (\d+)\)/g,
    (_, fn, v, n) => `(${v}.length > ${2 * Number(n)} || ${fn}(${v}) > ${n}))`,
  );
  out = out.replace(
    /(\w+)\((\w+)\) < (\d+)\)/g,
    (_, fn, v, n) => `(${v}.length < ${2 * Number(n)} && ${fn}(${v}) < ${n}))`,
  );
  // Smaller, same meaning (each is checked to have applied, so an Ajv upgrade that changes its
  // output stops the generator instead of shipping it unshrunk): one line per error push, and no
  // copy of a schema that no code reads.
  const pushes =
    /if\(vErrors === null\)\{\nvErrors = \[(\w+)\];\n\}\nelse \{\nvErrors\.push\(\1\);\n\}/g;
  if (!pushes.test(out)) fail('Ajv output changed shape: no error push found to shrink');
  out = out.replace(pushes, '(vErrors ??= []).push($1);');
  if (/vErrors === null\)\{\nvErrors = \[/.test(out))
    fail('Ajv output changed shape: an error push was not shrunk');
  // The client reads an error's keyword, params and instancePath, never its schemaPath: unique
  // strings that gzip cannot fold.
  const paths = /schemaPath:"(?:[^"\\]|\\.)*",/g;
  if (!paths.test(out)) fail('Ajv output changed shape: no schemaPath found to drop');
  out = out.replace(paths, '');
  out = shrinkBookkeeping(out);
  out = out.replace(/^const (schema\d+) = .*;\n/gm, (line, name) =>
    new RegExp(`\\b${name}\\b`).test(out.replace(line, '')) ? line : '',
  );
  const strict = /^"use strict";\n/;
  if (!strict.test(out)) fail('Ajv output changed shape: no "use strict" line');
  return out.replace(strict, 'import { pushError } from "../ajv-runtime.js";\n');
}

/**
 * Drops what Ajv's code carries for keywords this contract does not use, and folds its repeated
 * lines into calls, without changing a verdict or an error: each rewrite must apply, and what it
 * removes must be unread afterwards, or the generator stops.
 */
function shrinkBookkeeping(code) {
  let out = code;
  const rewrite = (pattern, replacement, what) => {
    if (!pattern.test(out)) fail(`Ajv output changed shape: ${what}`);
    out = out.replace(pattern, replacement);
  };
  // `evaluated` serves unevaluatedProperties/Items across $refs: with dynamicProps and
  // dynamicItems false its resets are dead code, and nothing reads it once they are gone.
  rewrite(
    /^const (evaluated\d+) = (validate\d+)\.evaluated;\nif\(\1\.dynamicProps\)\{\n\1\.props = undefined;\n\}\nif\(\1\.dynamicItems\)\{\n\1\.items = undefined;\n\}\n/gm,
    '',
    'no `evaluated` reset found to drop',
  );
  rewrite(
    /^validate\d+\.evaluated = \{"props":true,"dynamicProps":false,"dynamicItems":false\};\n/gm,
    '',
    'no static `evaluated` found to drop',
  );
  if (/evaluated/.test(out)) {
    fail(
      "the contract needs Ajv's `evaluated` bookkeeping (unevaluated*): shrinkBookkeeping would break it",
    );
  }
  // Only instancePath is read: parentData, rootData and dynamicAnchors serve keywords this
  // contract does not use ($dynamicRef, $data), which would name them elsewhere.
  rewrite(
    /\{instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors=\{\}\}=\{\}/g,
    '{instancePath=""}={}',
    'no validator signature found to shrink',
  );
  rewrite(
    /\{instancePath,parentData,parentDataProperty,rootData,dynamicAnchors\}/g,
    '{instancePath}',
    'no validator call found to shrink',
  );
  if (/parentData|rootData|dynamicAnchors/.test(out)) {
    fail(
      "the contract needs parentData, rootData or dynamicAnchors: the validators' signatures cannot shrink",
    );
  }
  // An operation's validator that only calls its $ref'd schema's returns that one's verdict and
  // errors array unchanged: the export names the inner validator instead.
  const wrappers =
    /^function (validate\d+)\(data, \{instancePath=""\}=\{\}\)\{\n\/\*# sourceURL="[^"]*" \*\/;\nlet vErrors = null;\nlet errors = 0;\nif\(!\((validate\d+)\(data, \{instancePath\}\)\)\)\{\nvErrors = vErrors === null \? \2\.errors : vErrors\.concat\(\2\.errors\);\nerrors = vErrors\.length;\n\}\n\1\.errors = vErrors;\nreturn errors === 0;\n\}\n/gm;
  for (const [whole, outer, inner] of [...out.matchAll(wrappers)]) {
    out = out.replace(whole, '');
    const exported = new RegExp(`^(export const \\w+ = )${outer};$`, 'm');
    if (!exported.test(out)) fail(`Ajv output changed shape: ${outer} is not exported`);
    out = out.replace(exported, `$1${inner};`);
    if (new RegExp(`\\b${outer}\\b`).test(out))
      fail(`${outer} is still called: not a plain wrapper`);
  }
  // An enum's values are read from the schema object, which would ship whole: they are written
  // out instead (the same JSON values), so the schema copy is dropped as unread.
  const schemas = Object.fromEntries(
    [...out.matchAll(/^const (schema\d+) = (.*);$/gm)].map(([, name, json]) => [
      name,
      JSON.parse(json),
    ]),
  );
  out = out.replace(/\b(schema\d+)((?:\.\w+)+)\b/g, (ref, name, path) => {
    const value = path
      .slice(1)
      .split('.')
      .reduce((node, key) => node?.[key], schemas[name]);
    if (value === undefined) fail(`${ref} does not resolve in the schema it names`);
    return JSON.stringify(value);
  });
  // One call per error instead of an object, a push and a count: the same object, pushed the
  // same way (see pushError in src/ajv-runtime.ts).
  rewrite(
    /^const (err\d+) = \{instancePath(?::(.+?))?,keyword:("\w+"),params:(\{.*\})\};\n\(vErrors \?\?= \[\]\)\.push\(\1\);\nerrors\+\+;$/gm,
    (_, _err, path, keyword, params) =>
      `vErrors = pushError(vErrors, ${path ?? 'instancePath'}, ${keyword}, ${params});\nerrors++;`,
    'no error push found to fold',
  );
  rewrite(
    /^const (err\d+) = \{\};\n\(vErrors \?\?= \[\]\)\.push\(\1\);$/gm,
    '(vErrors ??= []).push({});',
    'no `if` probe found to fold',
  );
  if (/^const err\d+ = /m.test(out)) fail('Ajv output changed shape: an error push was not folded');
  // The exported validators are called with the data alone (ValidateFunction in
  // src/ajv-runtime.ts): instancePath is always "", so its parameter and concatenations go.
  if (/\{instancePath\}/.test(out)) fail('a validator calls another: instancePath must stay');
  rewrite(/\(data, \{instancePath=""\}=\{\}\)/g, '(data)', 'no validator signature found');
  rewrite(/\binstancePath\+"/g, '"', 'no nested instancePath found');
  rewrite(
    /\bpushError\(vErrors, instancePath,/g,
    'pushError(vErrors, "",',
    'no top-level push found',
  );
  if (/instancePath/.test(out)) fail('Ajv output changed shape: instancePath is still read');
  // Ajv keeps a count beside the errors array, always its length (or 0 while it is null): with
  // the array made up front, the length is the count, and each push needs no increment.
  rewrite(
    /^let vErrors = null;\nlet errors = 0;$/gm,
    'const vErrors = [];',
    'no error state found',
  );
  rewrite(
    /^vErrors = pushError\(vErrors, (.*)\);\nerrors\+\+;$/gm,
    'pushError(vErrors, $1);',
    'no counted push found',
  );
  rewrite(
    /^\(vErrors \?\?= \[\]\)\.push\(\{\}\);\nerrors\+\+;$/gm,
    'vErrors.push({});',
    'no counted probe found',
  );
  rewrite(
    /^errors = (_errs\d+);\nif\(vErrors !== null\)\{\nif\(\1\)\{\nvErrors\.length = \1;\n\}\nelse \{\nvErrors = null;\n\}\n\}$/gm,
    'vErrors.length = $1;',
    'no error reset found',
  );
  rewrite(
    /^(validate\d+)\.errors = vErrors;$/gm,
    '$1.errors = vErrors[0] ? vErrors : null;',
    'no errors export found',
  );
  rewrite(/\berrors\b(?!\s*=[^=]|\+\+)/g, 'vErrors.length', 'no count read found');
  const assigned = /(?<!\.)\berrors\b|(?<!const )\bvErrors (?:=[^=]|\?\?=)/.exec(out);
  if (assigned)
    fail(`Ajv output changed shape: the error count or array is still assigned (${assigned[0]})`);
  return out;
}

/** Refuses any `$ref` that leaves the document, wherever it is: nothing else may read files. */
function refuseExternalRefs(node, where) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      refuseExternalRefs(n, `${where}/${i}`);
    });
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#/')) {
        fail(`$ref ${value} at ${where}: only ${REF_PREFIX}… references are bundled`);
      }
      refuseExternalRefs(value, `${where}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  }
}

export async function generate({ spec = specPath, out = outDir, dryRun = check } = {}) {
  const doc = parse(readFileSync(spec, 'utf8'));
  // Before openapi-typescript, which would follow the reference and read another file.
  refuseExternalRefs(doc, '#');

  const ast = await openapiTS(new URL(`file://${spec}`), { alphabetize: false });
  const types = BANNER + astToString(ast);

  // Security schemes → the client's auth modes.
  const schemes = {};
  for (const [name, scheme] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const mode = scheme['x-tianman-auth'];
    if (!AUTH_MODES.has(mode)) {
      fail(`security scheme ${name} needs x-tianman-auth: ${[...AUTH_MODES].join(' or ')}`);
    }
    schemes[name] = mode;
  }

  const messages = {};
  const ajv = new Ajv2020.default({
    code: { source: true, esm: true, lines: true },
    allErrors: true,
    messages: false,
    // Unknown keywords stop the generator; `required` inside if/then and keywords without a
    // `type` beside them are ordinary in this contract.
    strict: true,
    strictRequired: false,
    strictTypes: false,
    unicodeRegExp: true,
  });
  const defs = {};
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    defs[name] = prepare(schema, `#/components/schemas/${name}`, messages);
  }
  // Only the schemas some operation reaches are compiled: this one is a library of $defs.
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: defs });

  const operations = [];
  let tokenOperation;
  const methods = new Set();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters' && op?.length) fail(`parameters at ${path} are not supported`);
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const id = op.operationId;
      if (!/^[a-z][A-Za-z0-9]*$/.test(id ?? '')) fail(`${where} needs a camelCase operationId`);
      if (methods.has(id)) fail(`operationId ${id} is used twice`);
      methods.add(id);
      if (op.parameters?.length) {
        fail(`${id}: parameters (path, query, header) are not supported by the client yet`);
      }
      const body = op.requestBody;
      const contentTypes = Object.keys(body?.content ?? {});
      if (contentTypes.some((t) => t !== 'application/json')) {
        fail(`${id}: request body ${contentTypes.join(', ')}: only application/json is supported`);
      }
      const media = body?.content?.['application/json'];
      if (!media?.schema) fail(`${id}: a JSON request body schema is required`);
      if (!body.required) fail(`${id}: requestBody must be required: true`);
      const security = [
        ...new Set((op.security ?? doc.security ?? []).flatMap((req) => Object.keys(req))),
      ].map((name) => {
        if (!schemes[name]) fail(`${id}: unknown security scheme ${name}`);
        return schemes[name];
      });
      const entry = { id, method: method.toUpperCase(), path, security, op };
      if (op['x-tianman-token-endpoint'] === true) {
        if (tokenOperation) fail('two operations are marked x-tianman-token-endpoint');
        if (security.length) fail(`${id}: the token endpoint authenticates with its own body`);
        tokenOperation = entry;
      } else {
        if (!security.length) fail(`${id}: no security scheme: every operation is authenticated`);
        const declared = declaredProperties(doc, successSchema(doc, op));
        const clash = RESULT_FIELDS.filter((f) => declared.includes(f));
        if (clash.length) {
          fail(
            `${id}: the success body declares ${clash.join(', ')}, which the method's result adds itself`,
          );
        }
        operations.push(entry);
      }
      ajv.addSchema(
        { $id: `tianman:${id}`, ...prepare(media.schema, `${id} request body`, messages) },
        `tianman:${id}`,
      );
    }
  }
  if (!tokenOperation) fail('no operation is marked x-tianman-token-endpoint: true');

  const all = [...operations, tokenOperation];
  const validatorName = (id) => `validate${id[0].toUpperCase()}${id.slice(1)}`;
  let code;
  try {
    code = standaloneCode.default(
      ajv,
      Object.fromEntries(all.map(({ id }) => [validatorName(id), `tianman:${id}`])),
    );
  } catch (error) {
    fail(`Ajv cannot compile the contract: ${error.message}`);
  }
  const validatorsCode = shipValidators(code);
  const validators = `${BANNER}// Ajv ${JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.resolve('ajv'))), '../package.json'), 'utf8')).version} standalone code, JSON Schema 2020-12, allErrors.\n${validatorsCode}`;
  const validatorTypes = `${BANNER}
import type { ValidateFunction } from '../ajv-runtime.js';

${all.map(({ id }) => `/** Validates the request body of \`${id}\` (Ajv standalone code). */\nexport declare const ${validatorName(id)}: ValidateFunction;`).join('\n')}
`;

  const row = ({ id, method, path, security }) => `  ${id}: {
    method: ${JSON.stringify(method)},
    path: ${JSON.stringify(path)},
    security: ${JSON.stringify(security)},
    validate: ${validatorName(id)},
  },`;
  const operationsTs = `${BANNER}
import type { CallOptions } from '../call-options.js';
import type { OperationBody, OperationResult } from '../operation-types.js';
import { ${all.map(({ id }) => validatorName(id)).join(', ')} } from './validators.js';

/**
 * Every operation of the contract but the token endpoint, keyed by operationId: what the
 * client's one pipeline needs to send it. \`security\` lists the auth modes it accepts.
 */
export const operationTable = {
${operations.map(row).join('\n')}
} as const;

/** The token endpoint (auth plumbing: the client calls it itself in token mode). */
export const tokenOperation = {
  operationId: ${JSON.stringify(tokenOperation.id)},
  method: ${JSON.stringify(tokenOperation.method)},
  path: ${JSON.stringify(tokenOperation.path)},
  validate: ${validatorName(tokenOperation.id)},
} as const;

/** What each \`pattern\` of the contract allows, in words (its \`x-pattern-message\`). */
export const patternMessages: Readonly<Record<string, string>> = ${JSON.stringify(messages, null, 2)};

/**
 * What a failure of each keyword the validators can report says, from the error's params
 * (\`cut\` shortens a name the caller chose). Never the failing value.
 */
export const ruleMessages: Readonly<
  Record<string, (p: Record<string, string>, cut: (name: string) => string) => string>
> = ${ruleMessagesSource(validatorsCode)};

/** The operationIds of {@link operationTable}. */
export type OperationId = keyof typeof operationTable;

/** One method per operation of the contract, named by its operationId. */
export interface TianmanOperations {
${operations
  .map(
    ({ id, op }) => `${tsdoc([
      op.summary,
      op.description,
      "The body is validated against the contract (nothing is sent when it fails), serialized once and authenticated afresh for every attempt. Resolves with the success body plus `status`, `headers` and `attempts`; rejects with `ValidationError`, `AuthError`, `ApiError`, `NetworkError` or `TimeoutError`, or with the signal's reason when `signal` aborts.",
    ])}
  ${id}(body: OperationBody<'${id}'>, options?: CallOptions): Promise<OperationResult<'${id}'>>;`,
  )
  .join('\n')}
}
`;

  const files = {
    'openapi.ts': types,
    'validators.js': validators,
    'validators.d.ts': validatorTypes,
    'operations.ts': operationsTs,
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
    fail('run `pnpm generate` and commit the result (generated files are never edited by hand)');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await generate();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
