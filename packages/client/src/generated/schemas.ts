/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */

/** Method and path of `syncPayScoreOrder`. */
export const syncPayScoreOrderRoute = {
  "method": "POST",
  "path": "/v1/inip/corporate-wallet/wechat-pay-point/order/sync"
} as const;

/** The request-body schema of `syncPayScoreOrder`. */
export const syncPayScoreOrderRequestSchema = {
  "additionalProperties": false,
  "if": {
    "properties": {
      "type": {
        "const": "Order_Paid"
      }
    },
    "required": [
      "type"
    ]
  },
  "properties": {
    "fenOrderId": {
      "maxLength": 32,
      "minLength": 1,
      "pattern": "^[A-Za-z0-9_|*-]+$",
      "type": "string"
    },
    "mid": {
      "maxLength": 32,
      "minLength": 1,
      "type": "string"
    },
    "serviceId": {
      "maxLength": 32,
      "minLength": 1,
      "type": "string"
    },
    "type": {
      "enum": [
        "Order_Paid"
      ],
      "maxLength": 32,
      "type": "string"
    },
    "detail": {
      "additionalProperties": false,
      "properties": {
        "paidTime": {
          "maxLength": 64,
          "pattern": "^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$",
          "type": "string"
        }
      },
      "required": [
        "paidTime"
      ],
      "type": "object"
    }
  },
  "required": [
    "fenOrderId",
    "mid",
    "serviceId",
    "type"
  ],
  "then": {
    "required": [
      "detail"
    ]
  },
  "type": "object"
} as const;

/** Method and path of `getAccessToken`. */
export const getAccessTokenRoute = {
  "method": "POST",
  "path": "/v1/token/access"
} as const;

/** The request-body schema of `getAccessToken`. */
export const getAccessTokenRequestSchema = {
  "additionalProperties": false,
  "properties": {
    "appId": {
      "maxLength": 64,
      "minLength": 1,
      "type": "string"
    },
    "timestamp": {
      "pattern": "^[0-9]{14}$",
      "type": "string"
    },
    "nonce": {
      "maxLength": 128,
      "minLength": 1,
      "type": "string"
    },
    "signMethod": {
      "enum": [
        "SHA256"
      ],
      "type": "string"
    },
    "signature": {
      "pattern": "^[0-9a-f]{64}$",
      "type": "string"
    }
  },
  "required": [
    "appId",
    "timestamp",
    "nonce",
    "signMethod",
    "signature"
  ],
  "type": "object"
} as const;

/** Method and path of every operation in the contract, keyed by operationId. */
export const operationRoutes = {
  syncPayScoreOrder: syncPayScoreOrderRoute,
  getAccessToken: getAccessTokenRoute,
} as const;

/**
 * The JSON request-body schema of every operation, $refs inlined and annotations dropped:
 * what the client validates a body against before anything is sent.
 */
export const requestSchemas = {
  syncPayScoreOrder: syncPayScoreOrderRequestSchema,
  getAccessToken: getAccessTokenRequestSchema,
} as const;
