/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */
export interface paths {
    "/v1/inip/corporate-wallet/wechat-pay-point/order/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 订单信息同步 — sync a Pay Score order paid through another channel
         * @description 订单信息同步:通知微信支付分,支付分订单已由用户通过其他方式付款成功(场景类型 `Order_Paid`,"订单收款成功")。
         *
         *     Tells WeChat Pay Score that a Pay Score order was paid by the user through another channel
         *     (`type` = `Order_Paid`). WeChat refuses the sync while an automatic deduction is running
         *     ("单据正在扣款中"); retry after about three minutes with the same parameters. The call is
         *     idempotent in intent (same order, same paid time).
         */
        post: operations["syncPayScoreOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/token/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 获取 AccessToken — obtain an OPEN-ACCESS-TOKEN
         * @description Obtains an access token for the OPEN-ACCESS-TOKEN scheme. The request is signed with a
         *     plain SHA-256 (no HMAC) of `appId + timestamp + nonce + appKey`; the appKey itself is never
         *     sent. Tokens live about one hour and each appId may hold only about ten live tokens:
         *     cache the token, refresh it shortly before it expires, and share one refresh between
         *     concurrent callers.
         */
        post: operations["getAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * SyncPayScoreOrderRequest
         * @description 订单信息同步请求 — the body of the order sync call.
         */
        SyncPayScoreOrderRequest: {
            /**
             * @description 支付分订单号(微信侧 `out_order_no`,仅允许字母、数字和 `_-|*`)。
             *     The Pay Score order number (WeChat's `out_order_no`): letters, digits and `_-|*` only.
             * @example 1234323JKHDFE1243252
             */
            fenOrderId: string;
            /**
             * @description 商户号 — the merchant number (mid) assigned by ChinaUMS.
             * @example 898310148160568
             */
            mid: string;
            /**
             * @description 服务ID — the Pay Score service id assigned by WeChat.
             * @example 500001000000000000000000000001
             */
            serviceId: string;
            /**
             * @description 场景类型:"Order_Paid" 表示"订单收款成功"。
             *     Scene type: `Order_Paid` means "the order was paid".
             * @enum {string}
             */
            type: "Order_Paid";
            detail?: components["schemas"]["SyncPayScoreOrderDetail"];
        };
        /**
         * SyncPayScoreOrderDetail
         * @description 内容信息详情,场景类型为 "Order_Paid" 时必填。
         *     Scene details; required when `type` is `Order_Paid`. An object, not a JSON string (the
         *     platform page's code samples show a string: an artifact of its page generator).
         */
        SyncPayScoreOrderDetail: {
            /**
             * @description 收款成功时间(北京时间):`yyyyMMddHHmmss` 或 `yyyyMMdd`。须满足:服务开始时间 < 调用完结订单接口的时间
             *     < 用户通过其他方式付款成功的实际时间 ≤ 调用本接口的时间 + 60 秒。
             *     When the user actually paid, Beijing time, `yyyyMMddHHmmss` or `yyyyMMdd`. It must
             *     satisfy: service start < completion call < paid time ≤ this call + 60 s. Send the
             *     14-digit form: the page reads a date-only value both as 00:00:00 and as 23:59:59,
             *     and either reading breaks the ordering rule in most real cases. WeChat updates the
             *     user's credit record from this time, so it must be the real payment time.
             * @example 20261125143000
             */
            paidTime: string;
        };
        /**
         * SyncPayScoreOrderResponse
         * @description 订单信息同步应答 — the endpoint's answer (the `inip` dialect).
         */
        SyncPayScoreOrderResponse: {
            /**
             * @description 错误码 — the result code. `0000` is the platform's usual success code (not confirmed
             *     for this endpoint); WeChat's codes (`ORDER_NOT_EXIST`, `INVALID_ORDER_STATE`, …) are
             *     relayed on failure.
             * @example 0000
             */
            respCode: string;
            /**
             * @description 错误信息 — a human-readable description of `respCode`.
             * @example 成功
             */
            respDesc?: string;
        };
        /**
         * GatewayError
         * @description The gateway's own answer (authentication, token, parameter checks). Payment (netpay)
         *     services use `errMsg` instead of `errInfo`.
         */
        GatewayError: {
            /**
             * @description 网关错误码: `0000` normal, `1000` authentication failed, `1001` authorization failed,
             *     `9001` parameter check failed, `9200` transient (retry), `9999` system error.
             * @example 1000
             */
            errCode: string;
            /**
             * @description 错误信息 — a human-readable description of `errCode`.
             * @example 认证失败
             */
            errInfo?: string;
            /**
             * @description The same description, as payment (netpay) services name it.
             * @example 认证失败
             */
            errMsg?: string;
        };
        /**
         * AccessTokenRequest
         * @description 获取 AccessToken 请求 — signed with SHA-256 of `appId + timestamp + nonce + appKey`.
         */
        AccessTokenRequest: {
            /**
             * @description 开发者ID — the appId assigned by the platform.
             * @example 12345678901234567890123456789012
             */
            appId: string;
            /**
             * @description 时间戳 — `yyyyMMddHHmmss`, Beijing time (UTC+8).
             * @example 20170101120000
             */
            timestamp: string;
            /**
             * @description 随机数 — at most 128 characters, fresh for every request.
             * @example 09876543210987654321098765432109
             */
            nonce: string;
            /**
             * @description 签名方法 — always `SHA256`.
             * @enum {string}
             */
            signMethod: "SHA256";
            /**
             * @description 签名 — lower-case hex SHA-256 of `appId + timestamp + nonce + appKey`.
             * @example d373659c51c1767d0ce2674ee6367823f6cc7339c0411f7772d30765ed70a942
             */
            signature: string;
        };
        /**
         * AccessTokenResponse
         * @description 获取 AccessToken 应答; a token comes with `errCode` `0000`.
         */
        AccessTokenResponse: {
            /**
             * @description `0000` when a token was issued, a gateway error code otherwise.
             * @example 0000
             */
            errCode: string;
            /**
             * @description A human-readable description of `errCode`.
             * @example 正常
             */
            errInfo?: string;
            /**
             * @description The token, for `Authorization: OPEN-ACCESS-TOKEN AccessToken=<token>`.
             * @example 3c2a5e0f8b8f4f6f9a1d7e2b4c6a8e0d
             */
            accessToken?: string;
            /**
             * @description Seconds until the token expires (about 3600).
             * @example 3600
             */
            expiresIn?: number;
        };
    };
    responses: {
        /** @description The gateway could not read the request (malformed JSON, wrong content type). */
        GatewayBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /**
         * @description Authentication or authorization failed (`1000`, `1001`), or the sandbox's transient
         *     `9200`, which clears on a retry a few seconds later.
         */
        GatewayAuthFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description The body failed the gateway's parameter check. */
        GatewayParameterError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description The gateway failed; retry later with the same parameters. */
        GatewaySystemError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
        /** @description The service behind the gateway is unavailable; retry later with the same parameters. */
        GatewayUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayError"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    syncPayScoreOrder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SyncPayScoreOrderRequest"];
            };
        };
        responses: {
            /**
             * @description The platform processed the call (业务处理结果). Business outcomes, success or failure,
             *     come back with HTTP 200: read `respCode`.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncPayScoreOrderResponse"];
                };
            };
            400: components["responses"]["GatewayBadRequest"];
            412: components["responses"]["GatewayAuthFailed"];
            422: components["responses"]["GatewayParameterError"];
            500: components["responses"]["GatewaySystemError"];
            503: components["responses"]["GatewayUnavailable"];
        };
    };
    getAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccessTokenRequest"];
            };
        };
        responses: {
            /** @description The gateway's answer; `errCode` `0000` carries a token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessTokenResponse"];
                };
            };
            400: components["responses"]["GatewayBadRequest"];
            412: components["responses"]["GatewayAuthFailed"];
            422: components["responses"]["GatewayParameterError"];
            500: components["responses"]["GatewaySystemError"];
        };
    };
}
