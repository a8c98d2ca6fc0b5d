import createClient, { type Client as FetchClient } from 'openapi-fetch';
import type { CallOptions } from './call-options.js';
import type { TianmanClient } from './client.js';
import { fail } from './errors.js';
import type { paths } from './generated/openapi.js';
import { tokenRequestValidator } from './generated/operations.js';
import { type Operation, operations, tokenEndpoint } from './operation.js';
import { matchPath, readQuery } from './request-url.js';
import { type RoadAnswer, roadOf } from './road.js';
import { delegateRoadHeaders } from './road-headers.js';
import { delegateRoadRequest, RoadRequest } from './road-request.js';
import { delegateRoadResponse, RoadResponse } from './road-response.js';

/**
 * openapi-fetch over a client's one request road, for `{ data, error, response }` results:
 * `const api = createTianmanApi(client); await api.POST(path, { body })`. openapi-fetch builds
 * the request (types, path and query parameters, JSON body); the road finds the operation from
 * the method and path, reads the parameters back from the URL, checks the auth mode and the call
 * options, validates what the request carries (those exact bytes, those parameters),
 * authenticates, sends, retries and times out, then hands the final answer back as a `Response`
 * for openapi-fetch to read: a 2xx as `data`, anything else as `error`. Its `Request` and
 * `Response` are the road's own (`RoadRequest`, `RoadResponse`, internal): the bytes
 * openapi-fetch serialized and the answer the road parsed are handed over as they are, not
 * rebuilt and read again. The call options other than `signal` and `headers` (`timeoutMs`,
 * `retry`) go beside `body`; openapi-fetch copies them onto the request.
 *
 * It lives apart from the client, in `@tianman/client/api`: a bundle that only calls the
 * methods carries no openapi-fetch.
 *
 * @throws TypeError (`ERR_INVALID_OPTION`) when `client` was not made by `createTianmanClient`.
 */
export function createTianmanApi(client: TianmanClient): FetchClient<paths, 'application/json'> {
  const road = roadOf(client);
  delegateRoadRequest();
  delegateRoadResponse();
  delegateRoadHeaders();
  const { baseUrl } = road;
  const base = new URL(baseUrl).pathname.replace(/\/$/, '');

  async function roadFetch(request: Request): Promise<Response> {
    const { method } = request;
    const url = new URL(request.url);
    const path = url.pathname.slice(base.length);
    const route = findRoute(method, path);
    const operation = route?.[0];
    const takesQuery = operation?.parameters.some((p) => p.in === 'query');
    if (!operation || (url.search && !takesQuery)) {
      fail(
        'ERR_UNKNOWN_OPERATION',
        `api: ${method} ${path}${url.search ? ' with a query' : ''} is not an operation of the contract`,
      );
    }
    const text = await request.text();
    const answer: RoadAnswer = await road.send({
      operation,
      // openapi-fetch makes a request without a body for an operation that takes none.
      body: operation.validate === null && text === '' ? undefined : { text },
      path: route?.[1],
      query: takesQuery ? readQuery(operation, url.searchParams) : undefined,
      options: callOptionsOf(request),
      where: 'api ',
    });
    return new RoadResponse(answer) as unknown as Response;
  }

  return createClient<paths, 'application/json'>({
    baseUrl,
    fetch: roadFetch,
    Request: RoadRequest as unknown as typeof Request,
  });
}

// Operations by `METHOD path` for paths without parameters, and the rest by method.
const exact = new Map<string, Operation>();
const templated = new Map<string, Operation[]>();
for (const op of [...operations, { ...tokenEndpoint, validate: tokenRequestValidator }]) {
  if (op.path.includes('{')) templated.set(op.method, [...(templated.get(op.method) ?? []), op]);
  else exact.set(`${op.method} ${op.path}`, op);
}

/**
 * The operation a request's method and path are, and its path parameters read from the path;
 * `undefined` when none is.
 */
function findRoute(
  method: string,
  path: string,
): [Operation, Record<string, unknown> | undefined] | undefined {
  const op = exact.get(`${method} ${path}`);
  if (op) return [op, undefined];
  for (const candidate of templated.get(method) ?? []) {
    const values = matchPath(candidate, path);
    if (values) return [candidate, values];
  }
  return undefined;
}

/**
 * The call options of an api request: its signal, its headers but openapi-fetch's
 * content type (the road sets its own), and the options given beside `body` that a `Request`
 * does not know, which openapi-fetch copies onto it as own properties: `timeoutMs`, `retry`, or a
 * misspelt name, which the road then refuses like any unknown call option.
 */
function callOptionsOf(request: Request): CallOptions {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== 'content-type') headers[name] = value;
  });
  const signal = RoadRequest.is(request) ? request.callerSignal : request.signal;
  const options: Record<string, unknown> = { signal, headers };
  for (const key of Object.keys(request)) options[key] = (request as never)[key];
  return options;
}
