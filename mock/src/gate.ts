import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthContext } from './auth-context.js';
import { checkAuthorization } from './check-authorization.js';
import { checkAuthorizationSize } from './check-authorization-size.js';
import { checkJsonBody } from './check-json-body.js';
import {
  ERR_PARAMETER,
  ERR_SYSTEM,
  INFO_BAD_REQUEST,
  MAX_BODY_BYTES,
  TOKEN_PATH,
} from './constants.js';
import { findRoute, type Route } from './find-route.js';
import { createPrismForwarder } from './forward-to-prism.js';
import { type Answer, authRefusal, gatewayError } from './gateway-answers.js';
import { checkPrefer, withExampleCode } from './prefer.js';
import { ClientClosedError, readBody } from './read-body.js';
import { CLIENT_CLOSED, type MockRequestLog, requestLogEntry } from './request-log.js';
import { answerTokenRequest } from './token-endpoint.js';

/** What the gate needs besides the auth checks. */
export interface GateOptions {
  auth: AuthContext;
  /** Where Prism listens (loopback). */
  prismUrl: string;
  /** The spec's operations and their examples (see `loadSpec`). */
  routes: readonly Route[];
  log?: (entry: MockRequestLog) => void;
  /**
   * How long Prism may take to answer before the gate gives up with a 500.
   * @default 10000
   */
  upstreamTimeoutMs?: number;
}

/**
 * The gate: the public face of the mock. It reads the raw body bytes, answers what the
 * platform's gateway answers itself (authentication, unreadable bodies, the token endpoint) and
 * hands everything else, byte for byte, to Prism for contract validation and the spec's examples.
 *
 * Prism never sees a body that is not JSON: it hangs on one.
 */
export function createGate(options: GateOptions): {
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  close: () => void;
} {
  const prism = createPrismForwarder(options.prismUrl, options.upstreamTimeoutMs ?? 10_000);

  async function answer(req: IncomingMessage, body: Buffer): Promise<Answer> {
    const tooLarge = checkAuthorizationSize(req.headers.authorization);
    if (tooLarge) return authRefusal(tooLarge);
    // Stryker disable next-line StringLiteral: a request a server received always has a url
    const requestTarget = req.url ?? '/';
    const path = new URL(requestTarget, 'http://mock.invalid').pathname;
    if (req.method === 'POST' && path === TOKEN_PATH) {
      const unreadable = checkJsonBody(req.headers['content-type'], body);
      if (unreadable) return unreadable;
      return answerTokenRequest(body, options.auth, () => forward(req, path, body));
    }
    const auth = await checkAuthorization(req.headers.authorization, body, options.auth);
    if (!auth.ok) return authRefusal(auth);
    const unreadable = checkJsonBody(req.headers['content-type'], body);
    if (unreadable) return unreadable;
    return forward(req, path, body);
  }

  /** To Prism, once the `Prefer` header is one the spec can answer. */
  async function forward(req: IncomingMessage, path: string, body: Buffer): Promise<Answer> {
    const route = findRoute(options.routes, req.method, path);
    const refused = checkPrefer(req.headers.prefer, route?.responses);
    if (refused !== undefined) return gatewayError(400, ERR_PARAMETER, refused, 'prefer');
    const prefer = withExampleCode(req.headers.prefer, route?.exampleCodes);
    return prism.forward(req, body, prefer);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    readBody(req)
      .then((body) =>
        body === undefined
          ? gatewayError(
              400,
              ERR_PARAMETER,
              `${INFO_BAD_REQUEST}: body larger than ${MAX_BODY_BYTES} bytes`,
              'body-too-large',
            )
          : answer(req, body),
      )
      .catch((error: unknown) =>
        error instanceof ClientClosedError
          ? {
              status: CLIENT_CLOSED,
              headers: {},
              body: Buffer.alloc(0),
              reason: 'client-closed' as const,
              info: error.message,
            }
          : gatewayError(
              500,
              ERR_SYSTEM,
              `mock internal error: ${error instanceof Error ? error.message : String(error)}`,
              'internal',
            ),
      )
      .then((result) => {
        if (result.reason) result.headers['x-mock-reason'] = result.reason;
        result.headers['content-length'] = String(result.body.length);
        // Stryker disable next-line ConditionalExpression: for a client that left, the response is already destroyed, so writing it is a no-op and the log entry is the same
        if (result.status === CLIENT_CLOSED) res.destroy();
        // Stryker disable next-line ConditionalExpression,LogicalOperator: writeHead and end on a destroyed response are no-ops; the guard only skips them
        else if (!res.headersSent && !res.destroyed) {
          res.writeHead(result.status, result.headers);
          res.end(result.body);
        }
        try {
          // Stryker disable next-line OptionalChaining: without a logger the call throws a TypeError, which the try around it swallows, as the optional call skips it
          options.log?.(requestLogEntry(req, result, performance.now() - started));
        } catch {
          // The caller's logger: a broken one must not take the mock down with it.
        }
      })
      // Nothing is left to answer with: drop the connection rather than leave it hanging or let
      // an unhandled rejection end the process.
      // Stryker disable next-line ArrowFunction: unreachable, the chain before it does not reject (the log call is guarded); kept so no rejection can go unhandled
      .catch(() => res.destroy());
  }

  return { handle, close: () => prism.close() };
}
