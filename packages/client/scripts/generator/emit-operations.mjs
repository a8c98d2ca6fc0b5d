// @ts-check
// operations.ts: the environments (the servers), the operation table (method, path, security,
// parameters, validators) the client's road reads, the token endpoint, and the typed methods'
// signatures with the spec's summary and description as TSDoc.
import ts from 'typescript';

const f = ts.factory;

/**
 * @typedef {object} Operation
 * @property {string} id the operationId (camelCase, checked)
 * @property {string} method `POST`, …
 * @property {string} path
 * @property {string[]} security the client's auth modes
 * @property {string | undefined} validator its body validator's export name; none without a body
 * @property {string | undefined} parametersValidator its parameters validator's export name
 * @property {import('./read-operations.mjs').ReadParameter[]} parameters
 * @property {boolean} idempotent
 * @property {boolean} emptySuccess
 * @property {string[]} doc the summary and description
 */

const CALL_DOC =
  "The request is validated against the contract (nothing is sent when it fails), serialized once and authenticated afresh for every attempt. Resolves with the success body plus `status`, `headers` and `attempts`; rejects with `ValidationError`, `AuthError`, `ApiError`, `NetworkError` or `TimeoutError`, or with the signal's reason when `signal` aborts.";

/**
 * The operation table's row of an operation: what the client's road needs to send it. Fields
 * that would say nothing (no parameters, not idempotent) are left out.
 * @param {Operation} op
 * @param {boolean} token
 */
function row(op, token) {
  /** @type {Array<[string, ts.Expression]>} */
  const fields = [
    ['method', str(op.method)],
    ['path', str(op.path)],
  ];
  if (!token) fields.push(['security', f.createArrayLiteralExpression(op.security.map(str))]);
  fields.push(['validate', op.validator ? f.createIdentifier(op.validator) : f.createNull()]);
  if (op.parameters.length && op.parametersValidator) {
    fields.push([
      'parameters',
      f.createArrayLiteralExpression(
        op.parameters.map((p) =>
          object(
            [
              ['name', str(p.name)],
              ['in', str(p.in)],
              ['type', str(p.type)],
              ...(p.items
                ? /** @type {Array<[string, ts.Expression]>} */ ([['items', str(p.items)]])
                : []),
            ],
            false,
          ),
        ),
        true,
      ),
    ]);
    fields.push(['validateParameters', f.createIdentifier(op.parametersValidator)]);
  }
  if (op.idempotent) fields.push(['idempotent', f.createTrue()]);
  if (op.emptySuccess) fields.push(['emptySuccess', f.createTrue()]);
  return object(fields);
}

/**
 * The parameters of an operation's method: `(body, options?)` for a body alone, `(input,
 * options?)` with `{ path, query, body }` when it has parameters, `(options?)` for neither.
 * @param {Operation} op
 */
function methodParameters(op) {
  const options = f.createParameterDeclaration(
    undefined,
    undefined,
    'options',
    f.createToken(ts.SyntaxKind.QuestionToken),
    f.createTypeReferenceNode('CallOptions'),
  );
  if (op.parameters.length) {
    return [
      f.createParameterDeclaration(
        undefined,
        undefined,
        'input',
        undefined,
        ofOperation('OperationInput', op.id),
      ),
      options,
    ];
  }
  if (op.validator) {
    return [
      f.createParameterDeclaration(
        undefined,
        undefined,
        'body',
        undefined,
        ofOperation('OperationBody', op.id),
      ),
      options,
    ];
  }
  return [options];
}

/**
 * The text of a `/** … *\/` comment, for the printer (which indents it): the spec's words, a
 * `*\/` in them escaped so the comment cannot end early.
 * @param {string[]} paragraphs
 */
function tsdoc(paragraphs) {
  const lines = paragraphs
    .filter(Boolean)
    .map((p) => p.trim())
    .join('\n\n')
    .replaceAll('*/', '*\\/')
    .split('\n');
  return `*\n${lines.map((l) => ` *${l ? ` ${l}` : ''}`).join('\n')}\n `;
}

/**
 * @template {ts.Node} T
 * @param {T} node
 * @param {string} text
 */
const documented = (node, text) =>
  ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, text, true);

/** @param {string} s */
const str = (s) => f.createStringLiteral(s);

/**
 * @param {Array<[string, ts.Expression]>} fields
 * @param {boolean} [multiLine]
 */
const object = (fields, multiLine = true) =>
  f.createObjectLiteralExpression(
    fields.map(([k, v]) => f.createPropertyAssignment(f.createIdentifier(k), v)),
    multiLine,
  );

/**
 * @param {string} name
 * @param {ts.Expression} value
 * @param {string} doc
 * @param {boolean} [asConst]
 */
const exportedConst = (name, value, doc, asConst = true) =>
  documented(
    f.createVariableStatement(
      [f.createModifier(ts.SyntaxKind.ExportKeyword)],
      f.createVariableDeclarationList(
        [
          f.createVariableDeclaration(
            name,
            undefined,
            undefined,
            asConst ? f.createAsExpression(value, f.createTypeReferenceNode('const')) : value,
          ),
        ],
        ts.NodeFlags.Const,
      ),
    ),
    doc,
  );

/**
 * @param {string[]} names
 * @param {string} from
 * @param {boolean} typeOnly
 */
const importNames = (names, from, typeOnly) =>
  f.createImportDeclaration(
    undefined,
    f.createImportClause(
      typeOnly,
      undefined,
      f.createNamedImports(
        names.map((n) => f.createImportSpecifier(false, undefined, f.createIdentifier(n))),
      ),
    ),
    str(from),
  );

/**
 * @param {string} id
 * @param {string} type
 */
const ofOperation = (type, id) =>
  f.createTypeReferenceNode(type, [f.createLiteralTypeNode(str(id))]);

/**
 * The fields of an object literal, as `[name, value]` pairs.
 * @param {ts.ObjectLiteralExpression} literal
 * @returns {Array<[string, ts.Expression]>}
 */
const rowFields = (literal) =>
  literal.properties.map((p) => {
    const assignment = /** @type {ts.PropertyAssignment} */ (p);
    return [/** @type {ts.Identifier} */ (assignment.name).text, assignment.initializer];
  });

/**
 * operations.ts.
 * @param {Operation[]} operations every operation but the token endpoint
 * @param {Operation} token the token endpoint
 * @param {Array<[string, string]>} environments name → base URL, from the servers
 * @param {string} banner
 */
export function emitOperations(operations, token, environments, banner) {
  const statements = [
    importNames(['CallOptions'], '../call-options.js', true),
    importNames(
      [
        ...(operations.some((op) => !op.parameters.length && op.validator)
          ? ['OperationBody']
          : []),
        ...(operations.some((op) => op.parameters.length) ? ['OperationInput'] : []),
        'OperationResult',
      ],
      '../operation-types.js',
      true,
    ),
    importNames(
      [...operations, token]
        .flatMap((o) => [o.validator, o.parametersValidator])
        .filter(/** @returns {v is string} */ (v) => typeof v === 'string'),
      './validators.js',
      false,
    ),
    exportedConst(
      'environments',
      object(environments.map(([name, url]) => [name, str(url)])),
      tsdoc([
        "Base URL of each environment: the contract's `servers`, named by their `x-tianman-environment`.",
      ]),
    ),
    exportedConst(
      'operationTable',
      object(operations.map((op) => [op.id, row(op, false)])),
      tsdoc([
        "Every operation of the contract but the token endpoint, keyed by operationId: what the client's one pipeline needs to send it. `security` lists the auth modes it accepts.",
      ]),
    ),
    exportedConst(
      'tokenOperation',
      object([
        ['operationId', str(token.id)],
        ...rowFields(row(token, true)).filter(([name]) => name !== 'validate'),
      ]),
      tsdoc([
        'The token endpoint (auth plumbing: the client calls it itself in token mode, with a body the signer makes).',
      ]),
    ),
    exportedConst(
      'tokenRequestValidator',
      f.createIdentifier(/** @type {string} */ (token.validator)),
      tsdoc([
        "The validator of the token endpoint's request body: for a caller who sends one through the api (`createTianmanApi`); the client's own token requests are made valid by the signer.",
      ]),
      false,
    ),
    documented(
      f.createTypeAliasDeclaration(
        [f.createModifier(ts.SyntaxKind.ExportKeyword)],
        'OperationId',
        undefined,
        f.createTypeOperatorNode(
          ts.SyntaxKind.KeyOfKeyword,
          f.createTypeQueryNode(f.createIdentifier('operationTable')),
        ),
      ),
      tsdoc(['The operationIds of the spec: one method of the client each.']),
    ),
    documented(
      f.createInterfaceDeclaration(
        [f.createModifier(ts.SyntaxKind.ExportKeyword)],
        'TianmanOperations',
        undefined,
        undefined,
        operations.map((op) =>
          documented(
            f.createMethodSignature(
              undefined,
              op.id,
              undefined,
              undefined,
              methodParameters(op),
              f.createTypeReferenceNode('Promise', [ofOperation('OperationResult', op.id)]),
            ),
            tsdoc([...op.doc, CALL_DOC]),
          ),
        ),
      ),
      tsdoc(['One method per operation of the contract, named by its operationId.']),
    ),
  ];
  const file = ts.createSourceFile(
    'operations.ts',
    '',
    ts.ScriptTarget.ES2022,
    false,
    ts.ScriptKind.TS,
  );
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return banner + printer.printList(ts.ListFormat.MultiLine, f.createNodeArray(statements), file);
}
