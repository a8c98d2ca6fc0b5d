import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CodeSampleError, codeSamples } from '../src/code-samples.mjs';
import { formatTypeScript } from '../src/format-typescript.mjs';
import { contract, json, ok, signed } from './contract-fixture.js';

const orders = {
  '/orders': {
    post: {
      operationId: 'createOrder',
      tags: ['orders'],
      security: signed,
      requestBody: json(
        { type: 'object' },
        {
          typical: { summary: 'A typical order', value: { orderId: 'A1', lines: [{ qty: 2 }] } },
          other: { value: { orderId: 'B2' } },
        },
      ),
      responses: ok,
    },
  },
  '/orders/{orderId}/lines': {
    get: {
      operationId: 'listLines',
      tags: ['orders'],
      security: signed,
      parameters: [
        {
          name: 'orderId',
          in: 'path',
          required: true,
          description: 'the order',
          schema: { type: 'string', maxLength: 8 },
          example: 'A1',
        },
        {
          name: 'limit',
          in: 'query',
          description: 'how many',
          schema: { type: 'integer', examples: [10] },
        },
        {
          name: 'cursor',
          in: 'query',
          description: 'optional, no example: left out',
          schema: { type: 'string', maxLength: 8 },
        },
      ],
      responses: ok,
    },
  },
  '/orders/{orderId}': {
    put: {
      operationId: 'updateOrder',
      tags: ['orders'],
      security: signed,
      parameters: [
        {
          name: 'orderId',
          in: 'path',
          required: true,
          description: 'the order',
          schema: { type: 'string', maxLength: 8 },
          examples: { one: { value: 'B2' } },
        },
      ],
      requestBody: json({ type: 'object' }, { note: { value: { note: 'urgent' } } }),
      responses: ok,
    },
  },
  '/status': {
    get: { operationId: 'getStatus', tags: ['status'], security: signed, responses: ok },
  },
};

const samples = codeSamples(contract(orders));
const sample = (operationId: string, road: 'client' | 'api') => {
  const found = samples.find((s) => s.operationId === operationId && s.road === road);
  if (!found) throw new Error(`no ${road} sample of ${operationId}`);
  return formatTypeScript(found.code);
};

describe('codeSamples', () => {
  it('calls a method with the body alone, from the first named example of the body', () => {
    expect(sample('createOrder', 'client')).toBe(
      [
        "import { createTianmanClient } from '@tianman/client';",
        '',
        '// appId and appKey: from TIANMAN_APP_ID and TIANMAN_APP_KEY.',
        "const client = createTianmanClient({ environment: 'test' });",
        '',
        `// The contract's example "typical":`,
        '// A typical order',
        "const result = await client.createOrder({ orderId: 'A1', lines: [{ qty: 2 }] });",
        'console.log(result);',
        '',
      ].join('\n'),
    );
    expect(sample('createOrder', 'api')).toBe(
      [
        "import { createTianmanClient } from '@tianman/client';",
        "import { createTianmanApi } from '@tianman/client/api';",
        '',
        '// appId and appKey: from TIANMAN_APP_ID and TIANMAN_APP_KEY.',
        "const api = createTianmanApi(createTianmanClient({ environment: 'test' }));",
        '',
        `// The contract's example "typical":`,
        '// A typical order',
        "const { data, error } = await api.POST('/orders', { body: { orderId: 'A1', lines: [{ qty: 2 }] } });",
        'console.log(data ?? error);',
        '',
      ].join('\n'),
    );
  });

  it('passes parameters as { path, query } (and params for openapi-fetch), from their examples', () => {
    expect(sample('listLines', 'client')).toContain(
      "const result = await client.listLines({ path: { orderId: 'A1' }, query: { limit: 10 } });",
    );
    expect(sample('listLines', 'api')).toContain(
      [
        "const { data, error } = await api.GET('/orders/{orderId}/lines', {",
        "  params: { path: { orderId: 'A1' }, query: { limit: 10 } },",
        '});',
      ].join('\n'),
    );
    expect(sample('updateOrder', 'client')).toContain(
      "const result = await client.updateOrder({ path: { orderId: 'B2' }, body: { note: 'urgent' } });",
    );
    expect(sample('updateOrder', 'api')).toContain(
      [
        "const { data, error } = await api.PUT('/orders/{orderId}', {",
        "  params: { path: { orderId: 'B2' } },",
        "  body: { note: 'urgent' },",
        '});',
      ].join('\n'),
    );
  });

  it('calls an operation without parameters or body with no argument', () => {
    expect(sample('getStatus', 'client')).toContain('const result = await client.getStatus();\n');
    expect(sample('getStatus', 'api')).toContain(
      "const { data, error } = await api.GET('/status');\n",
    );
  });

  it('gives the token endpoint, which is no method, the createTianmanApi example only', () => {
    expect(samples.filter((s) => s.operationId === 'getToken').map((s) => s.road)).toEqual(['api']);
    expect(samples.map((s) => `${s.operationId} ${s.road}`)).toEqual([
      'getToken api',
      'createOrder client',
      'createOrder api',
      'listLines client',
      'listLines api',
      'updateOrder client',
      'updateOrder api',
      'getStatus client',
      'getStatus api',
    ]);
  });

  it("calls the contract's first environment when it has no test server", () => {
    const doc = contract(orders);
    doc.servers = [{ url: 'https://mock.invalid', 'x-tianman-environment': 'mock' }];
    const [first] = codeSamples(doc).filter((s) => s.road === 'client');
    expect(first?.code).toContain("environment: 'mock'");
  });

  it('refuses a body or a required parameter without an example, naming each place', () => {
    const doc = contract({
      '/a': {
        post: {
          operationId: 'noBodyExample',
          tags: ['a'],
          security: signed,
          requestBody: json({ type: 'object' }),
          responses: ok,
        },
      },
      '/b/{id}': {
        get: {
          operationId: 'noParameterExample',
          tags: ['b'],
          security: signed,
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'x',
              schema: { type: 'string' },
            },
          ],
          responses: ok,
        },
      },
    });
    expect(() => codeSamples(doc)).toThrow(CodeSampleError);
    try {
      codeSamples(doc);
    } catch (error) {
      expect((error as CodeSampleError).problems).toEqual([
        'noBodyExample: the request body (at #/paths/~1a/post/requestBody/content/application~1json) has no example: add a named example under `examples`',
        'noParameterExample: the required path parameter id (at #/paths/~1b~1{id}/get/parameters/0) has no example: give it an `example` (or its schema `examples`)',
      ]);
    }
  });

  it('refuses what the client generator refuses (one reader of the contract)', () => {
    const doc = contract({
      '/h': { get: { operationId: 'Bad-Id', tags: ['h'], security: signed, responses: ok } },
    });
    expect(() => codeSamples(doc)).toThrow(/camelCase operationId/);
  });
});

/**
 * The value a literal expression stands for. Throws on anything but literals (JSON values,
 * strings joined with `+`): the examples' values must enter the code as literals.
 */
function literalValue(node: ts.Node): unknown {
  if (ts.isParenthesizedExpression(node)) return literalValue(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    return -(literalValue(node.operand) as number);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return `${literalValue(node.left)}${literalValue(node.right)}`;
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literalValue);
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries(
      node.properties.map((p) => {
        if (!ts.isPropertyAssignment(p)) throw new Error(`not a literal: ${p.getText()}`);
        const name = ts.isComputedPropertyName(p.name)
          ? literalValue(p.name.expression)
          : (p.name as ts.Identifier | ts.StringLiteral | ts.NumericLiteral).text;
        return [name, literalValue(p.initializer)];
      }),
    );
  }
  throw new Error(`not a literal: ${ts.SyntaxKind[node.kind]} ${node.getText()}`);
}

/** The first argument of the call `client.<method>(…)` in a sample's code, and its syntax errors. */
function callArgument(code: string, method: string) {
  const file = ts.createSourceFile(
    'sample.ts',
    code,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.TS,
  );
  let argument: ts.Expression | undefined;
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === method
    ) {
      argument = node.arguments[0];
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return { argument, syntaxErrors: diagnostics.length };
}

const bodyExample = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const withBody = (value: unknown) =>
  contract({
    '/x': {
      post: {
        operationId: 'send',
        tags: ['x'],
        security: signed,
        requestBody: json({ type: 'object' }, { any: { value } }),
        responses: ok,
      },
    },
  });

describe('the values of the examples', () => {
  it('enter the code as literals that read back as the same JSON value', () => {
    fc.assert(
      fc.property(bodyExample, (value) => {
        const client = codeSamples(withBody(value)).find((s) => s.road === 'client');
        const { argument, syntaxErrors } = callArgument(client?.code ?? '', 'send');
        expect(syntaxErrors).toBe(0);
        expect(argument).toBeDefined();
        expect(JSON.stringify(literalValue(argument as ts.Expression))).toBe(JSON.stringify(value));
      }),
    );
  });

  it('keep their value through the formatter', () => {
    fc.assert(
      fc.property(bodyExample, (value) => {
        const client = codeSamples(withBody(value)).find((s) => s.road === 'client');
        const { argument, syntaxErrors } = callArgument(
          formatTypeScript(client?.code ?? ''),
          'send',
        );
        expect(syntaxErrors).toBe(0);
        expect(JSON.stringify(literalValue(argument as ts.Expression))).toBe(JSON.stringify(value));
      }),
      { numRuns: 20 },
    );
  });
});
