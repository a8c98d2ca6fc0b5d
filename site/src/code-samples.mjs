// @ts-check
// The TypeScript example of every operation, made from the contract's own examples: the request
// body's first named example and the example values of its parameters, turned into a call of
// `client.<operationId>(…)` and of the same operation through `createTianmanApi`. The code is
// TypeScript's AST (`ts.factory`) printed by `ts.createPrinter()`; every value from the spec
// enters as a literal node (the client generator's `literal`), never as text.
//
// The operations are read by the client generator's own reader (`readOperations`), so an
// example takes the parameters the generated method takes: `(body, options?)` for a body alone,
// `(input, options?)` with `{ path, query, body }` when the operation has parameters,
// `(options?)` for neither. The token endpoint is no method (the client calls it itself in token
// mode): it gets the `createTianmanApi` example only.
import ts from 'typescript';
import { literal } from '../../packages/client/scripts/generator/js.mjs';
import { parsePointer, toPointer } from '../../packages/client/scripts/generator/pointer.mjs';
import { Problems } from '../../packages/client/scripts/generator/problems.mjs';
import { readOperations } from '../../packages/client/scripts/generator/read-operations.mjs';

const f = ts.factory;

/** The two roads an operation is called by, as the reference's sample tabs name them. */
export const ROADS = /** @type {const} */ ({
  client: 'client method',
  api: 'createTianmanApi',
});

/** @typedef {keyof typeof ROADS} Road */

/**
 * One example: the code of a call of one operation by one road.
 * @typedef {object} CodeSample
 * @property {string} operationId
 * @property {Road} road
 * @property {string} code TypeScript as printed from the AST (not yet formatted)
 */

/**
 * An example value the contract gives: a named example (`examples.<name>.value`) or `example`.
 * @typedef {object} SpecExample
 * @property {string | undefined} name
 * @property {string | undefined} summary
 * @property {unknown} value
 */

/** Why an example could not be made, naming the place in the contract and what to add. */
export class CodeSampleError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(
      `docs: cannot make the operations' examples:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.name = 'CodeSampleError';
    this.problems = problems;
  }
}

/**
 * The node at a pointer's segments in `doc`, or undefined.
 * @param {unknown} doc
 * @param {readonly string[]} segments
 * @returns {any}
 */
function at(doc, segments) {
  /** @type {any} */
  let node = doc;
  for (const s of segments) {
    node = node && typeof node === 'object' && Object.hasOwn(node, s) ? node[s] : undefined;
  }
  return node;
}

/**
 * A node with its local `$ref`s followed (an example, a schema); undefined when one does not
 * resolve inside the document.
 * @param {unknown} doc
 * @param {any} node
 * @returns {any}
 */
function followRefs(doc, node) {
  const seen = new Set();
  let n = node;
  while (n && typeof n === 'object' && typeof n.$ref === 'string') {
    if (seen.has(n.$ref) || !n.$ref.startsWith('#')) return undefined;
    seen.add(n.$ref);
    const segments = parsePointer(decodeURIComponent(n.$ref.slice(1)));
    n = segments ? at(doc, segments) : undefined;
  }
  return n;
}

/**
 * The example a media type or a parameter object gives: its first named example with a
 * `value`, else its `example`.
 * @param {unknown} doc
 * @param {any} node
 * @returns {SpecExample | undefined}
 */
export function exampleOf(doc, node) {
  for (const [name, raw] of Object.entries(node?.examples ?? {})) {
    const example = followRefs(doc, raw);
    if (example && typeof example === 'object' && Object.hasOwn(example, 'value')) {
      return {
        name,
        summary: typeof example.summary === 'string' ? example.summary : undefined,
        value: example.value,
      };
    }
  }
  if (node && typeof node === 'object' && Object.hasOwn(node, 'example')) {
    return { name: undefined, summary: undefined, value: node.example };
  }
  return undefined;
}

/**
 * The example value a schema gives: its first `examples` item, `example`, `default`, `const`
 * or first `enum` value.
 * @param {unknown} doc
 * @param {unknown} raw
 * @returns {{ value: unknown } | undefined}
 */
function schemaExample(doc, raw) {
  const schema = followRefs(doc, raw);
  if (!schema || typeof schema !== 'object') return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length)
    return { value: schema.examples[0] };
  for (const key of ['example', 'default', 'const']) {
    if (Object.hasOwn(schema, key)) return { value: schema[key] };
  }
  if (Array.isArray(schema.enum) && schema.enum.length) return { value: schema.enum[0] };
  return undefined;
}

/** @param {string} s */
const text = (s) => f.createStringLiteral(s, true);

/**
 * `const name = init;`, or `const { a, b } = init;` for a list of names.
 * @param {string | string[]} name
 * @param {ts.Expression} init
 */
function constant(name, init) {
  const binding = Array.isArray(name)
    ? f.createObjectBindingPattern(
        name.map((n) => f.createBindingElement(undefined, undefined, n, undefined)),
      )
    : name;
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(binding, undefined, undefined, init)],
      ts.NodeFlags.Const,
    ),
  );
}

/**
 * `import { names } from 'from';`
 * @param {string[]} names
 * @param {string} from
 */
const importNames = (names, from) =>
  f.createImportDeclaration(
    undefined,
    f.createImportClause(
      false,
      undefined,
      f.createNamedImports(
        names.map((n) => f.createImportSpecifier(false, undefined, f.createIdentifier(n))),
      ),
    ),
    text(from),
  );

/**
 * @param {ts.Expression} callee
 * @param {ts.Expression[]} args
 */
const call = (callee, args) => f.createCallExpression(callee, undefined, args);

/**
 * @param {string} object
 * @param {string} name
 */
const member = (object, name) => f.createPropertyAccessExpression(f.createIdentifier(object), name);

/**
 * An object literal of the given fields, on one line: the formatter breaks it where it is too
 * long (an object printed over several lines would stay so).
 * @param {Array<[string, ts.Expression]>} fields
 */
const object = (fields) =>
  f.createObjectLiteralExpression(
    fields.map(([k, v]) => f.createPropertyAssignment(f.createIdentifier(k), v)),
    false,
  );

/**
 * A statement with `// text` lines above it.
 * @template {ts.Statement} T
 * @param {T} statement
 * @param {string[]} lines
 */
function commented(statement, lines) {
  for (const line of lines) {
    ts.addSyntheticLeadingComment(
      statement,
      ts.SyntaxKind.SingleLineCommentTrivia,
      ` ${line.replaceAll(/[\r\n\u2028\u2029]+/g, ' ')}`,
      true,
    );
  }
  return statement;
}

/**
 * Prints paragraphs of statements, a blank line between paragraphs.
 * @param {ts.Statement[][]} paragraphs
 */
function print(paragraphs) {
  const file = ts.createSourceFile(
    'example.ts',
    '',
    ts.ScriptTarget.ES2022,
    false,
    ts.ScriptKind.TS,
  );
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return `${paragraphs
    .map((statements) =>
      printer.printList(ts.ListFormat.MultiLine, f.createNodeArray(statements), file).trimEnd(),
    )
    .join('\n\n')}\n`;
}

/**
 * What an operation's call carries: its parameters' example values by place, and its body's
 * example.
 * @typedef {object} CallValues
 * @property {Record<'path' | 'query', Array<[string, unknown]>>} parameters
 * @property {SpecExample | undefined} body
 */

/**
 * @param {Record<string, any>} doc
 * @param {import('../../packages/client/scripts/generator/read-operations.mjs').ReadOperation} op
 * @param {string[]} problems
 * @returns {CallValues}
 */
function callValues(doc, op, problems) {
  /** @type {CallValues['parameters']} */
  const parameters = { path: [], query: [] };
  for (const p of op.parameters) {
    const parameterAt = p.schema.slice(0, -1);
    const value = exampleOf(doc, at(doc, parameterAt)) ?? schemaExample(doc, at(doc, p.schema));
    if (value) parameters[p.in].push([p.name, value.value]);
    else if (p.required) {
      problems.push(
        `${op.id}: the required ${p.in} parameter ${p.name} (at ${toPointer(parameterAt)}) has no example: give it an \`example\` (or its schema \`examples\`)`,
      );
    }
  }
  /** @type {SpecExample | undefined} */
  let body;
  if (op.bodySchema) {
    const mediaAt = op.bodySchema.slice(0, -1);
    body = exampleOf(doc, at(doc, mediaAt));
    if (!body) {
      problems.push(
        `${op.id}: the request body (at ${toPointer(mediaAt)}) has no example: add a named example under \`examples\``,
      );
    }
  }
  return { parameters, body };
}

/**
 * `{ path: {…}, query: {…} }` of the places that have values.
 * @param {CallValues['parameters']} parameters
 * @returns {Array<[string, ts.Expression]>}
 */
function parameterFields(parameters) {
  /** @type {Array<[string, ts.Expression]>} */
  const fields = [];
  for (const place of /** @type {const} */ (['path', 'query'])) {
    const values = parameters[place];
    if (values.length) fields.push([place, object(values.map(([n, v]) => [n, literal(v)]))]);
  }
  return fields;
}

/**
 * The comment naming the contract's example a call sends, in short lines (the reference shows
 * the code in a narrow panel).
 * @param {SpecExample | undefined} body
 */
const exampleLine = (body) =>
  body?.name === undefined
    ? []
    : [
        `The contract's example "${body.name}"${body.summary ? ':' : '.'}`,
        ...(body.summary ? [body.summary] : []),
      ];

/**
 * The client-method example of an operation.
 * @param {import('../../packages/client/scripts/generator/read-operations.mjs').ReadOperation} op
 * @param {CallValues} values
 * @param {string} environment
 */
function clientSample(op, values, environment) {
  const body = values.body ? literal(values.body.value) : undefined;
  /** @type {ts.Expression[]} */
  let args;
  if (op.parameters.length) {
    const fields = parameterFields(values.parameters);
    if (body) fields.push(['body', body]);
    args = [object(fields)];
  } else args = body ? [body] : [];
  return print([
    [importNames(['createTianmanClient'], '@tianman/client')],
    [
      commented(
        constant(
          'client',
          call(f.createIdentifier('createTianmanClient'), [
            object([['environment', text(environment)]]),
          ]),
        ),
        ['appId and appKey: from TIANMAN_APP_ID and TIANMAN_APP_KEY.'],
      ),
    ],
    [
      commented(
        constant('result', f.createAwaitExpression(call(member('client', op.id), args))),
        exampleLine(values.body),
      ),
      f.createExpressionStatement(call(member('console', 'log'), [f.createIdentifier('result')])),
    ],
  ]);
}

/**
 * The `createTianmanApi` (openapi-fetch) example of an operation.
 * @param {import('../../packages/client/scripts/generator/read-operations.mjs').ReadOperation} op
 * @param {CallValues} values
 * @param {string} environment
 */
function apiSample(op, values, environment) {
  /** @type {Array<[string, ts.Expression]>} */
  const init = [];
  const params = parameterFields(values.parameters);
  if (params.length) init.push(['params', object(params)]);
  if (values.body) init.push(['body', literal(values.body.value)]);
  return print([
    [
      importNames(['createTianmanClient'], '@tianman/client'),
      importNames(['createTianmanApi'], '@tianman/client/api'),
    ],
    [
      commented(
        constant(
          'api',
          call(f.createIdentifier('createTianmanApi'), [
            call(f.createIdentifier('createTianmanClient'), [
              object([['environment', text(environment)]]),
            ]),
          ]),
        ),
        ['appId and appKey: from TIANMAN_APP_ID and TIANMAN_APP_KEY.'],
      ),
    ],
    [
      commented(
        constant(
          ['data', 'error'],
          f.createAwaitExpression(
            call(member('api', op.method), [text(op.path), ...(init.length ? [object(init)] : [])]),
          ),
        ),
        exampleLine(values.body),
      ),
      f.createExpressionStatement(
        call(member('console', 'log'), [
          f.createBinaryExpression(
            f.createIdentifier('data'),
            ts.SyntaxKind.QuestionQuestionToken,
            f.createIdentifier('error'),
          ),
        ]),
      ),
    ],
  ]);
}

/**
 * The environment the examples call: the contract's `test` server when it names one (a first
 * call belongs there, not in production), else its first environment.
 * @param {Record<string, any>} doc
 */
function exampleEnvironment(doc) {
  const names = (Array.isArray(doc.servers) ? doc.servers : [])
    .map((s) => s?.['x-tianman-environment'])
    .filter((n) => typeof n === 'string');
  return names.includes('test') ? 'test' : (names[0] ?? 'test');
}

/**
 * The examples of every operation of the contract, in the contract's order.
 * @param {Record<string, any>} doc the parsed contract
 * @returns {CodeSample[]}
 * @throws {CodeSampleError} when an operation's body or required parameter has no example
 */
export function codeSamples(doc) {
  const problems = new Problems();
  const operations = readOperations(doc, problems);
  problems.throwIfAny();
  const environment = exampleEnvironment(doc);
  /** @type {string[]} */
  const missing = [];
  /** @type {CodeSample[]} */
  const samples = [];
  for (const op of operations) {
    const values = callValues(doc, op, missing);
    if (!op.token) {
      samples.push({
        operationId: op.id,
        road: 'client',
        code: clientSample(op, values, environment),
      });
    }
    samples.push({ operationId: op.id, road: 'api', code: apiSample(op, values, environment) });
  }
  if (missing.length) throw new CodeSampleError(missing);
  return samples;
}
