import { createTianmanClient, ValidationError } from '@tianman/client';
import { createTianmanApi } from '@tianman/client/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockRequestLog, type RunningMock, startMock } from '../src/index.js';
import { rawCall, SYNC_PATH, validBody } from './helpers.js';

// Every rule of the order-sync contract at its edges (code points, anchors, the page sample's
// shapes), enforced twice: by the client before anything is sent (methods and the api go
// through the same validation), and by Prism behind the gate, the same body sent raw (signed
// with @tianman/signer, bypassing the client). A mock of its own so the requests it receives can
// be counted. The rules of every operation, derived from the spec, are in operations.test.ts.
let mock: RunningMock;
const received: MockRequestLog[] = [];
beforeAll(async () => {
  mock = await startMock({ port: 0, log: (entry) => received.push(entry) });
});
afterAll(() => mock.close());

function client() {
  return createTianmanClient({
    ...mock.credentials,
    baseUrl: mock.url,
  });
}

function without(key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...validBody };
  delete copy[key];
  return copy;
}

const detail = (value: unknown) => ({ ...validBody, detail: value });
const paidTime = (value: unknown) => detail({ paidTime: value });

// [what, body, the client's issue (JSON Pointer + rule), Prism's violation (location + keyword)]
const rules: Array<
  [string, unknown, { path: string; rule: string }, { at: string; code: string }]
> = [
  [
    'fenOrderId missing',
    without('fenOrderId'),
    { path: '/fenOrderId', rule: 'required' },
    { at: '', code: 'required' },
  ],
  ['mid missing', without('mid'), { path: '/mid', rule: 'required' }, { at: '', code: 'required' }],
  [
    'serviceId missing',
    without('serviceId'),
    { path: '/serviceId', rule: 'required' },
    { at: '', code: 'required' },
  ],
  [
    'type missing',
    without('type'),
    { path: '/type', rule: 'required' },
    { at: '', code: 'required' },
  ],
  [
    'detail missing while type is Order_Paid',
    without('detail'),
    { path: '/detail', rule: 'required' },
    { at: '', code: 'required' },
  ],
  [
    'detail.paidTime missing',
    detail({}),
    { path: '/detail/paidTime', rule: 'required' },
    { at: 'detail', code: 'required' },
  ],
  [
    'fenOrderId empty',
    { ...validBody, fenOrderId: '' },
    { path: '/fenOrderId', rule: 'minLength' },
    { at: 'fenOrderId', code: 'minLength' },
  ],
  [
    'fenOrderId of 33 characters',
    { ...validBody, fenOrderId: 'A'.repeat(33) },
    { path: '/fenOrderId', rule: 'maxLength' },
    { at: 'fenOrderId', code: 'maxLength' },
  ],
  [
    'fenOrderId with a space',
    { ...validBody, fenOrderId: 'ORDER 1' },
    { path: '/fenOrderId', rule: 'pattern' },
    { at: 'fenOrderId', code: 'pattern' },
  ],
  [
    'fenOrderId with Chinese',
    { ...validBody, fenOrderId: '订单1' },
    { path: '/fenOrderId', rule: 'pattern' },
    { at: 'fenOrderId', code: 'pattern' },
  ],
  [
    'mid empty',
    { ...validBody, mid: '' },
    { path: '/mid', rule: 'minLength' },
    { at: 'mid', code: 'minLength' },
  ],
  [
    'mid of 33 code points (emoji, 66 UTF-16 units)',
    { ...validBody, mid: '😀'.repeat(33) },
    { path: '/mid', rule: 'maxLength' },
    { at: 'mid', code: 'maxLength' },
  ],
  [
    'serviceId empty',
    { ...validBody, serviceId: '' },
    { path: '/serviceId', rule: 'minLength' },
    { at: 'serviceId', code: 'minLength' },
  ],
  [
    'serviceId of 33 Chinese characters',
    { ...validBody, serviceId: '服'.repeat(33) },
    { path: '/serviceId', rule: 'maxLength' },
    { at: 'serviceId', code: 'maxLength' },
  ],
  [
    'type not Order_Paid',
    { ...validBody, type: 'order_paid' },
    { path: '/type', rule: 'enum' },
    { at: 'type', code: 'enum' },
  ],
  [
    'type a number',
    { ...validBody, type: 1 },
    { path: '/type', rule: 'type' },
    { at: 'type', code: 'type' },
  ],
  [
    'mid a number',
    { ...validBody, mid: 898310148160568 },
    { path: '/mid', rule: 'type' },
    { at: 'mid', code: 'type' },
  ],
  [
    'paidTime with separators',
    paidTime('2026-11-25 14:30:00'),
    { path: '/detail/paidTime', rule: 'pattern' },
    { at: 'detail.paidTime', code: 'pattern' },
  ],
  [
    'paidTime in month 13',
    paidTime('20261325143000'),
    { path: '/detail/paidTime', rule: 'pattern' },
    { at: 'detail.paidTime', code: 'pattern' },
  ],
  [
    'paidTime at 24 o’clock',
    paidTime('20261125240000'),
    { path: '/detail/paidTime', rule: 'pattern' },
    { at: 'detail.paidTime', code: 'pattern' },
  ],
  [
    'paidTime of 12 digits',
    paidTime('202611251430'),
    { path: '/detail/paidTime', rule: 'pattern' },
    { at: 'detail.paidTime', code: 'pattern' },
  ],
  [
    'paidTime longer than 64',
    paidTime('2'.repeat(65)),
    { path: '/detail/paidTime', rule: 'maxLength' },
    { at: 'detail.paidTime', code: 'maxLength' },
  ],
  [
    'paidTime a number',
    paidTime(20261125143000),
    { path: '/detail/paidTime', rule: 'type' },
    { at: 'detail.paidTime', code: 'type' },
  ],
  [
    'detail as a JSON string (the page sample’s shape)',
    detail('{"paidTime":"20261125143000"}'),
    { path: '/detail', rule: 'type' },
    { at: 'detail', code: 'type' },
  ],
  [
    'detail with an unknown field',
    detail({ paidTime: '20261125143000', payTime: '20261125143000' }),
    { path: '/detail/payTime', rule: 'additionalProperties' },
    { at: 'detail', code: 'additionalProperties' },
  ],
  [
    'a misspelt top-level field',
    { ...validBody, fenOrderID: 'X1' },
    { path: '/fenOrderID', rule: 'additionalProperties' },
    { at: '', code: 'additionalProperties' },
  ],
  [
    'a body that is not an object',
    ['fenOrderId'],
    { path: '', rule: 'type' },
    { at: '', code: 'type' },
  ],
];

describe.each(rules)('%s', (_what, body, issue, violation) => {
  it('the client refuses it and sends nothing', async () => {
    const before = received.length;
    const error = await client()
      .syncPayScoreOrder(body as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toContainEqual(expect.objectContaining(issue));
    const apiError = await createTianmanApi(client())
      .POST(SYNC_PATH, { body: body as never })
      .catch((e: unknown) => e);
    expect(apiError).toBeInstanceOf(ValidationError);
    expect((apiError as ValidationError).issues).toContainEqual(expect.objectContaining(issue));
    expect(received.length - before).toBe(0);
  });

  it('Prism refuses it too, the same body sent raw (signed, bypassing the client)', async () => {
    const answer = await rawCall(JSON.stringify(body), { url: mock.url });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ errCode: '9001', errInfo: '参数校验失败' });
    const violations = JSON.parse(answer.headers.get('sl-violations') ?? '[]') as Array<{
      location: string[];
      code: string;
    }>;
    expect(violations).toContainEqual(
      expect.objectContaining({
        code: violation.code,
        location: ['request', 'body', ...(violation.at ? violation.at.split('.') : [])],
      }),
    );
  });
});

describe('a valid body', () => {
  it('passes both, and reaches the mock exactly once', async () => {
    const before = received.length;
    const result = await client().syncPayScoreOrder({ ...validBody });
    expect(result.respCode).toBe('0000');
    expect(received.length - before).toBe(1);
  });

  it.each([
    [
      '32 ASCII characters everywhere',
      { fenOrderId: 'A'.repeat(32), mid: 'm'.repeat(32), serviceId: 's'.repeat(32) },
    ],
    ['32 emoji (64 UTF-16 units) in mid', { mid: '😀'.repeat(32) }],
    ['32 Chinese characters in serviceId', { serviceId: '服'.repeat(32) }],
    ['every allowed special character in fenOrderId', { fenOrderId: 'a_b-c|d*e' }],
    ['a date-only paidTime', { detail: { paidTime: '20261125' } }],
  ])('at the edge: %s', async (_what, change) => {
    const { response } = await createTianmanApi(client()).POST(SYNC_PATH, {
      body: { ...validBody, ...change } as never,
    });
    expect(response.status).toBe(200);
    expect((await client().syncPayScoreOrder({ ...validBody, ...change } as never)).respCode).toBe(
      '0000',
    );
  });
});
