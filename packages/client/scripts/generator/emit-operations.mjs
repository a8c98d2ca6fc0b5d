// @ts-check
// operations.ts: the operation table (method, path, security, validator) the client's pipeline
// reads, the token endpoint, and the typed methods' signatures with the spec's summary and
// description as TSDoc.
import ts from 'typescript';

const f = ts.factory;

/**
 * @typedef {object} Operation
 * @property {string} id the operationId (camelCase, checked)
 * @property {string} method `POST`, …
 * @property {string} path
 * @property {string[]} security the client's auth modes
 * @property {string} validator its validator's export name
 * @property {string[]} doc the summary and description
 */

const CALL_DOC =
  "The body is validated against the contract (nothing is sent when it fails), serialized once and authenticated afresh for every attempt. Resolves with the success body plus `status`, `headers` and `attempts`; rejects with `ValidationError`, `AuthError`, `ApiError`, `NetworkError` or `TimeoutError`, or with the signal's reason when `signal` aborts.";

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
 */
const object = (fields) =>
  f.createObjectLiteralExpression(
    fields.map(([k, v]) => f.createPropertyAssignment(f.createIdentifier(k), v)),
    true,
  );

/**
 * @param {string} name
 * @param {ts.Expression} value
 * @param {string} doc
 */
const exportedConst = (name, value, doc) =>
  documented(
    f.createVariableStatement(
      [f.createModifier(ts.SyntaxKind.ExportKeyword)],
      f.createVariableDeclarationList(
        [
          f.createVariableDeclaration(
            name,
            undefined,
            undefined,
            f.createAsExpression(value, f.createTypeReferenceNode('const')),
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
 * operations.ts.
 * @param {Operation[]} operations every operation but the token endpoint
 * @param {Operation} token the token endpoint
 * @param {string} banner
 */
export function emitOperations(operations, token, banner) {
  const statements = [
    importNames(['CallOptions'], '../call-options.js', true),
    importNames(['OperationBody', 'OperationResult'], '../operation-types.js', true),
    importNames(
      [...operations, token].map((o) => o.validator),
      './validators.js',
      false,
    ),
    exportedConst(
      'operationTable',
      object(
        operations.map((op) => [
          op.id,
          object([
            ['method', str(op.method)],
            ['path', str(op.path)],
            ['security', f.createArrayLiteralExpression(op.security.map(str))],
            ['validate', f.createIdentifier(op.validator)],
          ]),
        ]),
      ),
      tsdoc([
        "Every operation of the contract but the token endpoint, keyed by operationId: what the client's one pipeline needs to send it. `security` lists the auth modes it accepts.",
      ]),
    ),
    exportedConst(
      'tokenOperation',
      object([
        ['operationId', str(token.id)],
        ['method', str(token.method)],
        ['path', str(token.path)],
        ['validate', f.createIdentifier(token.validator)],
      ]),
      tsdoc(['The token endpoint (auth plumbing: the client calls it itself in token mode).']),
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
      tsdoc(['The operationIds of {@link operationTable}.']),
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
              [
                f.createParameterDeclaration(
                  undefined,
                  undefined,
                  'body',
                  undefined,
                  ofOperation('OperationBody', op.id),
                ),
                f.createParameterDeclaration(
                  undefined,
                  undefined,
                  'options',
                  f.createToken(ts.SyntaxKind.QuestionToken),
                  f.createTypeReferenceNode('CallOptions'),
                ),
              ],
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
