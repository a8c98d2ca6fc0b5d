/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */
import type { CallOptions } from "../call-options.js";
import type { OperationBody, OperationResult } from "../operation-types.js";
import { validateSyncPayScoreOrder, validateGetAccessToken } from "./validators.js";
/**
 * Base URL of each environment: the contract's `servers`, named by their `x-tianman-environment`.
 */
export const environments = {
    production: "https://api-mop.chinaums.com",
    test: "https://test-api-open.chinaums.com",
    mock: "http://127.0.0.1:4010"
} as const;
/**
 * Every operation of the contract but the token endpoint, keyed by operationId: what the client's one pipeline needs to send it. `security` lists the auth modes it accepts.
 */
export const operationTable = {
    syncPayScoreOrder: {
        method: "POST",
        path: "/v1/inip/corporate-wallet/wechat-pay-point/order/sync",
        security: ["signature", "token"],
        validate: validateSyncPayScoreOrder
    }
} as const;
/**
 * The token endpoint (auth plumbing: the client calls it itself in token mode, with a body the signer makes).
 */
export const tokenOperation = {
    operationId: "getAccessToken",
    method: "POST",
    path: "/v1/token/access",
    idempotent: true
} as const;
/**
 * The validator of the token endpoint's request body: for a caller who sends one through the api (`createTianmanApi`); the client's own token requests are made valid by the signer.
 */
export const tokenRequestValidator = validateGetAccessToken;
/**
 * The operationIds of the spec: one method of the client each.
 */
export type OperationId = keyof typeof operationTable;
/**
 * One method per operation of the contract, named by its operationId.
 */
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
     * The request is validated against the contract (nothing is sent when it fails), serialized once and authenticated afresh for every attempt. Resolves with the success body plus `status`, `headers` and `attempts`; rejects with `ValidationError`, `AuthError`, `ApiError`, `NetworkError` or `TimeoutError`, or with the signal's reason when `signal` aborts.
     */
    syncPayScoreOrder(body: OperationBody<"syncPayScoreOrder">, options?: CallOptions): Promise<OperationResult<"syncPayScoreOrder">>;
}
