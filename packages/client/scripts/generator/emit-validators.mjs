// @ts-check
// validators.js and validators.d.ts: one exported validator per operation, compiled from its
// request-body schema, with the runtime helpers it calls imported from src/schema-runtime/.
import ts from 'typescript';
import { SchemaCompiler } from './compile-schema.mjs';
import * as js from './js.mjs';
import { pathSegment } from './pointer.mjs';

const f = ts.factory;

/**
 * @typedef {object} ParameterSource
 * @property {string} name
 * @property {'path' | 'query'} in
 * @property {boolean} required
 * @property {import('./resolve-refs.mjs').Entry} schema
 */

/**
 * @typedef {object} ValidatorSource
 * @property {string} operationId
 * @property {string} name the export (`validateSyncPayScoreOrder`)
 * @property {import('./resolve-refs.mjs').Entry} [schema] the request body's schema, if any
 * @property {string} [parametersName] the parameters' validator export, if any
 * @property {ParameterSource[]} [parameters]
 */

/**
 * The validator of an operation's path and query parameters, `(path, query) → issues | null`:
 * each declared parameter checked against its schema where it is given (`/path/<name>`,
 * `/query/<name>`), a required one refused where it is not, and a name the operation does not
 * declare refused.
 * @param {SchemaCompiler} compiler
 * @param {string} operationId
 * @param {string} name
 * @param {ParameterSource[]} parameters
 */
function parametersValidator(compiler, operationId, name, parameters) {
  /** @type {import('typescript').Statement[]} */
  const body = [js.declare('let', 'e', js.NULL)];
  const issue = (
    /** @type {import('typescript').Expression} */ path,
    /** @type {string} */ rule,
    /** @type {string} */ message,
  ) =>
    js.assign(
      'e',
      js.call(compiler.helper('issue'), [js.id('e'), path, js.str(rule), js.str(message)]),
    );
  for (const place of /** @type {const} */ (['path', 'query'])) {
    const declared = parameters.filter((p) => p.in === place);
    const object = js.id(place);
    for (const p of declared) {
      const at = `/${place}/${pathSegment(p.name)}`;
      const fn = compiler.functionFor(p.schema, 'check', false);
      const check = js.assign(
        'e',
        js.call(fn, [js.at(object, js.str(p.name)), js.str(at), js.id('e')]),
      );
      body.push(
        js.ifs(
          js.call(compiler.helper('hasField'), [object, js.str(p.name)]),
          [check],
          p.required ? [issue(js.str(at), 'required', 'is required')] : undefined,
        ),
      );
    }
    const key = `${place}Key`;
    const K = js.id(key);
    const known = declared.map((p) => js.bin(K, '===', js.str(p.name)));
    const unknown = issue(
      js.bin(js.str(`/${place}/`), '+', js.call(compiler.helper('pointerSegment'), [K])),
      'additionalProperties',
      `is not a ${place} parameter of ${operationId}`,
    );
    body.push(
      js.forIn(key, object, [known.length ? js.ifs(js.not(js.or(...known)), [unknown]) : unknown]),
    );
  }
  body.push(js.ret(js.id('e')));
  return ts.addSyntheticLeadingComment(
    js.func(name, ['path', 'query'], body, true),
    ts.SyntaxKind.MultiLineCommentTrivia,
    `* The issues of the path and query parameters of \`${operationId}\`, or null when they are valid. `,
    true,
  );
}

/**
 * `export declare const name: type;` with a doc comment.
 * @param {string} name
 * @param {string} type
 * @param {string} doc
 */
const declared = (name, type, doc) =>
  ts.addSyntheticLeadingComment(
    f.createVariableStatement(
      [
        f.createModifier(ts.SyntaxKind.ExportKeyword),
        f.createModifier(ts.SyntaxKind.DeclareKeyword),
      ],
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(name, undefined, f.createTypeReferenceNode(type))],
        ts.NodeFlags.Const,
      ),
    ),
    ts.SyntaxKind.MultiLineCommentTrivia,
    doc,
    true,
  );

/**
 * The validators module and its declarations.
 * @param {import('./resolve-refs.mjs').SchemaIndex} index
 * @param {ValidatorSource[]} validators
 * @param {string} banner
 * @returns {{ code: string, types: string }}
 */
export function emitValidators(index, validators, banner) {
  const compiler = new SchemaCompiler(index);
  const exported = validators.flatMap(
    ({ operationId, name, schema, parametersName, parameters }) => {
      const out = [];
      if (schema) {
        const fn = compiler.functionFor(schema, 'check', false);
        const declaration = js.func(
          name,
          ['data'],
          [js.ret(js.call(fn, [js.id('data'), js.str(''), js.NULL]))],
          true,
        );
        out.push(
          ts.addSyntheticLeadingComment(
            declaration,
            ts.SyntaxKind.MultiLineCommentTrivia,
            `* The issues of a request body of \`${operationId}\`, or null when it is valid. `,
            true,
          ),
        );
      }
      if (parametersName && parameters?.length) {
        out.push(parametersValidator(compiler, operationId, parametersName, parameters));
      }
      return out;
    },
  );
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
          f.createImportSpecifier(false, undefined, f.createIdentifier('ParametersValidator')),
        ]),
      ),
      f.createStringLiteral('../validation-issue.js'),
    ),
    ...validators.flatMap(({ operationId, name, schema, parametersName, parameters }) => [
      ...(schema
        ? [
            declared(
              name,
              'BodyValidator',
              `* Validates a request body of \`${operationId}\` against the contract: every issue, or null. `,
            ),
          ]
        : []),
      ...(parametersName && parameters?.length
        ? [
            declared(
              parametersName,
              'ParametersValidator',
              `* Validates the path and query parameters of \`${operationId}\`: every issue, or null. `,
            ),
          ]
        : []),
    ]),
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
