import type { Middleware } from 'openapi-fetch';
import { type Auth, TOKEN_SCHEME } from './auth.js';
import { getAccessTokenRoute } from './generated/schemas.js';
import { field } from './response.js';

/**
 * The client's authentication as an openapi-fetch middleware, for `client.api`: a thin adapter,
 * so openapi-fetch stays plain (no validation, retries or timeouts) and signing stays in one place.
 */
export function authMiddleware({ authorize, drop }: Auth): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      // The token request authenticates with its own body signature.
      if (schemaPath === getAccessTokenRoute.path) return undefined;
      // Signed over the bytes openapi-fetch serialized: the bytes that will be sent.
      const body = new Uint8Array(await request.clone().arrayBuffer());
      request.headers.set('authorization', (await authorize(body))[0]);
      return request;
    },
    async onResponse({ request, response }) {
      // A refused token is forgotten, so the next request fetches a fresh one.
      if (drop && response.status === 412) {
        const code = field(
          await response
            .clone()
            .json()
            .catch(() => null),
          'errCode',
        );
        if (code === '1000' || code === '1001') {
          await drop(request.headers.get('authorization')?.slice(TOKEN_SCHEME.length));
        }
      }
      return undefined;
    },
  };
}
