import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations, paths } from '../src/index.js';

type SyncRequest = components['schemas']['SyncPayScoreOrderRequest'];

describe('the generated types', () => {
  it('SyncPayScoreOrderRequest accepts a valid body', () => {
    expectTypeOf({
      fenOrderId: 'ORDER20261125001',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid' as const,
      detail: { paidTime: '20261125143000' },
    }).toExtend<SyncRequest>();
  });

  it('SyncPayScoreOrderRequest rejects a body missing a required field', () => {
    expectTypeOf({
      fenOrderId: 'ORDER20261125001',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid' as const,
    }).not.toExtend<SyncRequest>();
    // @ts-expect-error mid is required
    const missing: SyncRequest = { fenOrderId: 'x', serviceId: 'y', type: 'Order_Paid' };
    expectTypeOf(missing).toEqualTypeOf<SyncRequest>();
  });

  it('operations and paths agree', () => {
    expectTypeOf<
      paths['/v1/inip/corporate-wallet/wechat-pay-point/order/sync']['post']
    >().toEqualTypeOf<operations['syncPayScoreOrder']>();
    expectTypeOf<SyncRequest['type']>().toEqualTypeOf<'Order_Paid'>();
  });
});
