import { describe, expect, it } from 'vitest';
import { deref, spec, validatorFor } from './load-spec.js';

const SYNC = '/v1/inip/corporate-wallet/wechat-pay-point/order/sync';
const TOKEN = '/v1/token/access';
const syncRequest = validatorFor('#/components/schemas/SyncPayScoreOrderRequest');

const valid = {
  fenOrderId: 'ORDER_2026-11|25*01',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20261125143000' },
};

function errorsOf(body: unknown): string[] {
  syncRequest(body);
  return (syncRequest.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

describe('the contract document', () => {
  it('is OpenAPI 3.1 with both operations', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths[SYNC].post.operationId).toBe('syncPayScoreOrder');
    expect(spec.paths[TOKEN].post.operationId).toBe('getAccessToken');
  });

  it('lists production, test and the local mock as servers', () => {
    expect(spec.servers.map((s: { url: string }) => s.url)).toEqual([
      'https://api-mop.chinaums.com',
      'https://test-api-open.chinaums.com',
      'http://127.0.0.1:4010',
    ]);
  });

  it('lets the sync call use either scheme and the token call none', () => {
    expect(spec.paths[SYNC].post.security).toEqual([{ OpenBodySig: [] }, { OpenAccessToken: [] }]);
    expect(spec.paths[TOKEN].post.security).toEqual([]);
    for (const scheme of Object.values(spec.components.securitySchemes) as Array<{
      in: string;
      name: string;
    }>) {
      expect([scheme.in, scheme.name]).toEqual(['header', 'Authorization']);
    }
  });
});

// One test per named example, so a broken example names itself.
const exampleCases: Array<[string, string, unknown]> = [];
// biome-ignore lint/suspicious/noExplicitAny: the document is walked generically.
for (const [, item] of Object.entries(spec.paths) as Array<[string, { post: any }]>) {
  const op = item.post;
  const req = op.requestBody.content['application/json'];
  for (const [name, ex] of Object.entries(req.examples) as Array<[string, { value: unknown }]>) {
    exampleCases.push([`${op.operationId} request example "${name}"`, req.schema.$ref, ex.value]);
  }
  for (const [status, raw] of Object.entries(op.responses)) {
    const media = deref(raw).content['application/json'];
    for (const [name, ex] of Object.entries(media.examples) as Array<
      [string, { value: unknown }]
    >) {
      exampleCases.push([
        `${op.operationId} ${status} example "${name}"`,
        media.schema.$ref,
        ex.value,
      ]);
    }
  }
}

it('puts every path under /v1/', () => {
  const paths = Object.keys(spec.paths);
  expect(paths.length).toBeGreaterThan(0);
  expect(paths.filter((path) => !path.startsWith('/v1/'))).toEqual([]);
});

describe('every named example validates against its schema', () => {
  it('has examples for every response of every operation', () => {
    expect(exampleCases.length).toBeGreaterThanOrEqual(15);
  });
  it.each(exampleCases)('%s', (_label, ref, value) => {
    const validate = validatorFor(ref);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('SyncPayScoreOrderRequest', () => {
  it('accepts a complete Order_Paid body', () => {
    expect(errorsOf(valid)).toEqual([]);
  });

  it('accepts the date-only paidTime form', () => {
    expect(errorsOf({ ...valid, detail: { paidTime: '20261125' } })).toEqual([]);
  });

  it('requires detail when type is Order_Paid (if/then)', () => {
    const { detail: _omit, ...withoutDetail } = valid;
    expect(errorsOf(withoutDetail)).toContain(' required');
    expect(syncRequest.errors?.some((e) => e.params.missingProperty === 'detail')).toBe(true);
  });

  it('requires paidTime inside detail', () => {
    expect(errorsOf({ ...valid, detail: {} })).toContain('/detail required');
  });

  it.each([
    ['13 digits', '2026112514300'],
    ['9 digits', '202611251'],
    ['month 13', '20261325143000'],
    ['hour 24', '20261125243000'],
    ['dashed', '2026-11-25 14:30:00'],
  ])('rejects a paidTime of %s', (_label, paidTime) => {
    expect(errorsOf({ ...valid, detail: { paidTime } })).toContain('/detail/paidTime pattern');
  });

  it('rejects a 33-character fenOrderId and accepts 32', () => {
    expect(errorsOf({ ...valid, fenOrderId: 'A'.repeat(32) })).toEqual([]);
    expect(errorsOf({ ...valid, fenOrderId: 'A'.repeat(33) })).toContain('/fenOrderId maxLength');
  });

  it.each(['a b', 'a/b', 'a.b', '订单', 'a#b'])('rejects fenOrderId %j (charset)', (fenOrderId) => {
    expect(errorsOf({ ...valid, fenOrderId })).toContain('/fenOrderId pattern');
  });

  it.each(['mid', 'serviceId'])('bounds %s to 1..32 characters', (field) => {
    expect(errorsOf({ ...valid, [field]: 'x'.repeat(33) })).toContain(`/${field} maxLength`);
    expect(errorsOf({ ...valid, [field]: '' })).toContain(`/${field} minLength`);
  });

  it('allows only Order_Paid as type', () => {
    expect(errorsOf({ ...valid, type: 'Order_Refunded' })).toContain('/type enum');
  });

  it('refuses unknown fields, top level and in detail', () => {
    expect(errorsOf({ ...valid, paidtime: 'x' })).toContain(' additionalProperties');
    expect(errorsOf({ ...valid, detail: { paidTime: '20261125', note: 'x' } })).toContain(
      '/detail additionalProperties',
    );
  });

  it('refuses detail sent as a JSON string (the page samples show one)', () => {
    expect(errorsOf({ ...valid, detail: '{"paidTime":"20261125143000"}' })).toContain(
      '/detail type',
    );
  });

  it.each(['fenOrderId', 'mid', 'serviceId', 'type'])('requires %s', (field) => {
    const body: Record<string, unknown> = { ...valid };
    delete body[field];
    expect(syncRequest(body)).toBe(false);
    expect(syncRequest.errors?.some((e) => e.params.missingProperty === field)).toBe(true);
  });
});

describe('responses are open, requests closed', () => {
  it('accepts unknown response fields', () => {
    const validate = validatorFor('#/components/schemas/SyncPayScoreOrderResponse');
    expect(validate({ respCode: '0000', respDesc: 'ok', traceId: 'x' })).toBe(true);
  });

  it('requires accessToken and expiresIn when a token is issued', () => {
    const validate = validatorFor('#/components/schemas/AccessTokenResponse');
    expect(validate({ errCode: '0000', errInfo: '正常' })).toBe(false);
    expect(validate({ errCode: '1000', errInfo: '认证失败' })).toBe(true);
  });
});
