import createClient, { type Client } from 'openapi-fetch';
import { fail } from './errors.js';
import type { paths } from './generated/openapi.js';
import { operationTable, tokenOperation } from './generated/operations.js';
import type { Config } from './options.js';
import { type Attempt, exchange } from './pipeline.js';
import type { Answer } from './response.js';
import { checkHeaders, type Send } from './send.js';
import { serializeRequest } from './validate.js';

// Statuses whose Response may not have a body.
const NULL_BODY = [101, 103, 204, 205, 304];

/**
 * `client.api`: openapi-fetch, whose `fetch` is the client's pipeline. openapi-fetch builds the
 * request (types, path, JSON body); the pipeline validates that body, authenticates, sends,
 * retries and times out, then hands the final answer back as a `Response`.
 */
export function createApi(cfg: Config, send: Send): Client<paths, 'application/json'> {
  const byRoute = new Map<string, [string, (typeof operationTable)[keyof typeof operationTable]]>();
  for (const [id, op] of Object.entries(operationTable))
    byRoute.set(`${op.method} ${op.path}`, [id, op]);
  const base = new URL(cfg.baseUrl).pathname.replace(/\/$/, '');

  async function pipelineFetch(request: Request): Promise<Response> {
    const { method } = request;
    const url = new URL(request.url);
    const path = url.pathname.slice(base.length);
    const extra: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      // openapi-fetch's own: the pipeline sets content-type itself.
      if (name !== 'content-type') extra[name] = value;
    });
    const headers = checkHeaders(extra, 'client.api ');
    const text = await request.text();
    const call = {
      signal: request.signal,
      timeoutMs: cfg.timeoutMs,
      retry: cfg.retry,
      raw: true,
    };
    const summary = { method, url: cfg.baseUrl + path, headers };
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    const route = `${method} ${path}`;
    let answer: Answer;
    if (route === `${tokenOperation.method} ${tokenOperation.path}`) {
      // The token endpoint authenticates with its own body: validated, sent as is.
      serializeRequest(
        tokenOperation.operationId,
        tokenOperation.validate,
        parsed,
        cfg.clock(),
        cfg.log,
        summary,
      );
      answer = await exchange(
        cfg,
        method,
        path,
        // Its signature is a secret like any other: an echo of the request must not show it.
        async (): Promise<Attempt> => ({
          body: text,
          headers,
          secret: String((parsed as { signature?: unknown }).signature),
        }),
        call,
      );
    } else {
      const entry = byRoute.get(route);
      if (!entry || url.search) {
        fail(
          `client.api: ${method} ${path}${url.search ? ' with a query' : ''} is not an operation of the contract`,
        );
      }
      const [id, op] = entry;
      // The bytes openapi-fetch serialized are the bytes validated, signed and sent.
      serializeRequest(id, op.validate, parsed, cfg.clock(), cfg.log, summary);
      answer = await send(method, path, text, call, headers);
    }
    return new Response(NULL_BODY.includes(answer.status) ? null : answer.text, {
      status: answer.status,
      headers: answer.headers,
    });
  }

  return createClient<paths, 'application/json'>({
    baseUrl: cfg.baseUrl,
    fetch: pipelineFetch,
  });
}
