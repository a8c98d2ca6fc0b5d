import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  createTianmanClient,
  isValidationError,
  type SyncPayScoreOrderBody,
  type ValidationError,
  validateRequestBody,
} from '../src/index.js';
import * as codePoints from '../src/schema-runtime/code-point-length.js';
import { APP_ID, APP_KEY, NOW, ok, recordingLogger, script, serve, validBody } from './helpers.js';

const body = (patch: Record<string, unknown>): SyncPayScoreOrderBody =>
  ({ ...validBody, ...patch }) as SyncPayScoreOrderBody;
const withDetail = (detail: unknown): SyncPayScoreOrderBody => body({ detail });
const without = (key: string): SyncPayScoreOrderBody => {
  const copy: Record<string, unknown> = { ...validBody };
  delete copy[key];
  return copy as SyncPayScoreOrderBody;
};

/** Calls the client against a live server and returns the error; the server must see nothing. */
async function refused(value: unknown, logger = recordingLogger()): Promise<ValidationError> {
  const server = await serve(script(ok));
  const client = createTianmanClient({
    appId: APP_ID,
    appKey: APP_KEY,
    baseUrl: server.url,
    now: () => NOW,
    logger,
  });
  const error = await client.syncPayScoreOrder(value as SyncPayScoreOrderBody).then(
    () => expect.unreachable('the body should have been refused'),
    (e: ValidationError) => e,
  );
  expect(isValidationError(error)).toBe(true);
  expect(server.connections).toBe(0);
  expect(server.received).toHaveLength(0);
  expect(logger.events.filter((e) => e.level === 'debug')).toHaveLength(0);
  return error;
}

const issuesOf = (error: ValidationError) =>
  error.issues.map(({ path, rule }) => `${path} ${rule}`);

describe('validation from the spec: each rule is a named issue, and nothing is sent', () => {
  it.each([
    ['the body is not an object', null, ' type'],
    ['the body is an array', [validBody], ' type'],
    ['the body is a string', JSON.stringify(validBody), ' type'],
    ['the body is undefined', undefined, ' type'],
    ['fenOrderId is missing', without('fenOrderId'), '/fenOrderId required'],
    ['mid is missing', without('mid'), '/mid required'],
    ['serviceId is missing', without('serviceId'), '/serviceId required'],
    ['type is missing', without('type'), '/type required'],
    ['detail is missing while type is Order_Paid (if/then)', without('detail'), '/detail required'],
    [
      'an unknown top-level field (a misspelling)',
      body({ fenOrderID: 'X' }),
      '/fenOrderID additionalProperties',
    ],
    ['fenOrderId is a number', body({ fenOrderId: 1234 }), '/fenOrderId type'],
    ['fenOrderId is longer than 32', body({ fenOrderId: 'A'.repeat(33) }), '/fenOrderId maxLength'],
    ['fenOrderId has a space', body({ fenOrderId: 'ORDER 1' }), '/fenOrderId pattern'],
    ['fenOrderId has a slash', body({ fenOrderId: 'ORDER/1' }), '/fenOrderId pattern'],
    ['fenOrderId has Chinese', body({ fenOrderId: '订单1' }), '/fenOrderId pattern'],
    ['mid is empty', body({ mid: '' }), '/mid minLength'],
    ['mid is longer than 32 characters', body({ mid: '1'.repeat(33) }), '/mid maxLength'],
    [
      'mid is 33 emoji (code points, not UTF-16 units)',
      body({ mid: '😀'.repeat(33) }),
      '/mid maxLength',
    ],
    ['mid is null', body({ mid: null }), '/mid type'],
    ['serviceId is empty', body({ serviceId: '' }), '/serviceId minLength'],
    ['serviceId is longer than 32', body({ serviceId: 'S'.repeat(33) }), '/serviceId maxLength'],
    ['type is not Order_Paid', body({ type: 'Order_Refund' }), '/type enum'],
    ['type is a number', body({ type: 1 }), '/type type'],
    [
      'detail is a JSON string (the page samples)',
      withDetail('{"paidTime":"20261125143000"}'),
      '/detail type',
    ],
    [
      'detail has an unknown field',
      withDetail({ paidTime: '20261125143000', paidtime: 'x' }),
      '/detail/paidtime additionalProperties',
    ],
    ['detail.paidTime is missing', withDetail({}), '/detail/paidTime required'],
    ['paidTime is a number', withDetail({ paidTime: 20261125143000 }), '/detail/paidTime type'],
    [
      'paidTime is dashed',
      withDetail({ paidTime: '2026-11-25 14:30:00' }),
      '/detail/paidTime pattern',
    ],
    [
      'paidTime has 12 digits',
      withDetail({ paidTime: '202611251430' }),
      '/detail/paidTime pattern',
    ],
    [
      'paidTime has month 13',
      withDetail({ paidTime: '20261325143000' }),
      '/detail/paidTime pattern',
    ],
    [
      'paidTime has hour 24',
      withDetail({ paidTime: '20261125243000' }),
      '/detail/paidTime pattern',
    ],
    [
      'paidTime is longer than 64',
      withDetail({ paidTime: '2'.repeat(65) }),
      '/detail/paidTime maxLength',
    ],
  ])('%s', async (_label, value, expected) => {
    const error = await refused(value);
    expect(issuesOf(error)).toContain(expected);
    expect(error).toMatchObject({
      name: 'ValidationError',
      code: 'ERR_VALIDATION',
      status: 0,
      attempts: 0,
    });
    const issue = error.issues.find((i) => `${i.path} ${i.rule}` === expected);
    expect(error.message).toContain(`${issue?.message} [${issue?.rule}]`);
  });

  it('lists every violation in one error', async () => {
    const error = await refused({
      fenOrderId: 'ORDER 1',
      mid: '',
      type: 'Order_Paid',
      extra: true,
      detail: { paidTime: 'yesterday' },
    });
    // Unknown fields first, then each declared field in the contract's order.
    expect(issuesOf(error)).toEqual([
      '/extra additionalProperties',
      '/fenOrderId pattern',
      '/mid minLength',
      '/serviceId required',
      '/detail/paidTime pattern',
    ]);
    expect(error.message).toMatch(/^@tianman\/client: invalid body, nothing sent: /);
  });

  it('validates what JSON.stringify sends: undefined fields are absent, not errors', async () => {
    const server = await serve(script(ok));
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    await client.syncPayScoreOrder({ ...validBody, extra: undefined } as SyncPayScoreOrderBody);
    expect(server.received[0]?.body.toString()).toBe(JSON.stringify(validBody));
  });

  it('a body JSON cannot represent is refused', async () => {
    const circular: Record<string, unknown> = { ...validBody };
    circular.self = circular;
    expect(issuesOf(await refused(circular))).toEqual([' type']);
    expect(issuesOf(await refused({ ...validBody, mid: 10n }))).toEqual([' type']);
  });
});

describe('paidTime rules beyond the contract', () => {
  const at = (paidTime: string) => withDetail({ paidTime });

  it('rejects a paidTime later than now + 60 s (paidTime.notInFuture)', async () => {
    const error = await refused(at('20261125143301')); // now is 14:32:00
    expect(error.issues).toEqual([
      {
        path: '/detail/paidTime',
        rule: 'paidTime.notInFuture',
        message: '/detail/paidTime is later than now + 60 s',
      },
    ]);
  });

  it('accepts a paidTime exactly now + 60 s', async () => {
    const server = await serve(script(ok));
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
    });
    await expect(client.syncPayScoreOrder(at('20261125143300'))).resolves.toMatchObject({
      respCode: '0000',
    });
  });

  it('rejects a date that does not exist (paidTime.realDate)', async () => {
    expect(issuesOf(await refused(at('20260230120000')))).toEqual([
      '/detail/paidTime paidTime.realDate',
    ]);
    expect(issuesOf(await refused(at('20250229')))).toContain('/detail/paidTime paidTime.realDate');
  });

  it('rejects a date-only paidTime in the future even at its earliest reading', async () => {
    expect(issuesOf(await refused(at('20261126')))).toContain(
      '/detail/paidTime paidTime.notInFuture',
    );
  });

  it('sends a date-only paidTime of today, with a redacted warning (paidTime.dateOnly)', async () => {
    const server = await serve(script(ok));
    const logger = recordingLogger();
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      now: () => NOW,
      logger,
    });
    await client.syncPayScoreOrder(at('20261125'));
    const warning = logger.events.find((e) => e.level === 'warn');
    expect(warning?.message).toContain('/detail/paidTime is date-only');
    expect(warning?.details).toEqual({ path: '/detail/paidTime', rule: 'paidTime.dateOnly' });
    expect(server.received).toHaveLength(1);
  });

  it('does not apply the paidTime rules when the contract already refused the field', async () => {
    expect(issuesOf(await refused(at('2026-11-26')))).toEqual(['/detail/paidTime pattern']);
  });
});

describe('the generated validator (compiled from the contract)', () => {
  it('validateRequestBody gives the contract verdict, without the paidTime rules', () => {
    expect(validateRequestBody('syncPayScoreOrder', validBody)).toEqual([]);
    expect(
      validateRequestBody('syncPayScoreOrder', withDetail({ paidTime: '20991231235959' })),
    ).toEqual([]);
    expect(validateRequestBody('syncPayScoreOrder', without('mid'))).toEqual([
      { path: '/mid', rule: 'required', message: '/mid is required' },
    ]);
    expect(() => validateRequestBody('nope' as 'syncPayScoreOrder', {})).toThrow(
      'unknown operationId nope',
    );
  });

  it('a pattern failure says what is allowed, from the spec, not the regex', () => {
    expect(validateRequestBody('syncPayScoreOrder', body({ fenOrderId: 'a b' }))).toEqual([
      {
        path: '/fenOrderId',
        rule: 'pattern',
        message: '/fenOrderId must be letters, digits and _-|* only',
      },
    ]);
  });

  it('escapes ~ and / in JSON Pointer paths', () => {
    expect(
      validateRequestBody('syncPayScoreOrder', body({ 'a/b~c': 1 })).map((i) => i.path),
    ).toEqual(['/a~1b~0c']);
  });

  it('a required property must be own: inherited names do not count', () => {
    const inherited = Object.create({ fenOrderId: 'X' });
    Object.assign(inherited, without('fenOrderId'));
    expect(validateRequestBody('syncPayScoreOrder', inherited).map((i) => i.path)).toEqual([
      '/fenOrderId',
    ]);
  });

  it('cuts long keys in paths and messages, and lists a few issues in the error message', async () => {
    const long = 'k'.repeat(100_000);
    const issues = validateRequestBody('syncPayScoreOrder', body({ [long]: 1 }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path.length).toBeLessThanOrEqual(65);
    expect(issues[0]?.message.length).toBeLessThan(120);
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x${i}`, i]));
    const error = await refused(body(many));
    expect(error.issues).toHaveLength(500);
    expect(error.message).toContain('and 495 more');
    expect(error.message.length).toBeLessThan(600);
  });

  it('decides a 10 MB string by its length alone: a maxLength issue, no code point counted', () => {
    const spy = vi.spyOn(codePoints, 'codePointLength');
    // serviceId: 20 code points in 40 UTF-16 units, between maxLength (32) and twice it, so
    // `.length` cannot decide and its code points are counted.
    const issues = validateRequestBody(
      'syncPayScoreOrder',
      body({ mid: 'x'.repeat(10_000_000), serviceId: '😀'.repeat(20) }),
    );
    expect(issues).toEqual([
      { path: '/mid', rule: 'maxLength', message: '/mid must be at most 32 characters' },
    ]);
    const counted = spy.mock.calls.map(([s]) => s.length);
    expect(counted).toContain(40);
    expect(counted.every((length) => length <= 64)).toBe(true);
    spy.mockRestore();
  });

  it('does not run the pattern over a string longer than twice its maxLength', () => {
    const test = vi.spyOn(RegExp.prototype, 'test');
    const issues = validateRequestBody(
      'syncPayScoreOrder',
      body({ fenOrderId: 'A'.repeat(10_000_000) }),
    );
    expect(issues).toEqual([
      {
        path: '/fenOrderId',
        rule: 'maxLength',
        message: '/fenOrderId must be at most 32 characters',
      },
    ]);
    const lengths = test.mock.calls.map(([s]) => String(s).length);
    test.mockRestore();
    // The other fields' patterns ran (the paidTime's), the long one's did not.
    expect(lengths).toContain(14);
    expect(lengths.every((length) => length <= 64)).toBe(true);
    // At twice maxLength exactly, the pattern still speaks.
    expect(
      validateRequestBody('syncPayScoreOrder', body({ fenOrderId: `${'A'.repeat(63)} ` })).map(
        (i) => i.rule,
      ),
    ).toEqual(['maxLength', 'pattern']);
  });

  it('codePointLength counts code points as JSON Schema does (lone surrogates are one each)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\ud83d', '\ude00', '😀', '中'),
            fc.string({ minLength: 1, maxLength: 1 }),
          ),
          maxLength: 70,
        }),
        (s) => codePoints.codePointLength(s) === [...s].length,
      ),
    );
  });
});

describe('validator properties', () => {
  const codePointString = (max: number) =>
    fc.string({ unit: 'binary', minLength: 1, maxLength: max });
  const validBodies = fc.record({
    fenOrderId: fc.stringMatching(/^[A-Za-z0-9_|*-]{1,32}$/),
    mid: codePointString(32),
    serviceId: codePointString(32),
    type: fc.constant('Order_Paid' as const),
    detail: fc.record({
      paidTime: fc.stringMatching(
        /^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$/,
      ),
    }),
  });

  it('accepts every body the contract allows', () => {
    fc.assert(
      fc.property(validBodies, (b) => validateRequestBody('syncPayScoreOrder', b).length === 0),
    );
  });

  it('refuses any added unknown field, with exactly one issue at its path', () => {
    const known = new Set(['fenOrderId', 'mid', 'serviceId', 'type', 'detail']);
    fc.assert(
      fc.property(
        validBodies,
        fc.string().filter((k) => !known.has(k) && k !== '__proto__'),
        fc.jsonValue(),
        (b, key, value) => {
          const issues = validateRequestBody('syncPayScoreOrder', { ...b, [key]: value });
          const path = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          return (
            (value === undefined && issues.length === 0) ||
            (issues.length === 1 &&
              issues[0]?.rule === 'additionalProperties' &&
              issues[0]?.path === path)
          );
        },
      ),
    );
  });

  it('counts code points for maxLength and minLength, whatever the string (lone surrogates included)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\ud83d', '\ude00', '😀', '中'),
            fc.string({ minLength: 1, maxLength: 1 }),
          ),
          maxLength: 70,
        }),
        (s) => {
          const issues = validateRequestBody('syncPayScoreOrder', body({ mid: s })).map(
            (i) => i.rule,
          );
          const n = [...s].length;
          return issues.includes('maxLength') === n > 32 && issues.includes('minLength') === n < 1;
        },
      ),
    );
  });

  it('never throws on any JSON value, and refuses every non-object body with a type issue', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const issues = validateRequestBody('syncPayScoreOrder', value);
        const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
        return issues.length > 0 && (isObject || issues[0]?.rule === 'type');
      }),
    );
  });
});
