/**
 * @tianman/client — typed, signed, validated client for the ChinaUMS 天满 open platform.
 * @packageDocumentation
 */

export type { CallOptions } from './call-options.js';
export type { TianmanClient } from './client.js';
export { createTianmanClient } from './client.js';
export type { TianmanClientOptions } from './client-options.js';
export type { TianmanEnvironment } from './environments.js';
export { ENVIRONMENTS } from './environments.js';
export type {
  PlatformCodes,
  RequestSummary,
  TianmanErrorDetails,
} from './errors.js';
export {
  AnswerError,
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
export type { OperationId, TianmanOperations } from './generated/operations.js';
export type { LogLevel, TianmanLogger } from './log.js';
export type { SyncPayScoreOrderBody } from './operation-hooks.js';
export type {
  OperationBody,
  OperationResult,
  RequestBody,
  ResultMeta,
  SuccessBody,
} from './operation-types.js';
export { formatPaidTime } from './paid-time.js';
export type { RetryOptions, RetryPolicy } from './retry.js';
export { DEFAULT_RETRY } from './retry.js';
export type { StoredToken, TokenLockRelease, TokenStore } from './token-store.js';
export type {
  TianmanAttributeValue,
  TianmanSpan,
  TianmanSpanOptions,
  TianmanTraceContext,
  TianmanTracer,
} from './tracer.js';
export { validateRequestBody } from './validate.js';
export type { ValidationIssue } from './validation-issue.js';
