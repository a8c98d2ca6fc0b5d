/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */

import type { CallOptions } from '../call-options.js';
import type { OperationBody, OperationResult } from '../operation-types.js';
import { validateSyncPayScoreOrder, validateGetAccessToken } from './validators.js';

/**
 * Every operation of the contract but the token endpoint, keyed by operationId: what the
 * client's one pipeline needs to send it. `security` lists the auth modes it accepts.
 */
export const operationTable = {
  syncPayScoreOrder: {
    method: "POST",
    path: "/v1/inip/corporate-wallet/wechat-pay-point/order/sync",
    security: ["signature","token"],
    validate: validateSyncPayScoreOrder,
  },
} as const;

/** The token endpoint (auth plumbing: the client calls it itself in token mode). */
export const tokenOperation = {
  operationId: "getAccessToken",
  method: "POST",
  path: "/v1/token/access",
  validate: validateGetAccessToken,
} as const;

/** What each `pattern` of the contract allows, in words (its `x-pattern-message`). */
export const patternMessages: Readonly<Record<string, string>> = {
  "^[A-Za-z0-9_|*-]+$": "letters, digits and _-|* only",
  "^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$": "yyyyMMddHHmmss (or yyyyMMdd), Beijing time",
  "^[0-9]{14}$": "14 digits, yyyyMMddHHmmss",
  "^[0-9a-f]{64}$": "64 lower-case hex digits"
};

/**
 * What a failure of each keyword the validators can report says, from the error's params
 * (`cut` shortens a name the caller chose). Never the failing value.
 */
export const ruleMessages: Readonly<
  Record<string, (p: Record<string, string>, cut: (name: string) => string) => string>
> = {
  required: () => 'is required',
  additionalProperties: () => 'is not a known field',
  type: (p) => `must be ${[p.type].flat().join(' or ')}`,
  maxLength: (p) => `must be at most ${p.limit} characters`,
  minLength: (p) => `must be at least ${p.limit} characters`,
  pattern: (p) => `must be ${patternMessages[String(p.pattern)] ?? 'in the format the contract describes'}`,
  enum: (p) => `must be one of ${JSON.stringify(p.allowedValues)}`,
};

/** The operationIds of {@link operationTable}. */
export type OperationId = keyof typeof operationTable;

/** One method per operation of the contract, named by its operationId. */
export interface TianmanOperations {
  /**
   * 订单信息同步 — sync a Pay Score order paid through another channel
   *
   * 订单信息同步:通知微信支付分,支付分订单已由用户通过其他方式付款成功(场景类型 `Order_Paid`,"订单收款成功")。
   *
   * Tells WeChat Pay Score that a Pay Score order was paid by the user through another channel
   * (`type` = `Order_Paid`). WeChat refuses the sync while an automatic deduction is running
   * ("单据正在扣款中"); retry after about three minutes with the same parameters. The call is
   * idempotent in intent (same order, same paid time).
   *
   * The body is validated against the contract (nothing is sent when it fails), serialized once and authenticated afresh for every attempt. Resolves with the success body plus `status`, `headers` and `attempts`; rejects with `ValidationError`, `AuthError`, `ApiError`, `NetworkError` or `TimeoutError`, or with the signal's reason when `signal` aborts.
   */
  syncPayScoreOrder(body: OperationBody<'syncPayScoreOrder'>, options?: CallOptions): Promise<OperationResult<'syncPayScoreOrder'>>;
}
