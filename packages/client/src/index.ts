/**
 * @tianman/client — typed, signed, validated client for the ChinaUMS 天满 open platform.
 * @packageDocumentation
 */

export type { CallOptions } from './attempts.js';
export type { SyncPayScoreOrderResult, TianmanClient } from './client.js';
export { createTianmanClient } from './client.js';
export type {
  PlatformCodes,
  RequestSummary,
  TianmanErrorDetails,
} from './errors.js';
export {
  ApiError,
  AuthError,
  isApiError,
  isAuthError,
  isNetworkError,
  isTianmanError,
  isTimeoutError,
  isValidationError,
  NetworkError,
  TianmanError,
  TimeoutError,
  ValidationError,
} from './errors.js';
export type { components, operations, paths } from './generated/openapi.js';
export type {
  StoredToken,
  TianmanClientOptions,
  TianmanEnvironment,
  TianmanLogger,
  TokenStore,
} from './options.js';
export { ENVIRONMENTS } from './options.js';
export { formatPaidTime } from './paid-time.js';
export type { RetryOptions, RetryPolicy } from './retry.js';
export { DEFAULT_RETRY } from './retry.js';
export type { SyncPayScoreOrderBody } from './serialize.js';
export { validateSyncPayScoreOrderBody } from './serialize.js';
export type { JsonSchema, ValidationIssue } from './validate.js';
