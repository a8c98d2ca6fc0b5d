// @ts-check
// The JavaScript the compiler emits, as TypeScript's AST (`ts.factory`) printed by
// `ts.createPrinter()`. Identifiers are only names the compiler makes; every value from the spec
// enters as a literal node, which the printer escapes (quotes, backslashes, line terminators,
// non-ASCII). No generated code is ever produced or edited as text.
import ts from 'typescript';

const f = ts.factory;
const K = ts.SyntaxKind;

/** @typedef {ts.Expression} Expr */
/** @typedef {ts.Statement} Stmt */

/** @param {string} name */
export const id = (name) => f.createIdentifier(name);

/**
 * A string literal. A string holding `</` or `<!` is split there into a concatenation, so the
 * printed code never contains `</script>` or `<!--` (it may be inlined in an HTML page).
 * @param {string} s
 * @returns {Expr}
 */
export function str(s) {
  const cut = s.search(/<[/!]/);
  if (cut < 0) return f.createStringLiteral(s);
  return f.createBinaryExpression(
    f.createStringLiteral(s.slice(0, cut + 1)),
    K.PlusToken,
    str(s.slice(cut + 1)),
  );
}

/**
 * A regular expression literal. Its text is the engine's own `RegExp.prototype.source` of the
 * pattern, which ECMA-262 escapes so that `/source/flags` reads back as the same expression
 * (`/` and line terminators escaped); it is checked to read back so before it is used.
 * @param {string} pattern
 * @param {string} flags
 * @returns {Expr}
 */
export function regex(pattern, flags) {
  const { source } = new RegExp(pattern, flags);
  const text = `/${source}/${flags}`;
  // Read back by TypeScript's parser, not run: one regular expression literal, the whole text.
  const file = ts.createSourceFile(
    'check.js',
    `(${text});`,
    ts.ScriptTarget.ES2022,
    false,
    ts.ScriptKind.JS,
  );
  const [statement] = file.statements;
  const literal =
    statement &&
    ts.isExpressionStatement(statement) &&
    ts.isParenthesizedExpression(statement.expression) &&
    statement.expression.expression;
  if (
    file.statements.length !== 1 ||
    !literal ||
    !ts.isRegularExpressionLiteral(literal) ||
    literal.text !== text ||
    /<[/!]/.test(text)
  ) {
    return construct('RegExp', [str(pattern), str(flags)]);
  }
  return f.createRegularExpressionLiteral(text);
}

/**
 * A number literal (negative numbers and -0 through unary minus).
 * @param {number} n
 * @returns {Expr}
 */
export function num(n) {
  if (!Number.isFinite(n)) throw new Error(`generate: internal: ${n} is not a JSON number`);
  return n < 0 || Object.is(n, -0)
    ? f.createPrefixUnaryExpression(K.MinusToken, f.createNumericLiteral(String(-n)))
    : f.createNumericLiteral(String(n));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A property name for an object literal. `__proto__` is computed (`["__proto__"]: …`), which
 * defines a field instead of setting the prototype; names that need escaping are string
 * literals (split like {@link str}, hence computed).
 * @param {string} key
 */
function propertyName(key) {
  if (key === '__proto__' || /<[/!]/.test(key)) return f.createComputedPropertyName(str(key));
  return IDENTIFIER.test(key) ? f.createIdentifier(key) : f.createStringLiteral(key);
}

/**
 * A JSON value as a literal expression.
 * @param {unknown} value
 * @returns {Expr}
 */
export function literal(value) {
  if (value === null) return f.createNull();
  if (value === true) return f.createTrue();
  if (value === false) return f.createFalse();
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map(literal));
  if (typeof value === 'object') {
    return f.createObjectLiteralExpression(
      Object.entries(value).map(([k, v]) =>
        f.createPropertyAssignment(propertyName(k), literal(v)),
      ),
    );
  }
  throw new Error(`generate: internal: ${typeof value} is not a JSON value`);
}

/**
 * @param {Expr | string} callee
 * @param {Expr[]} args
 */
export const call = (callee, args) =>
  f.createCallExpression(typeof callee === 'string' ? id(callee) : callee, undefined, args);

/**
 * `object.name`, or `object["name"]` when the name is not an identifier. Read only after
 * `hasField`: an own `__proto__` field is then a data property, which shadows the inherited
 * accessor.
 * @param {Expr} object
 * @param {string} name
 */
export const member = (object, name) =>
  IDENTIFIER.test(name) && name !== '__proto__'
    ? f.createPropertyAccessExpression(object, name)
    : f.createElementAccessExpression(object, str(name));

/**
 * `object[key]`.
 * @param {Expr} object
 * @param {Expr} key
 */
export const at = (object, key) => f.createElementAccessExpression(object, key);

/** @type {Record<string, ts.BinaryOperator>} */
const OPERATORS = {
  '===': K.EqualsEqualsEqualsToken,
  '!==': K.ExclamationEqualsEqualsToken,
  '<': K.LessThanToken,
  '<=': K.LessThanEqualsToken,
  '>': K.GreaterThanToken,
  '>=': K.GreaterThanEqualsToken,
  '+': K.PlusToken,
  '%': K.PercentToken,
  '&&': K.AmpersandAmpersandToken,
  '||': K.BarBarToken,
  '=': K.EqualsToken,
};

/**
 * @param {Expr} left
 * @param {keyof typeof OPERATORS} op
 * @param {Expr} right
 */
export const bin = (left, op, right) =>
  f.createBinaryExpression(left, /** @type {ts.BinaryOperator} */ (OPERATORS[op]), right);

/** @param {Expr[]} xs */
export const and = (...xs) => xs.reduce((l, r) => bin(l, '&&', r));
/** @param {Expr[]} xs */
export const or = (...xs) => xs.reduce((l, r) => bin(l, '||', r));
/** @param {Expr} x */
export const not = (x) => f.createLogicalNot(x);
/**
 * `typeof x === "type"`.
 * @param {Expr} x
 * @param {string} type
 */
export const typeIs = (x, type) => bin(f.createTypeOfExpression(x), '===', str(type));
export const TRUE = f.createTrue();
export const FALSE = f.createFalse();
export const NULL = f.createNull();

/** @param {Stmt[]} stmts */
export const block = (stmts) => f.createBlock(stmts, true);

/**
 * `if (condition) then else otherwise`. With an `else`, `then` is always a block: the printer
 * would print `if (a) if (b) x; else y;`, whose `else` JavaScript gives to the inner `if`.
 * @param {Expr} condition
 * @param {Stmt[]} then
 * @param {Stmt[]} [otherwise]
 * @returns {Stmt}
 */
export const ifs = (condition, then, otherwise) =>
  otherwise?.length
    ? f.createIfStatement(
        condition,
        block(then),
        otherwise.length === 1 ? /** @type {Stmt} */ (otherwise[0]) : block(otherwise),
      )
    : f.createIfStatement(
        condition,
        then.length === 1 ? /** @type {Stmt} */ (then[0]) : block(then),
      );

/**
 * @param {'const' | 'let'} kind
 * @param {string} name
 * @param {Expr} init
 */
export const declare = (kind, name, init) =>
  f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(name, undefined, undefined, init)],
      kind === 'const' ? ts.NodeFlags.Const : ts.NodeFlags.Let,
    ),
  );

/**
 * `name = value;`
 * @param {string} name
 * @param {Expr} value
 */
export const assign = (name, value) => f.createExpressionStatement(bin(id(name), '=', value));

/** @param {Expr} x */
export const exprStmt = (x) => f.createExpressionStatement(x);
/** @param {Expr} [x] */
export const ret = (x) => f.createReturnStatement(x);
/** @param {string} name */
export const increment = (name) => f.createExpressionStatement(f.createPostfixIncrement(id(name)));

/**
 * `for (const key in object) body`
 * @param {string} key
 * @param {Expr} object
 * @param {Stmt[]} body
 */
export const forIn = (key, object, body) =>
  f.createForInStatement(
    f.createVariableDeclarationList([f.createVariableDeclaration(key)], ts.NodeFlags.Const),
    object,
    block(body),
  );

/**
 * `for (let i = from; condition; i++) body`
 * @param {string} i
 * @param {Expr} from
 * @param {Expr} condition
 * @param {Stmt[]} body
 */
export const forRange = (i, from, condition, body) =>
  f.createForStatement(
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(i, undefined, undefined, from)],
      ts.NodeFlags.Let,
    ),
    condition,
    f.createPostfixIncrement(id(i)),
    block(body),
  );

/**
 * `function name(params) { body }`
 * @param {string} name
 * @param {string[]} params
 * @param {Stmt[]} body
 * @param {boolean} [exported]
 */
export const func = (name, params, body, exported = false) =>
  f.createFunctionDeclaration(
    exported ? [f.createModifier(K.ExportKeyword)] : undefined,
    undefined,
    name,
    undefined,
    params.map((p) => f.createParameterDeclaration(undefined, undefined, p)),
    undefined,
    block(body),
  );

/**
 * `(param) => body`
 * @param {string[]} params
 * @param {Expr} body
 */
export const arrow = (params, body) =>
  f.createArrowFunction(
    undefined,
    undefined,
    params.map((p) => f.createParameterDeclaration(undefined, undefined, p)),
    undefined,
    f.createToken(K.EqualsGreaterThanToken),
    body,
  );

/**
 * `export const name = value;` or `const name = value;`
 * @param {string} name
 * @param {Expr} value
 * @param {boolean} exported
 */
export const moduleConst = (name, value, exported) =>
  f.createVariableStatement(
    exported ? [f.createModifier(K.ExportKeyword)] : undefined,
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(name, undefined, undefined, value)],
      ts.NodeFlags.Const,
    ),
  );

/**
 * `import { a, b } from "specifier";`
 * @param {string[]} names
 * @param {string} specifier
 */
export const importNamed = (names, specifier) =>
  f.createImportDeclaration(
    undefined,
    f.createImportClause(
      false,
      undefined,
      f.createNamedImports(
        names.map((n) => f.createImportSpecifier(false, undefined, f.createIdentifier(n))),
      ),
    ),
    f.createStringLiteral(specifier),
  );

/**
 * `new Name(args)`
 * @param {string} name
 * @param {Expr[]} args
 */
export const construct = (name, args) => f.createNewExpression(id(name), undefined, args);

/**
 * The printed module: the statements, each on its own lines.
 * @param {Stmt[]} statements
 * @param {string} fileName
 */
export function print(statements, fileName) {
  const file = ts.createSourceFile(fileName, '', ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return printer.printList(ts.ListFormat.MultiLine, f.createNodeArray(statements), file);
}
