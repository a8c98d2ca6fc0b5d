import { AUTHORIZATION_HEADER } from '@tianman/signer';
import type { Auth } from './auth.js';
import { type CallOptions, resolveCall } from './call-options.js';
import { type CallTrace, startTrace } from './call-trace.js';
import { classify } from './classify.js';
import type { Config } from './config.js';
import { fail, redactHeaders } from './errors.js';
import { type Attempt, exchange } from './exchange.js';
import type { Operation } from './operation.js';
import { checkHeaders } from './request-headers.js';
import { requestTarget } from './request-url.js';
import type { Answer } from './response.js';
import { type BodyInput, checkRequest } from './validate.js';

/** What every request of a client shares: its checked options and its authentication. */
export interface Client {
  cfg: Config;
  auth: Auth;
}

/** One call of an operation, as either road (a method, the api) hands it over. */
export interface OperationCall {
  operation: Operation;
  /** The body given; `undefined` for none. */
  body: BodyInput | undefined;
  /** The path and query parameters given (by name), for an operation that has some. */
  path?: unknown;
  query?: unknown;
  /** The per-call options, unchecked. */
  options: CallOptions | undefined;
  /** Names the road in messages: `'call option '` for the methods, `'api '`. */
  where: string;
}

/**
 * The one request road: every method and every api call (`createTianmanApi`) comes through here. It checks
 * that the operation accepts the client's auth mode and the call's options and headers,
 * serializes the body once (or takes the api's bytes as they are), validates it and the
 * path and query parameters against the contract and the hook table (nothing is sent when it
 * fails), puts the parameters in the URL, then sends the request, authenticated afresh for every
 * attempt, and returns the final answer for `classify` to judge.
 *
 * With a tracer (the `tracer` option or a global provider), the call is one span, active while
 * it runs, ended with `classify`'s verdict or what was thrown (`call-trace.ts`); without one, no
 * more than the tracer lookup is done.
 */
export function sendOperation(client: Client, call: OperationCall): Promise<Answer> {
  const { cfg } = client;
  const tracer = cfg.tracer();
  const trace = tracer && startTrace(tracer, cfg, call.operation);
  if (!trace) return send(client, call);
  return trace.run(async () => {
    const answer = await send(client, call, trace);
    // Judged on a copy: classify scrubs a failed answer's body in place, and the caller of
    // api calls must get the body as the platform sent it, traced or not.
    trace.answer = { ...answer, data: structuredClone(answer.data) };
    trace.failure = classify(trace.answer, cfg.successCodes, call.operation.emptySuccess);
    return answer;
  });
}

async function send(client: Client, call: OperationCall, trace?: CallTrace): Promise<Answer> {
  const { cfg, auth } = client;
  const { operation: op, where } = call;
  if (!op.tokenEndpoint && !op.security.includes(cfg.auth)) {
    fail(
      'ERR_AUTH_MODE',
      // Stryker disable next-line StringLiteral: with two auth modes, an operation that refuses the client's lists exactly one: the separator never shows
      `${op.id} does not accept auth: '${cfg.auth}' (the contract allows ${op.security.join(', ')})`,
    );
  }
  const settings = resolveCall(cfg, call.options, where);
  const headers = checkHeaders(call.options?.headers, where, op.validate !== null);
  let url = cfg.baseUrl + op.path;
  const { validateParameters } = op;
  const { text, path, query } = checkRequest({
    operationId: op.id,
    validate: op.validate,
    body: call.body,
    parameters: validateParameters && {
      validate: validateParameters,
      path: call.path,
      query: call.query,
    },
    now: cfg.clock(),
    log: cfg.log,
    request: () => ({ method: op.method, url, headers: redactHeaders(headers) }),
  });
  if (validateParameters) url = cfg.baseUrl + requestTarget(op, path, query);
  const prepare: (signal: AbortSignal) => Promise<Attempt> = op.tokenEndpoint
    ? // The token endpoint authenticates with its own body; its signature is a secret like any
      // other: an echo of the request must not show it.
      async () => ({ body: text, headers, secret: tokenSignature(text ?? '') })
    : async (signal) => {
        // A request without a body is signed over no bytes, as the signer's rule for an empty
        // body says (the platform does not say it otherwise).
        const [authorization, secret] = await auth.authorize(
          text ?? '',
          signal,
          settings.timeoutMs,
          trace,
        );
        return {
          body: text,
          headers: { ...headers, [AUTHORIZATION_HEADER]: authorization },
          secret,
        };
      };
  return exchange(cfg, {
    method: op.method,
    url,
    prepare,
    call: settings,
    idempotent: op.idempotent,
    refresh: op.tokenEndpoint ? undefined : auth.drop,
    trace,
  });
}

/** The `signature` field of a token request's (validated) text. */
function tokenSignature(text: string): string {
  return String((JSON.parse(text) as { signature?: unknown }).signature);
}
