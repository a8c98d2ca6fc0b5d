import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// @ts-expect-error: a plain .mjs script, no declaration file
import { generate } from '../scripts/generate.mjs';
import type { BodyValidator } from '../src/validation-issue.js';

// The official JSON Schema Test Suite (draft 2020-12, vendored in fixtures/), run through the
// real generator: each case's schema becomes the request body of one operation of an OpenAPI 3.1
// document, `generate()` compiles every operation, and each test of the case is checked with
// the generated validator. A case is either compiled, or refused by the generator with a message
// naming the keyword and where it stands. Two edits are made to a case's schema, neither
// changing what it means:
// - a case without `$id` gets one (a URI of its own), so that its `#`-relative references
//   resolve inside it as the case intends, not against the OpenAPI document it is embedded in;
// - every `pattern` gets an `x-pattern-message` (the generator refuses a pattern whose failure
//   it cannot put in words; the words change no verdict).
// The core `format.json` tests that a format is "only an annotation by default"; the client
// asserts the formats it knows (what `optional/format/` tests), so those tests are reported as
// not applicable, not as agreements.

const clientDir = fileURLToPath(new URL('../', import.meta.url));
const suiteDir = fileURLToPath(
  new URL('./fixtures/json-schema-test-suite/tests/draft2020-12/', import.meta.url),
);
const ANNOTATION_ONLY = 'only an annotation by default';

interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}
interface SuiteCase {
  description: string;
  schema: unknown;
  tests: SuiteTest[];
}

/** What happened to one case. */
export interface CaseResult {
  file: string;
  description: string;
  tests: number;
  agreed: number;
  /** Tests the suite's assumptions make inapplicable (asserted formats), with why. */
  notApplicable: number;
  /** Tests where the validator disagreed with the suite, or threw. */
  disagreements: string[];
  /** The generator's refusal, with the case's place written `#`, if it refused the case. */
  refused?: string;
  /** The keyword it refused. */
  refusedKeyword?: string;
}

/** The outcome of the whole run. */
export interface SuiteResult {
  cases: CaseResult[];
  /** Errors that are not the generator's own refusal of a case. */
  crashes: string[];
  /** How many times the generator ran. */
  generatorRuns: number;
}

/** Every test file of the suite, relative to the draft directory, sorted. */
function suiteFiles(): string[] {
  return readdirSync(suiteDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => relative(suiteDir, join(entry.parentPath, entry.name)))
    .sort();
}

// The keywords whose value is a schema, an array of schemas or a map of schemas: where the
// harness looks for `pattern` (values of `const`, `enum`, `examples`… are data, left alone).
const ONE = [
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'items',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
const MANY = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];

/** A copy of `schema` in which every `pattern` has an `x-pattern-message`. */
function withPatternMessages(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    let copy = value;
    if (ONE.includes(key)) copy = withPatternMessages(value);
    else if (MANY.includes(key) && Array.isArray(value)) copy = value.map(withPatternMessages);
    else if (MAP.includes(key) && value && typeof value === 'object') {
      copy = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, withPatternMessages(sub)]),
      );
    }
    Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true });
  }
  if (typeof out.pattern === 'string' && out['x-pattern-message'] === undefined) {
    out['x-pattern-message'] = `text matching ${out.pattern}`;
  }
  return out;
}

/** The case's schema as the harness embeds it (see the top of this file). */
function embedded(file: string, index: number, schema: unknown): unknown {
  const copy = withPatternMessages(schema);
  if (copy && typeof copy === 'object' && !Array.isArray(copy) && !('$id' in copy)) {
    return { $id: `https://tianman.test/json-schema-test-suite/${file}/${index}`, ...copy };
  }
  return copy;
}

/** Where the body schema of case `n` stands in the document, as a JSON Pointer. */
const placeOf = (n: number) =>
  `#/paths/~1case~1${n}/post/requestBody/content/application~1json/schema`;

/** An OpenAPI 3.1 document with one operation per case (and the token endpoint it needs). */
function documentOf(schemas: Map<number, unknown>): unknown {
  const paths: Record<string, unknown> = {
    '/token': {
      post: {
        operationId: 'token',
        'x-tianman-token-endpoint': true,
        security: [],
        requestBody: { required: true, content: { 'application/json': { schema: {} } } },
        responses: { '200': { description: 'token' } },
      },
    },
  };
  for (const [n, schema] of schemas) {
    paths[`/case/${n}`] = {
      post: {
        operationId: `case${n}`,
        security: [{ Sig: [] }],
        requestBody: { required: true, content: { 'application/json': { schema } } },
        responses: { '200': { description: 'ok' } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'JSON Schema Test Suite, draft 2020-12', version: '1' },
    paths,
    components: {
      securitySchemes: {
        Sig: { type: 'apiKey', in: 'header', name: 'Authorization', 'x-tianman-auth': 'signature' },
      },
    },
  };
}

interface Refusal {
  at: string;
  message: string;
  keyword?: string;
}

/**
 * Generates validators for `schemas` (case number → schema). Cases the generator refuses are
 * taken out, with their reason, and the rest generated again. Returns the validators' module.
 */
async function generateCases(
  schemas: Map<number, unknown>,
  refused: Map<number, { message: string; keyword: string }>,
  crashes: string[],
): Promise<{ module: Record<string, BodyValidator>; runs: number }> {
  const dir = mkdtempSync(join(clientDir, '.fixture-suite-'));
  try {
    // The generated module imports its helpers from ../schema-runtime/.
    cpSync(join(clientDir, 'src/schema-runtime'), join(dir, 'schema-runtime'), { recursive: true });
    const pending = new Map(schemas);
    for (let run = 1; ; run++) {
      const spec = join(dir, `suite-${run}.json`);
      writeFileSync(spec, JSON.stringify(documentOf(pending)));
      const out = join(dir, `generated-${run}`);
      try {
        await generate({ spec, out, dryRun: false });
        const module = await import(pathToFileURL(join(out, 'validators.js')).href);
        return { module, runs: run };
      } catch (error) {
        const problems = (error as { problems?: Refusal[] }).problems;
        if (!problems) {
          crashes.push(`generate: ${(error as Error).stack ?? String(error)}`);
          return { module: {}, runs: run };
        }
        let progress = false;
        for (const problem of problems) {
          const n = [...schemas.keys()].find(
            (k) => problem.at === placeOf(k) || problem.at.startsWith(`${placeOf(k)}/`),
          );
          if (n === undefined) {
            crashes.push(`a refusal of no case: ${problem.message}`);
            continue;
          }
          if (!refused.has(n)) {
            refused.set(n, {
              message: problem.message.replaceAll(placeOf(n), '#'),
              keyword: problem.keyword ?? '',
            });
          }
          pending.delete(n);
          progress = true;
        }
        if (!progress) return { module: {}, runs: run };
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every case of the suite. */
export async function runSuite(): Promise<SuiteResult> {
  const cases: Array<SuiteCase & { file: string }> = [];
  for (const file of suiteFiles()) {
    const list = JSON.parse(readFileSync(join(suiteDir, file), 'utf8')) as SuiteCase[];
    for (const c of list) cases.push({ ...c, file });
  }
  const schemas = new Map(cases.map((c, n) => [n, embedded(c.file, n, c.schema)]));
  const refused = new Map<number, { message: string; keyword: string }>();
  const crashes: string[] = [];
  const { module, runs } = await generateCases(schemas, refused, crashes);

  const results = cases.map((c, n): CaseResult => {
    const result: CaseResult = {
      file: c.file,
      description: c.description,
      tests: c.tests.length,
      agreed: 0,
      notApplicable: 0,
      disagreements: [],
    };
    const reason = refused.get(n);
    if (reason) return { ...result, refused: reason.message, refusedKeyword: reason.keyword };
    const validate = module[`validateCase${n}`];
    if (!validate) {
      result.disagreements.push('no validator was generated');
      return result;
    }
    for (const t of c.tests) {
      let verdict: boolean;
      try {
        const issues = validate(t.data);
        verdict = issues === null;
        if (
          issues !== null &&
          (!issues.length ||
            !issues.every(
              (i) =>
                typeof i.path === 'string' &&
                typeof i.rule === 'string' &&
                i.message.startsWith(`${i.path || 'body'} `),
            ))
        ) {
          result.disagreements.push(`${t.description}: malformed issues ${JSON.stringify(issues)}`);
          continue;
        }
      } catch (error) {
        crashes.push(
          `${c.file} "${c.description}" / "${t.description}": ${(error as Error).stack}`,
        );
        result.disagreements.push(`${t.description}: threw`);
        continue;
      }
      if (verdict === t.valid) result.agreed++;
      else if (c.file === 'format.json' && t.description.includes(ANNOTATION_ONLY)) {
        result.notApplicable++;
      } else {
        result.disagreements.push(
          `${t.description}: the suite says ${t.valid ? 'valid' : 'invalid'}, the validator ${verdict ? 'valid' : 'invalid'}`,
        );
      }
    }
    return result;
  });
  return { cases: results, crashes, generatorRuns: runs };
}

/** A markdown table cell: pipes escaped, one line. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * The run as markdown: per file, the tests the generated validators agree on, the tests not
 * applicable, and the cases refused; then each refused case with the generator's reason.
 */
export function suiteTable(result: SuiteResult): string {
  const files = new Map<string, CaseResult[]>();
  for (const c of result.cases) files.set(c.file, [...(files.get(c.file) ?? []), c]);
  const sum = (cases: CaseResult[], f: (c: CaseResult) => number) =>
    cases.reduce((n, c) => n + f(c), 0);
  const all = result.cases;
  const lines = [
    '| file | cases | tests | agreed | not applicable | cases refused |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[...files].map(
      ([file, cases]) =>
        `| ${file} | ${cases.length} | ${sum(cases, (c) => c.tests)} | ${sum(cases, (c) => c.agreed)} | ${sum(cases, (c) => c.notApplicable)} | ${cases.filter((c) => c.refused).length} |`,
    ),
    `| **all** | **${all.length}** | **${sum(all, (c) => c.tests)}** | **${sum(all, (c) => c.agreed)}** | **${sum(all, (c) => c.notApplicable)}** | **${all.filter((c) => c.refused).length}** |`,
    '',
    'Not applicable: the core `format.json` tests that a format is “only an annotation by default”; the client asserts the formats it knows, as `optional/format/` expects.',
    '',
    'Refused cases, with the generator’s reason (`#` is the case’s schema):',
    '',
    '| file | case | reason |',
    '| --- | --- | --- |',
    ...all
      .filter((c) => c.refused)
      .map((c) => `| ${c.file} | ${cell(c.description.trim())} | ${cell(c.refused ?? '')} |`),
  ];
  return lines.join('\n');
}
