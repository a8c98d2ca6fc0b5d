import fc from 'fast-check';
import { expect } from 'vitest';
import { rawRequest } from './helpers.js';
import { callMethod } from './operation-suite.js';
import {
  type Contract,
  type Schema,
  type SpecOperation,
  type SpecParameter,
  type SpecRequest,
  violationsOf,
} from './spec-operations.js';

// The client's verdict and Prism's (Ajv behind the gate) must agree on every request of every
// operation: a request the client lets through must not be refused by the platform's contract
// check, and one it refuses must be one the contract refuses. Requests are generated from the
// operation's schemas (valid ones, and valid ones with one constraint broken, derived as the
// operation suite derives them), plus junk bodies and, for an operation that has them, sharper
// body generators. Prism's verdict comes from the request sent raw (signed with
// @tianman/signer, bypassing the client, which would refuse an invalid request before sending
// it). differential.test.ts runs this on the spec, adding-an-endpoint.test.ts on the README's
// example operations.

/** Requests in flight at once. */
const CONCURRENCY = 8;

export /** One code point of each UTF-8 width, and one outside the BMP (two UTF-16 units). */
const wideChar = fc.constantFrom('a', 'é', '订', '😀', '𠀀', 'Ａ', '\u0000', '\n');

/** A string of `n` code points drawn from `chars`. */
export const codePoints = (chars: fc.Arbitrary<string>, min: number, max: number) =>
  fc.array(chars, { minLength: min, maxLength: max }).map((a) => a.join(''));

export /** Exactly `n` code points, `n` drawn evenly over [min, max] with extra weight at the top edge. */
const exactly = (chars: fc.Arbitrary<string>, min: number, max: number) =>
  fc
    .oneof(fc.integer({ min, max }), fc.integer({ min: Math.max(min, max - 2), max }))
    .chain((n) => codePoints(chars, n, n));

/** Values of every JSON type but objects with schema-shaped keys: what a careless caller sends. */
export const junk = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
);

/** Values the schema at `schemas` (merged) accepts. */
function validValue(contract: Contract, schemas: unknown[], depth = 0): fc.Arbitrary<unknown> {
  const f = contract.flat({ allOf: schemas });
  if (f.hasConst) return fc.constant(f.const);
  if (f.enum) return fc.constantFrom(...f.enum);
  const fits = (s: string) =>
    (f.minLength === undefined || [...s].length >= f.minLength) &&
    (f.maxLength === undefined || [...s].length <= f.maxLength);
  switch (f.type) {
    case 'string': {
      const [first, ...others] = f.patterns;
      if (first === undefined) {
        const lo = f.minLength ?? 0;
        return exactly(wideChar, lo, f.maxLength ?? lo + 40);
      }
      return fc
        .stringMatching(new RegExp(first, 'u'))
        .filter((s) => fits(s) && others.every((p) => new RegExp(p, 'u').test(s)));
    }
    case 'integer':
      return fc.integer({ min: f.minimum ?? -1_000_000, max: f.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: f.minimum ?? -1e6,
        max: f.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(depth > 8 ? fc.constant(null) : validValue(contract, f.items, depth + 1), {
        minLength: f.minItems ?? 0,
        maxLength: f.maxItems ?? 4,
      });
    case 'object': {
      // Conditionally required fields are always given: the value is valid whatever the `if`.
      const requiredKeys = [
        ...new Set([...f.required, ...f.conditionals.flatMap((c) => c.require)]),
      ];
      return fc.record(
        Object.fromEntries(
          Object.entries(f.properties).map(([key, subs]) => [
            key,
            validValue(contract, subs, depth + 1),
          ]),
        ),
        { requiredKeys },
      );
    }
    default:
      return f.examples.length ? fc.constantFrom(...f.examples) : fc.constant(null);
  }
}

/** Values a parameter's schema accepts that a URL carries as they are (no empty text). */
function validParameter(contract: Contract, p: SpecParameter): fc.Arbitrary<unknown> {
  return validValue(contract, [p.schema]).filter(
    (value) =>
      value !== '' && !(Array.isArray(value) && (value.length === 0 || value.includes(''))),
  );
}

/** Valid parameters of one place (`path` or `query`), optional ones present or not. */
function validPlace(
  contract: Contract,
  op: SpecOperation,
  place: 'path' | 'query',
): fc.Arbitrary<Record<string, unknown>> | undefined {
  const parameters = op.parameters.filter((p) => p.in === place);
  if (parameters.length === 0) return undefined;
  return fc.record(
    Object.fromEntries(parameters.map((p) => [p.name, validParameter(contract, p)])),
    { requiredKeys: parameters.filter((p) => p.required).map((p) => p.name) },
  );
}

/**
 * Requests for `op`: valid ones, valid ones with one constraint broken (those a URL can carry
 * and the contract refuses: Prism's verdict is the other side), junk bodies, sharper bodies.
 */
function requests(
  contract: Contract,
  op: SpecOperation,
  extra: fc.Arbitrary<unknown> | undefined,
): fc.Arbitrary<SpecRequest> {
  const places = {
    ...(op.hasBody ? { body: validValue(contract, [op.schema as Schema]) } : {}),
    ...Object.fromEntries(
      (['path', 'query'] as const).flatMap((place) => {
        const values = validPlace(contract, op, place);
        return values ? [[place, values]] : [];
      }),
    ),
  };
  const valid = fc.record(places) as fc.Arbitrary<SpecRequest>;
  const broken = valid.chain((request) => {
    const violations = violationsOf(contract, op, request).filter(
      (v) => !v.typedOnly && v.prism !== null,
    );
    return violations.length
      ? fc.constantFrom(...violations).map((v) => v.request)
      : fc.constant(request);
  });
  const example = op.requests[0]?.[1] ?? {};
  const withBody = (body: fc.Arbitrary<unknown>) =>
    body.map((b): SpecRequest => ({ ...example, body: b }));

  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 5, arbitrary: broken },
    ...(op.hasBody ? [{ weight: 1, arbitrary: withBody(junk) }] : []),
    ...(extra ? [{ weight: 8, arbitrary: withBody(extra) }] : []),
  );
}

async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

/** The client under test, as the differential needs it. */
export interface DifferentialTarget {
  /** The mock serving the contract. */
  mockUrl: string;
  /** A client calling the mock, retries off. */
  client: object;
  /** The module's `validateRequestBody`. */
  validateRequestBody: (operationId: never, body: unknown) => unknown[];
  /** The module's `isValidationError`. */
  isValidationError: (error: unknown) => error is Error & { issues: Array<{ rule: string }> };
}

/** How many requests, from which seed, and sharper body generators for `op`, if any. */
export interface DifferentialRun {
  runs: number;
  seed: number;
  /** How to replay a failure, for its message. */
  replay: string;
  sharpened?: fc.Arbitrary<unknown>;
}

/**
 * Sends `run.runs` generated requests for `op` through the client and raw to the mock, and
 * expects the same verdict from both on every one.
 */
export async function expectAgreement(
  contract: Contract,
  op: SpecOperation,
  target: DifferentialTarget,
  run: DifferentialRun,
): Promise<void> {
  const { runs: RUNS, seed, replay } = run;
  const { client, validateRequestBody, isValidationError } = target;
  const candidates = fc.sample(requests(contract, op, run.sharpened), { numRuns: RUNS, seed });
  const started = performance.now();
  const disagreements: unknown[] = [];
  let valid = 0;
  let stricter = 0;
  await pool(candidates, CONCURRENCY, async (candidate) => {
    const issues = op.hasBody ? validateRequestBody(op.id as never, candidate.body) : [];
    // Prism's own verdict: the request sent raw, signed over its exact bytes.
    const answer = await rawRequest(op, candidate, target.mockUrl);
    const mockAccepts = answer.status === 200;
    if (![200, 400, 422].includes(answer.status)) {
      disagreements.push({ candidate, unexpectedStatus: answer.status });
    }
    // The method may also refuse a contract-valid body by an operation's own documented
    // rules (rules named `field.rule`, such as a paidTime in the future): stricter on purpose.
    const sent = await callMethod(client, op, candidate).then(
      () => 'sent',
      (error: unknown) => {
        if (!isValidationError(error)) return error;
        return error.issues.every((issue) => issue.rule.includes('.'))
          ? 'refused by a hook rule'
          : 'refused';
      },
    );
    const clientAccepts = sent === 'sent' || sent === 'refused by a hook rule';
    if (clientAccepts) valid++;
    if (sent === 'refused by a hook rule') stricter++;
    // The exported validator and the method agree on the body (parameters are the
    // method's alone).
    const validatorAgrees = issues.length === 0 || sent === 'refused';
    if (clientAccepts !== mockAccepts || !validatorAgrees) {
      disagreements.push({
        candidate,
        client: issues,
        method: sent,
        mock: { status: answer.status, violations: answer.headers.get('sl-violations') },
      });
    }
  });
  const seconds = (performance.now() - started) / 1000;
  console.info(
    `differential ${op.id}: ${candidates.length} requests (${valid} valid, ${candidates.length - valid} invalid; ${stricter} valid ones refused by the operation's own rules) in ${seconds.toFixed(1)} s, seed ${seed}`,
  );
  expect(disagreements, `seed ${seed}; replay with ${replay}`).toEqual([]);
  // The mix must exercise both verdicts, or the test proves little.
  expect(valid).toBeGreaterThan(RUNS * 0.2);
  expect(candidates.length - valid).toBeGreaterThan(RUNS * 0.3);
}
