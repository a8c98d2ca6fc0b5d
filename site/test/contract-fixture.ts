/**
 * A small contract the client's generator accepts, with the token endpoint it requires, and the
 * operations a test adds: the shapes an operation's method can take.
 */
export function contract(paths: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1.0.0' },
    servers: [
      { url: 'https://production.invalid', 'x-tianman-environment': 'production' },
      { url: 'https://test.invalid', 'x-tianman-environment': 'test' },
    ],
    components: {
      securitySchemes: {
        Sig: { type: 'apiKey', in: 'header', name: 'Authorization', 'x-tianman-auth': 'signature' },
      },
    },
    paths: {
      '/token': {
        post: {
          operationId: 'getToken',
          'x-tianman-token-endpoint': true,
          tags: ['auth'],
          security: [],
          requestBody: json({ type: 'object' }, { token: { value: { appId: 'A' } } }),
          responses: ok,
        },
      },
      ...paths,
    },
  };
}

/** A 200 answer with a JSON body. */
export const ok = {
  200: {
    description: 'ok',
    content: { 'application/json': { schema: { type: 'object' } } },
  },
};

/** A required JSON request body with the given examples. */
export function json(schema: unknown, examples?: Record<string, unknown>) {
  return {
    required: true,
    content: { 'application/json': { schema, ...(examples ? { examples } : {}) } },
  };
}

/** The security every operation but the token endpoint declares. */
export const signed = [{ Sig: [] }];
