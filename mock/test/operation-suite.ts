import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, countingProxy } from './counting-proxy.js';
import { rawRequest } from './helpers.js';
import {
  type AuthMode,
  type Contract,
  pointerOf,
  type SpecOperation,
  type SpecRequest,
  violationsOf,
} from './spec-operations.js';

// The tests every operation of a contract gets, whatever it is: each example request sent by the
// method and by the api and answered by the mock, and each constraint broken once, refused by
// the client before a byte leaves and by Prism when sent raw. operations.test.ts runs them on the
// spec; adding-an-endpoint.test.ts on the README's example operations, generated into a copy of
// the client.

/** A validation issue, as the client reports it. */
interface Issue {
  path: string;
  rule: string;
}

/** The client under test: the package itself, or a copy generated from another spec. */
export interface SuiteTarget {
  /** The mock serving the contract (read when the tests run). */
  mockUrl: () => string;
  /** A client in `auth` mode calling `baseUrl`, retries off. */
  client: (auth: AuthMode, baseUrl: string) => object;
  /** The module's `createTianmanApi`. */
  api: (client: object) => object;
  /** The module's `ValidationError`. */
  ValidationError: abstract new (
    ...args: never[]
  ) => Error;
  /** The module's `validateRequestBody`. */
  validateRequestBody: (operationId: never, body: unknown) => Issue[];
}

const isSuccess = (status: unknown) => typeof status === 'number' && status >= 200 && status < 300;

type Result = Record<string, unknown>;
type Method = (...args: unknown[]) => Promise<Result>;
type ApiMethod = (path: string, init: object) => Promise<{ data?: unknown; response: Response }>;

/** Calls `op`'s method the way its signature takes the request. */
export function callMethod(client: object, op: SpecOperation, request: SpecRequest) {
  const method = (client as Record<string, Method>)[op.id] as Method;
  if (op.parameters.length === 0) return op.hasBody ? method(request.body) : method();
  const { path, query, body } = request;
  return method({
    ...(path ? { path } : {}),
    ...(query ? { query } : {}),
    ...(op.hasBody ? { body } : {}),
  });
}

/** `createTianmanApi(client)[METHOD](path, { params, body })`. */
export function callApi(api: object, op: SpecOperation, request: SpecRequest) {
  const send = (api as Record<string, ApiMethod>)[op.method] as ApiMethod;
  const params = {
    ...(request.path ? { path: request.path } : {}),
    ...(request.query ? { query: request.query } : {}),
  };
  return send(op.path, {
    ...(op.parameters.length ? { params } : {}),
    ...(op.hasBody ? { body: request.body } : {}),
  });
}

/** Registers the contract tests of `op` (call inside a `describe`). */
export function operationTests(contract: Contract, op: SpecOperation, target: SuiteTarget): void {
  const client = (auth: AuthMode, baseUrl = target.mockUrl()) => target.client(auth, baseUrl);

  it('has example requests in the spec', () => {
    expect(op.requests.length).toBeGreaterThan(0);
  });

  describe.each(op.security)('auth: %s', (auth) => {
    it.each(op.requests)(
      'example %s: the method sends it and the mock answers its success example',
      async (_name, request) => {
        if (op.hasBody)
          expect(target.validateRequestBody(op.id as never, request.body)).toEqual([]);
        const result = await callMethod(client(auth), op, request);
        expect(result).toMatchObject({ attempts: 1, status: expect.toSatisfy(isSuccess) });
        if (op.successExample !== undefined) {
          expect(result).toMatchObject(op.successExample as object);
        }
      },
    );

    it.each(op.requests)('example %s: the api sends the same', async (_name, request) => {
      const { data, response } = await callApi(target.api(client(auth)), op, request);
      expect(response.status).toSatisfy(isSuccess);
      if (op.successExample !== undefined) expect(data).toEqual(op.successExample);
    });
  });

  describe.each(violationsOf(contract, op))('$what', (violation) => {
    let proxy: CountingProxy;
    beforeAll(async () => {
      proxy = await countingProxy(target.mockUrl());
    });
    afterAll(() => proxy.close());
    const expected = { path: pointerOf(violation.at), rule: violation.rule };
    const channels = violation.typedOnly ? 'the method' : 'method and api';

    it(`the client refuses it (${violation.rule}) in every auth mode, ${channels}, 0 bytes sent`, async () => {
      const refusals: Array<() => Promise<unknown>> = [];
      for (const auth of op.security) {
        const c = client(auth, proxy.url);
        refusals.push(() => callMethod(c, op, violation.request));
        if (!violation.typedOnly)
          refusals.push(() => callApi(target.api(c), op, violation.request));
      }
      for (const attempt of refusals) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(target.ValidationError);
        expect((error as { issues: Issue[] }).issues).toContainEqual(
          expect.objectContaining(expected),
        );
      }
      if (violation.where === 'body') {
        expect(target.validateRequestBody(op.id as never, violation.body)).toContainEqual(
          expect.objectContaining(expected),
        );
      }
      expect({ connections: proxy.connections, bytes: proxy.bytes }).toEqual({
        connections: 0,
        bytes: 0,
      });
    });

    // A URL cannot carry a typed-only mistake, so there is nothing to send raw.
    if (violation.typedOnly) return;
    const { prism } = violation;
    if (prism === null) {
      it('the contract allows it: Prism accepts it sent raw (the client is stricter)', async () => {
        const answer = await rawRequest(op, violation.request, target.mockUrl());
        expect(answer.status).toBe(200);
      });
    } else {
      it(`Prism refuses it sent raw (signed, bypassing the client): 422 / 9001, ${prism.code}`, async () => {
        const answer = await rawRequest(op, violation.request, target.mockUrl());
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ errCode: '9001' });
        const violations = JSON.parse(answer.headers.get('sl-violations') ?? '[]') as unknown[];
        expect(violations).toContainEqual(expect.objectContaining(prism));
      });
    }
  });
}
