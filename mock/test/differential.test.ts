import { createTianmanClient, isValidationError, validateRequestBody } from '@tianman/client';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { defaultSpecPath } from '../src/spec-path.js';
import { rawCall } from './helpers.js';
import {
  type Contract,
  loadContract,
  type Schema,
  type SpecOperation,
  violationsOf,
} from './spec-operations.js';

// The client's validator and Prism (Ajv behind the gate) must give the same verdict on every
// body of every operation: a body the client lets through must not be refused by the platform's
// contract check, and a body it refuses must be one the contract refuses. Bodies are generated
// from each operation's request schema (valid ones, and valid ones with one constraint broken,
// derived as operations.test.ts derives them), plus, for an operation that has them, sharper
// generators near the rules' edges, where hand-written validators drift: code points versus
// UTF-16 units at maxLength, anchors and the ASCII-only character classes of the patterns,
// `if`/`then`, closed objects. Prism's verdict comes from the body sent raw (signed with
// @tianman/signer, bypassing the client, which would refuse an invalid body before sending it).

/** Bodies per operation. */
const RUNS = 1200;
const CONCURRENCY = 8;

// ---- syncPayScoreOrder, sharpened: generators tuned to its rules' edges ----

const FIELDS = ['fenOrderId', 'mid', 'serviceId', 'type', 'detail'] as const;

/** One code point of each UTF-8 width, and one outside the BMP (two UTF-16 units). */
const wideChar = fc.constantFrom('a', 'é', '订', '😀', '𠀀', 'Ａ', '\u0000', '\n');

/** A string of `n` code points drawn from `chars`. */
const codePoints = (chars: fc.Arbitrary<string>, min: number, max: number) =>
  fc.array(chars, { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Lengths clustered around a limit: min-1 … min+1 and max-1 … max+1, plus anything between. */
const nearLimit = (chars: fc.Arbitrary<string>, limit: number) =>
  fc.oneof(
    fc.integer({ min: limit - 1, max: limit + 1 }).chain((n) => codePoints(chars, n, n)),
    codePoints(chars, 0, 2),
    codePoints(chars, 0, limit + 3),
  );

const orderChar = fc.constantFrom(
  ...'ABCxyz0189_-|*'.split(''),
  // Near misses: ASCII punctuation, full-width look-alikes, whitespace.
  ' ',
  '.',
  '#',
  '｜',
  '＊',
  '订',
  '\n',
);
const validOrderChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcz0123456789_-|*'.split(''));

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const pad = (n: number) => String(n).padStart(2, '0');

/** Real instants in the past, mostly: what a correct integration sends. */
const pastPaidTime = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date(Date.now() - 3600_000),
    noInvalidDate: true,
  })
  .chain((date) =>
    fc.boolean().map((dateOnly) => {
      const beijing = new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '');
      return dateOnly ? beijing.slice(0, 8) : beijing.slice(0, 14);
    }),
  );

/** Anything the pattern allows: years 0000–9999, day 31 of any month, the future. */
const patternPaidTime = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    dateOnly: fc.boolean(),
  })
  .map(
    ({ y, mo, d, h, mi, s, dateOnly }) =>
      `${String(y).padStart(4, '0')}${pad(mo)}${pad(d)}${dateOnly ? '' : `${pad(h)}${pad(mi)}${pad(s)}`}`,
  );

const validPaidTime = fc.oneof({ weight: 3, arbitrary: pastPaidTime }, patternPaidTime);

const anyPaidTime = fc.oneof(
  { weight: 3, arbitrary: validPaidTime },
  // Out-of-range parts: month 00/13, day 00/32, hour 24, minute/second 60.
  fc
    .tuple(
      validPaidTime,
      fc.integer({ min: 0, max: 5 }),
      fc.constantFrom('00', '13', '32', '24', '60', '99'),
    )
    .map(([t, part, bad]) => {
      const at = [4, 6, 8, 10, 12, 12][part] as number;
      return t.length >= at + 2 ? t.slice(0, at) + bad + t.slice(at + 2) : t + bad;
    }),
  digits(12),
  digits(13),
  digits(15),
  digits(8).map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`),
  validPaidTime.map((t) => `${t}\n`),
  validPaidTime.map((t) => ` ${t}`),
  validPaidTime.map((t) =>
    t.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  ),
  nearLimit(fc.constantFrom('1', '2', 'x'), 64),
);

const junk = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
);

const detail = fc.oneof(
  { weight: 6, arbitrary: anyPaidTime.map((paidTime) => ({ paidTime })) },
  // The page sample's shape: detail as a JSON string.
  anyPaidTime.map((paidTime) => JSON.stringify({ paidTime })),
  fc.constant({}),
  anyPaidTime.map((paidTime) => ({ paidTime, extra: 1 })),
  anyPaidTime.map((paidtime) => ({ paidtime })),
  junk.map((paidTime) => ({ paidTime })),
  junk,
);

/** Exactly `n` code points, `n` drawn evenly over [min, max] with extra weight at the top edge. */
const exactly = (chars: fc.Arbitrary<string>, min: number, max: number) =>
  fc
    .oneof(fc.integer({ min, max }), fc.integer({ min: Math.max(min, max - 2), max }))
    .chain((n) => codePoints(chars, n, n));

const validBody = fc.record({
  fenOrderId: exactly(validOrderChar, 1, 32),
  mid: exactly(wideChar, 1, 32),
  serviceId: exactly(wideChar, 1, 32),
  type: fc.constant('Order_Paid'),
  detail: validPaidTime.map((paidTime) => ({ paidTime })),
});

type Body = Record<string, unknown>;

/** One change to a valid body: the bodies that tell two validators apart. */
const mutation: fc.Arbitrary<(body: Body) => Body> = fc.oneof(
  fc
    .tuple(fc.constantFrom('mid', 'serviceId'), nearLimit(wideChar, 32))
    .map(([key, value]) => (b: Body) => ({ ...b, [key]: value })),
  fc
    .oneof(nearLimit(validOrderChar, 32), codePoints(orderChar, 1, 33))
    .map((fenOrderId) => (b: Body) => ({ ...b, fenOrderId })),
  anyPaidTime.map((paidTime) => (b: Body) => ({ ...b, detail: { paidTime } })),
  detail.map((d) => (b: Body) => ({ ...b, detail: d })),
  fc.tuple(fc.constantFrom(...FIELDS), junk).map(([key, value]) => (b: Body) => ({
    ...b,
    [key]: value,
  })),
  fc.constantFrom(...FIELDS).map((key) => (b: Body) => {
    const copy = { ...b };
    delete copy[key];
    return copy;
  }),
  fc
    .constantFrom('order_paid', 'Order_Paid ', '', 'Order_Refund')
    .map((type) => (b: Body) => ({ ...b, type })),
  fc
    .constantFrom('fenOrderID', 'paidTime', 'remark', 'Mid')
    .map((key) => (b: Body) => ({ ...b, [key]: 'x' })),
);

const oneMutation = fc.tuple(validBody, mutation).map(([b, change]) => change(b));

const anyBody = fc
  .record({
    fenOrderId: fc.oneof(nearLimit(validOrderChar, 32), codePoints(orderChar, 0, 34), junk),
    mid: fc.oneof(nearLimit(wideChar, 32), junk),
    serviceId: fc.oneof(nearLimit(wideChar, 32), junk),
    type: fc.oneof(
      { weight: 5, arbitrary: fc.constant('Order_Paid') },
      fc.constantFrom('order_paid', 'Order_Paid ', '', 'Order_Refund'),
      junk,
    ),
    detail,
    // Which fields to drop, and extra ones to add (misspellings among them).
    drop: fc.subarray([...FIELDS], { maxLength: 2 }),
    extra: fc.dictionary(
      fc.constantFrom('fenOrderID', 'paidTime', 'remark', 'Mid', 'detail '),
      fc.string({ maxLength: 3 }),
      { maxKeys: 1 },
    ),
  })
  .map(({ drop, extra, ...fields }) => {
    const body: Body = { ...fields, ...extra };
    for (const key of drop) delete body[key];
    return body;
  });

const syncPayScoreOrderBody = fc.oneof(
  { weight: 4, arbitrary: validBody },
  { weight: 5, arbitrary: oneMutation },
  { weight: 3, arbitrary: anyBody },
  { weight: 1, arbitrary: junk },
);

/** Hand-tuned generators, by operationId: optional, the generic ones cover every operation. */
const sharpened: Record<string, fc.Arbitrary<unknown>> = {
  syncPayScoreOrder: syncPayScoreOrderBody,
};

// ---- every operation: bodies generated from its request schema ----

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

/** Bodies for `op`: valid ones, valid ones with one constraint broken, junk, sharper ones. */
function bodies(contract: Contract, op: SpecOperation): fc.Arbitrary<unknown> {
  const valid = validValue(contract, [op.schema as Schema]);
  const broken = valid.chain((body) => {
    const violations = violationsOf(contract, op, body);
    return violations.length
      ? fc.constantFrom(...violations).map((v) => v.body)
      : fc.constant(body);
  });
  const extra = sharpened[op.id];
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 5, arbitrary: broken },
    { weight: 1, arbitrary: junk },
    ...(extra ? [{ weight: 8, arbitrary: extra }] : []),
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

const contract = loadContract(defaultSpecPath());
// One seed for the run, printed first so a failure (or a timeout) can be replayed.
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
if (!Number.isInteger(seed))
  throw new Error(`FC_SEED must be an integer; got ${process.env.FC_SEED}`);
const replay = `FC_SEED=${seed} pnpm --filter @tianman/mock exec vitest run test/differential.test.ts`;
console.info(`differential: fast-check seed ${seed}; replay with ${replay}`);

describe('differential: the client’s validator versus Prism behind the mock', () => {
  it.each(contract.operations.map((op) => [op.id, op] as const))(
    `%s: agrees on ${RUNS} generated bodies, valid and invalid`,
    { timeout: 120_000 },
    async (_id, op) => {
      const candidates = fc.sample(bodies(contract, op), { numRuns: RUNS, seed });
      const client = createTianmanClient({
        ...inject('mockCredentials'),
        baseUrl: inject('mockUrl'),
        retry: { limit: 0 },
      });
      const method = (client as unknown as Record<string, (body: unknown) => Promise<unknown>>)[
        op.id
      ] as (body: unknown) => Promise<unknown>;
      const started = performance.now();
      const disagreements: unknown[] = [];
      let valid = 0;
      let stricter = 0;
      await pool(candidates, CONCURRENCY, async (candidate) => {
        const issues = validateRequestBody(op.id as never, candidate);
        // Prism's own verdict: the body sent raw, signed over its exact bytes.
        const answer = await rawCall(JSON.stringify(candidate), { path: op.path });
        const mockAccepts = answer.status === 200;
        if (![200, 400, 422].includes(answer.status)) {
          disagreements.push({ candidate, unexpectedStatus: answer.status });
        }
        // The client's public path must give the exported validator's verdict, except that an
        // operation's hook may also refuse a contract-valid body by its own documented rules
        // (rules named `field.rule`, such as a paidTime in the future): stricter on purpose.
        const sent = await method(candidate).then(
          () => 'sent',
          (error: unknown) => {
            if (!isValidationError(error)) return error;
            return error.issues.every((issue) => issue.rule.includes('.'))
              ? 'refused by a hook rule'
              : 'refused';
          },
        );
        const clientAccepts = issues.length === 0;
        if (clientAccepts) valid++;
        if (sent === 'refused by a hook rule') stricter++;
        const methodAgrees = clientAccepts
          ? sent === 'sent' || sent === 'refused by a hook rule'
          : sent === 'refused';
        if (clientAccepts !== mockAccepts || !methodAgrees) {
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
        `differential ${op.id}: ${candidates.length} bodies (${valid} valid, ${candidates.length - valid} invalid; ${stricter} valid ones refused by the operation's own rules) in ${seconds.toFixed(1)} s, seed ${seed}`,
      );
      expect(disagreements, `seed ${seed}; replay with ${replay}`).toEqual([]);
      // The mix must exercise both verdicts, or the test proves little.
      expect(valid).toBeGreaterThan(RUNS * 0.2);
      expect(candidates.length - valid).toBeGreaterThan(RUNS * 0.3);
    },
  );
});
