import {
  createTianmanClient,
  type TianmanClient,
  ValidationError,
  validateRequestBody,
} from '@tianman/client';
import { createTianmanApi } from '@tianman/client/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultSpecPath } from '../src/spec-path.js';
import { type CountingProxy, countingProxy } from './counting-proxy.js';
import { rawCall } from './helpers.js';
import {
  loadContract,
  pointerOf,
  prismLocation,
  type SpecOperation,
  violationsOf,
} from './spec-operations.js';

// Driven by the contract: every operation of the spec (what the client's operation table is
// generated from), its examples, and every constraint of its request schema broken once. An
// operation added to the spec is covered here with no test edit.
const contract = loadContract(defaultSpecPath());
const fastRetry = { limit: 0 };

function client(auth: 'signature' | 'token', baseUrl = inject('mockUrl')): TianmanClient {
  return createTianmanClient({ ...inject('mockCredentials'), baseUrl, auth, retry: fastRetry });
}

type Method = (body: unknown) => Promise<Record<string, unknown>>;
const method = (c: TianmanClient, id: string) =>
  (c as unknown as Record<string, Method>)[id] as Method;
/** `createTianmanApi(client).POST(path, { body })` (or whichever method the operation has). */
const viaApi = (c: TianmanClient, op: SpecOperation, body: unknown) =>
  (
    createTianmanApi(c) as unknown as Record<
      string,
      (path: string, init: { body: unknown }) => Promise<{ data?: unknown; response: Response }>
    >
  )[op.method]?.(op.path, { body }) as Promise<{ data?: unknown; response: Response }>;

it('the client has one method per operation of the spec, and nothing else', () => {
  const c = client('signature');
  const methods = Object.keys(c).filter(
    (key) => typeof (c as unknown as Record<string, unknown>)[key] === 'function',
  );
  expect(methods.sort()).toEqual(contract.operations.map((op) => op.id).sort());
  expect(contract.operations.length).toBeGreaterThan(0);
});

it('the violations derived from the spec cover every kind of constraint it uses', () => {
  // A derivation that found nothing would make the loops below pass vacuously.
  const rules = new Set(
    contract.operations.flatMap((op) => violationsOf(contract, op).map((v) => v.rule)),
  );
  for (const rule of [
    'required',
    'additionalProperties',
    'type',
    'maxLength',
    'minLength',
    'pattern',
    'enum',
  ]) {
    expect(rules).toContain(rule);
  }
});

describe.each(contract.operations)('$id ($method $path)', (op) => {
  it('has request examples in the spec', () => {
    expect(op.examples.length).toBeGreaterThan(0);
  });

  describe.each(op.security)('auth: %s', (auth) => {
    it.each(op.examples)(
      'example %s: the client sends it and the mock accepts it',
      async (_name, example) => {
        expect(validateRequestBody(op.id as never, example)).toEqual([]);
        const result = await method(client(auth), op.id)(example);
        expect(result).toMatchObject({ status: 200, attempts: 1 });
        if (op.successExample !== undefined)
          expect(result).toMatchObject(op.successExample as object);
      },
    );

    it.each(op.examples)(
      'example %s: the api sends it and the mock accepts it',
      async (_name, example) => {
        const { data, response } = await viaApi(client(auth), op, example);
        expect(response.status).toBe(200);
        if (op.successExample !== undefined) expect(data).toEqual(op.successExample);
      },
    );
  });

  describe.each(violationsOf(contract, op))('$what', (violation) => {
    let proxy: CountingProxy;
    beforeAll(async () => {
      proxy = await countingProxy(inject('mockUrl'));
    });
    afterAll(() => proxy.close());

    it(`the client refuses it (${violation.rule}) in every auth mode, method and api, 0 bytes sent`, async () => {
      const expected = { path: pointerOf(violation.at), rule: violation.rule };
      for (const auth of op.security) {
        const c = client(auth, proxy.url);
        const error = await method(c, op.id)(violation.body).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues).toContainEqual(expect.objectContaining(expected));
        const apiError = await viaApi(c, op, violation.body).catch((e: unknown) => e);
        expect(apiError).toBeInstanceOf(ValidationError);
        expect((apiError as ValidationError).issues).toContainEqual(
          expect.objectContaining(expected),
        );
      }
      expect(validateRequestBody(op.id as never, violation.body)).toContainEqual(
        expect.objectContaining(expected),
      );
      expect({ connections: proxy.connections, bytes: proxy.bytes }).toEqual({
        connections: 0,
        bytes: 0,
      });
    });

    it('Prism refuses the same body sent raw (signed, bypassing the client): 422 / 9001', async () => {
      const answer = await rawCall(JSON.stringify(violation.body), { path: op.path });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ errCode: '9001' });
      const violations = JSON.parse(answer.headers.get('sl-violations') ?? '[]') as Array<{
        location: string[];
        code: string;
      }>;
      expect(violations).toContainEqual(
        expect.objectContaining({ code: violation.rule, location: prismLocation(violation) }),
      );
    });
  });
});
