import { createTianmanClient, isValidationError, validateRequestBody } from '@tianman/client';
import fc from 'fast-check';
import { describe, inject, it } from 'vitest';
import { defaultSpecPath } from '../src/spec-path.js';
import { codePoints, exactly, expectAgreement, junk, wideChar } from './differential-suite.js';
import { loadContract } from './spec-operations.js';

// The client's verdict and Prism's agree on every request of every operation of the spec
// (differential-suite.ts says how). For syncPayScoreOrder, sharper body generators aim at its
// rules' edges, where hand-written validators drift: code points versus UTF-16 units at
// maxLength, anchors and the ASCII-only character classes of the patterns, `if`/`then`, closed
// objects.

/** Requests per operation. */
const RUNS = 1200;

// ---- syncPayScoreOrder, sharpened: generators tuned to its rules' edges ----

const FIELDS = ['fenOrderId', 'mid', 'serviceId', 'type', 'detail'] as const;

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

const contract = loadContract(defaultSpecPath());
// One seed for the run, printed first so a failure (or a timeout) can be replayed.
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
if (!Number.isInteger(seed))
  throw new Error(`FC_SEED must be an integer; got ${process.env.FC_SEED}`);
const replay = `FC_SEED=${seed} pnpm --filter @tianman/mock exec vitest run test/differential.test.ts`;
console.info(`differential: fast-check seed ${seed}; replay with ${replay}`);

describe('differential: the client’s validator versus Prism behind the mock', () => {
  it.each(contract.operations.map((op) => [op.id, op] as const))(
    `%s: agrees on ${RUNS} generated requests, valid and invalid`,
    { timeout: 120_000 },
    async (_id, op) => {
      const client = createTianmanClient({
        ...inject('mockCredentials'),
        baseUrl: inject('mockUrl'),
        retry: { limit: 0 },
      });
      await expectAgreement(
        contract,
        op,
        { mockUrl: inject('mockUrl'), client, validateRequestBody, isValidationError },
        { runs: RUNS, seed, replay, sharpened: sharpened[op.id] },
      );
    },
  );
});
