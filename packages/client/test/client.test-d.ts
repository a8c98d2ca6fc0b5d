import { describe, expectTypeOf, it } from 'vitest';
import { createTianmanApi } from '../src/api.js';
import {
  type ApiError,
  type AuthError,
  type CallOptions,
  type components,
  createTianmanClient,
  formatPaidTime,
  isApiError,
  isTianmanError,
  type OperationResult,
  type SyncPayScoreOrderBody,
  type TianmanClient,
  type TianmanClientOptions,
  type TianmanError,
  type ValidationIssue,
} from '../src/index.js';

const client = createTianmanClient({ appId: 'a', appKey: 'k', environment: 'mock' });

describe('the public API types', () => {
  it('createTianmanClient takes the options and returns a TianmanClient', () => {
    expectTypeOf(createTianmanClient)
      .parameter(0)
      .toEqualTypeOf<TianmanClientOptions | undefined>();
    expectTypeOf(client).toEqualTypeOf<TianmanClient>();
    expectTypeOf(formatPaidTime).returns.toEqualTypeOf<string>();
  });

  it('syncPayScoreOrder takes the body and call options, resolves the result', () => {
    expectTypeOf(client.syncPayScoreOrder).parameter(0).toEqualTypeOf<SyncPayScoreOrderBody>();
    expectTypeOf(client.syncPayScoreOrder).parameter(1).toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf(client.syncPayScoreOrder).returns.resolves.toEqualTypeOf<
      OperationResult<'syncPayScoreOrder'>
    >();
    type Result = OperationResult<'syncPayScoreOrder'>;
    expectTypeOf<Result['respCode']>().toEqualTypeOf<string>();
    expectTypeOf<Result['respDesc']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Result['status']>().toEqualTypeOf<number>();
    expectTypeOf<Result['attempts']>().toEqualTypeOf<number>();
    expectTypeOf<Result['headers']>().toEqualTypeOf<Record<string, string>>();
  });

  it('SyncPayScoreOrderBody is the generated request type with detail required', () => {
    type Generated = components['schemas']['SyncPayScoreOrderRequest'];
    expectTypeOf<SyncPayScoreOrderBody['detail']>().toEqualTypeOf<
      components['schemas']['SyncPayScoreOrderDetail']
    >();
    expectTypeOf<SyncPayScoreOrderBody>().toExtend<Generated>();
    expectTypeOf<Generated>().not.toExtend<SyncPayScoreOrderBody>();
  });

  it('accepts a valid body', () => {
    client.syncPayScoreOrder({
      fenOrderId: 'ORDER20261125001',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid',
      detail: { paidTime: formatPaidTime(new Date()) },
    });
  });

  it('refuses a wrong body at compile time', () => {
    // @ts-expect-error detail is required: type can only be Order_Paid
    client.syncPayScoreOrder({
      fenOrderId: 'ORDER20261125001',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid',
    });
    // @ts-expect-error mid is missing
    client.syncPayScoreOrder({
      fenOrderId: 'ORDER20261125001',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid',
      detail: { paidTime: '20261125143000' },
    });
    client.syncPayScoreOrder({
      fenOrderId: 'ORDER20261125001',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      // @ts-expect-error type is the literal Order_Paid
      type: 'Order_Refund',
      detail: { paidTime: '20261125143000' },
    });
    client.syncPayScoreOrder({
      fenOrderId: 'ORDER20261125001',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid',
      // @ts-expect-error detail is an object, not the JSON string of the page's samples
      detail: '{"paidTime":"20261125143000"}',
    });
    client.syncPayScoreOrder({
      // @ts-expect-error a misspelt field is an excess property
      fenOrderID: 'ORDER20261125001',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid',
      detail: { paidTime: '20261125143000' },
    });
  });

  it('refuses a body field the contract does not know, at compile time', () => {
    void client.syncPayScoreOrder({
      fenOrderId: 'X',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid',
      detail: { paidTime: '20261125143000' },
      // @ts-expect-error not a field of SyncPayScoreOrderRequest
      extra: 1,
    });
  });

  it('refuses wrong options at compile time', () => {
    // @ts-expect-error environment is one of production, test, mock
    createTianmanClient({ appId: 'a', appKey: 'k', environment: 'staging' });
    // @ts-expect-error auth is signature or token
    createTianmanClient({ appId: 'a', appKey: 'k', environment: 'test', auth: 'hmac' });
  });

  it('errors have literal names and the guards narrow', () => {
    expectTypeOf<ApiError['name']>().toEqualTypeOf<'ApiError'>();
    expectTypeOf<AuthError['name']>().toEqualTypeOf<'AuthError'>();
    expectTypeOf<ApiError['respCode']>().toEqualTypeOf<string | undefined>();
    const error: unknown = new Error();
    if (isApiError(error)) expectTypeOf(error).toEqualTypeOf<ApiError>();
    if (isTianmanError(error)) {
      expectTypeOf(error).toEqualTypeOf<TianmanError>();
      expectTypeOf(error.status).toEqualTypeOf<number>();
    }
    expectTypeOf<ValidationIssue>().toEqualTypeOf<{
      path: string;
      rule: string;
      message: string;
    }>();
  });

  it('the api is typed from the spec paths', async () => {
    const api = createTianmanApi(client);
    const { data } = await api.POST('/v1/inip/corporate-wallet/wechat-pay-point/order/sync', {
      body: {
        fenOrderId: 'ORDER20261125001',
        mid: '898310148160568',
        serviceId: '500001000000000000000000000001',
        type: 'Order_Paid',
      },
    });
    expectTypeOf(data).toEqualTypeOf<
      components['schemas']['SyncPayScoreOrderResponse'] | undefined
    >();
    // @ts-expect-error not a path of the contract
    await api.POST('/v1/unknown', {});
  });

  it('the api takes the call options beside body', async () => {
    const body = {
      fenOrderId: 'ORDER20261125001',
      mid: '898310148160568',
      serviceId: '500001000000000000000000000001',
      type: 'Order_Paid' as const,
    };
    await createTianmanApi(client).POST('/v1/inip/corporate-wallet/wechat-pay-point/order/sync', {
      body,
      signal: AbortSignal.timeout(1000),
      headers: { 'x-request-id': 'r1' },
      timeoutMs: 500,
      retry: { limit: 0 },
    });
  });
});
