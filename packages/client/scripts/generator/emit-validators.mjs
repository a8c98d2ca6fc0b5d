// @ts-check
// validators.js and validators.d.ts: one exported validator per operation, compiled from its
// request-body schema, with the runtime helpers it calls imported from src/schema-runtime/.
import ts from 'typescript';
import { SchemaCompiler } from './compile-schema.mjs';
import * as js from './js.mjs';

const f = ts.factory;

/**
 * @typedef {object} ValidatorSource
 * @property {string} operationId
 * @property {string} name the export (`validateSyncPayScoreOrder`)
 * @property {import('./resolve-refs.mjs').Entry} schema the request body's schema
 */

/**
 * The validators module and its declarations.
 * @param {import('./resolve-refs.mjs').SchemaIndex} index
 * @param {ValidatorSource[]} validators
 * @param {string} banner
 * @returns {{ code: string, types: string }}
 */
export function emitValidators(index, validators, banner) {
  const compiler = new SchemaCompiler(index);
  const exported = validators.map(({ operationId, name, schema }) => {
    const fn = compiler.functionFor(schema, 'check', false);
    const declaration = js.func(
      name,
      ['data'],
      [js.ret(js.call(fn, [js.id('data'), js.str(''), js.NULL]))],
      true,
    );
    return ts.addSyntheticLeadingComment(
      declaration,
      ts.SyntaxKind.MultiLineCommentTrivia,
      `* The issues of a request body of \`${operationId}\`, or null when it is valid. `,
      true,
    );
  });
  compiler.drain();

  /** @type {Map<string, string[]>} */
  const byModule = new Map();
  for (const [name, module] of compiler.helpers) {
    byModule.set(module, [...(byModule.get(module) ?? []), name]);
  }
  const imports = [...byModule]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([module, names]) => js.importNamed(names.sort(), `../schema-runtime/${module}.js`));

  const code = js.print(
    [...imports, ...compiler.constants, ...compiler.functions, ...exported],
    'validators.js',
  );

  const declarations = [
    f.createImportDeclaration(
      undefined,
      f.createImportClause(
        true,
        undefined,
        f.createNamedImports([
          f.createImportSpecifier(false, undefined, f.createIdentifier('BodyValidator')),
        ]),
      ),
      f.createStringLiteral('../validation-issue.js'),
    ),
    ...validators.map(({ operationId, name }) =>
      ts.addSyntheticLeadingComment(
        f.createVariableStatement(
          [
            f.createModifier(ts.SyntaxKind.ExportKeyword),
            f.createModifier(ts.SyntaxKind.DeclareKeyword),
          ],
          f.createVariableDeclarationList(
            [
              f.createVariableDeclaration(
                name,
                undefined,
                f.createTypeReferenceNode('BodyValidator'),
              ),
            ],
            ts.NodeFlags.Const,
          ),
        ),
        ts.SyntaxKind.MultiLineCommentTrivia,
        `* Validates a request body of \`${operationId}\` against the contract: every issue, or null. `,
        true,
      ),
    ),
  ];
  const file = ts.createSourceFile(
    'validators.d.ts',
    '',
    ts.ScriptTarget.ES2022,
    false,
    ts.ScriptKind.TS,
  );
  const types = ts
    .createPrinter({ newLine: ts.NewLineKind.LineFeed })
    .printList(ts.ListFormat.MultiLine, f.createNodeArray(declarations), file);
  return { code: banner + code, types: banner + types };
}
