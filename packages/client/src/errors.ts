import type { ValidationIssue } from './validation-issue.js';

/** Prefix of every message this package writes, so a log line names its source. */
export const PREFIX = '@tianman/client: ';

/**
 * Codes of the `TypeError`s a caller's mistake throws (it is never retried, and nothing is sent):
 * - `ERR_INVALID_OPTION`: a client option, a call option or an environment variable;
 * - `ERR_AUTH_MODE`: the operation does not accept the client's `auth` mode;
 * - `ERR_UNKNOWN_OPERATION`: the api was asked for something the contract does not have.
 */
export type UsageErrorCode = 'ERR_INVALID_OPTION' | 'ERR_AUTH_MODE' | 'ERR_UNKNOWN_OPERATION';

/**
 * Throws the `TypeError` of a caller's mistake (an option, a header, an operation), prefixed and
 * carrying a `code` like every other error of the client.
 */
export function fail(code: UsageErrorCode, message: string): never {
  throw Object.assign(new TypeError(PREFIX + message), { code });
}

// A registered symbol is the same in every realm (iframe, vm context) and in every copy of this
// package in node_modules, unlike the classes: the type guards check it, not instanceof.
const BRAND = Symbol.for('tianman.error');

/**
 * What an error tells about the request that failed: method, URL and headers, with the
 * `Authorization` value reduced to its scheme (`OPEN-BODY-SIG [REDACTED]`). A redacted copy: the
 * headers that were sent are never kept.
 */
export interface RequestSummary {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * A redacted copy of request headers: `Authorization` and `Proxy-Authorization` keep only their
 * scheme (octokit's rule), `Cookie` is hidden whole.
 */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name] as string;
    // Authorization and Proxy-Authorization (a caller may pass the latter as a call header) keep
    // their scheme; a cookie is a credential too.
    copy[name] = /(^|-)authorization$/i.test(name)
      ? value.replace(/ .*/s, ' [REDACTED]')
      : /^cookie$/i.test(name)
        ? '[REDACTED]'
        : value;
  }
  return copy;
}

/** The response fields of the platform's three dialects (see the README). */
export interface PlatformCodes {
  /** The endpoint's (inip) result code. */
  respCode?: string | undefined;
  /** The endpoint's (inip) description. */
  respDesc?: string | undefined;
  /** The gateway's (and netpay's) code. */
  errCode?: string | undefined;
  /** The gateway's description. */
  errInfo?: string | undefined;
  /** The netpay services' description. */
  errMsg?: string | undefined;
}

/** What an error is constructed from. */
export interface TianmanErrorDetails extends PlatformCodes {
  /** The platform's code (`respCode` or `errCode`) when it sent one, else an `ERR_*`/`HTTP_*` constant. */
  code: string;
  /** HTTP status of the last response; 0 when there was none. @default 0 */
  status?: number;
  /** HTTP requests sent for the call. @default 0 */
  attempts?: number;
  /** Redacted summary of the last request. */
  request?: RequestSummary | undefined;
  /** The last answer's headers, names in lower case (secrets scrubbed). */
  headers?: Record<string, string> | undefined;
  /** The parsed JSON body (secrets scrubbed), or an excerpt of a non-JSON one. */
  body?: unknown;
  /** Every violation, for a {@link ValidationError}. */
  issues?: ValidationIssue[];
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Base class of every error a call of `@tianman/client` rejects with. Check with
 * {@link isTianmanError} (works across realms and duplicate installs), then branch on the literal
 * `name`. Holds redacted data only: no appKey, signature or token, whether in `message`,
 * `JSON.stringify(error)` or `util.inspect(error)`.
 */
export class TianmanError extends Error {
  override readonly name:
    | 'TianmanError'
    | 'ValidationError'
    | 'AuthError'
    | 'ApiError'
    | 'NetworkError'
    | 'TimeoutError' = 'TianmanError';
  /** The platform's code (`respCode` or `errCode`) when it sent one, else an `ERR_*`/`HTTP_*` constant. */
  declare readonly code: string;
  /** HTTP status of the last response; 0 when there was none. */
  declare readonly status: number;
  /** HTTP requests sent for the call: retries and a re-send after a token refresh included. */
  declare readonly attempts: number;
  /** Redacted summary of the last request (method, URL, headers). */
  declare readonly request: RequestSummary | undefined;
  /** The last answer's headers, names in lower case (secrets scrubbed), when there was one. */
  declare readonly headers: Record<string, string> | undefined;

  constructor(message: string, details: TianmanErrorDetails) {
    const { cause, ...fields } = details;
    super(PREFIX + message, cause === undefined ? undefined : { cause });
    Object.assign(this, { status: 0, attempts: 0, request: undefined }, fields);
    // Not enumerable: `util.inspect` and `JSON.stringify` stay short; read it when you need it.
    Object.defineProperty(this, 'headers', { enumerable: false });
  }

  /** What `JSON.stringify` shows: name, message and the redacted fields; no stack, no headers. */
  toJSON(): Record<string, unknown> {
    return { ...this, message: this.message } as never;
  }
}
Object.defineProperty(TianmanError.prototype, BRAND, { value: true });

/**
 * The body broke the contract or a `paidTime` check: every issue is listed in `issues`, and
 * nothing was sent. Never retried. `code` is `ERR_VALIDATION`.
 */
export class ValidationError extends TianmanError {
  override readonly name = 'ValidationError' as const;
  /** Every violation found. */
  declare readonly issues: ValidationIssue[];
}

/**
 * What the errors that carry the platform's answer share ({@link AuthError}, {@link ApiError}):
 * its codes in the three dialects, and the parsed body.
 */
export abstract class AnswerError extends TianmanError implements PlatformCodes {
  declare readonly respCode: string | undefined;
  declare readonly respDesc: string | undefined;
  declare readonly errCode: string | undefined;
  declare readonly errInfo: string | undefined;
  declare readonly errMsg: string | undefined;
  /** The parsed JSON body (secrets scrubbed), or an excerpt of a non-JSON body. */
  declare readonly body: unknown;
}

/**
 * The platform refused the credentials: gateway `1000` (authentication failed: appKey, clock) or
 * `1001` (no permission for the API), or no access token could be obtained. Never retried; in
 * token mode a token refused with `1000` is refreshed and the request re-sent once first.
 */
export class AuthError extends AnswerError {
  override readonly name = 'AuthError' as const;
}

/**
 * The platform answered, but not with success: a `respCode` outside `successCodes`, another
 * `errCode`, a non-2xx status after any retries, or a body that is not JSON (`body` then holds
 * a short excerpt).
 */
export class ApiError extends AnswerError {
  override readonly name = 'ApiError' as const;
}

/** No response: DNS, refused or reset connection, TLS. `code` is `ERR_NETWORK`; `cause` says more. */
export class NetworkError extends TianmanError {
  override readonly name = 'NetworkError' as const;
}

/** An attempt took longer than `timeoutMs`, reading the body included. `code` is `ERR_TIMEOUT`. */
export class TimeoutError extends TianmanError {
  override readonly name = 'TimeoutError' as const;
}

const guard =
  <T extends TianmanError>(name?: T['name']) =>
  (error: unknown): error is T =>
    (error as Record<symbol, unknown> | null)?.[BRAND] === true &&
    (!name || (error as TianmanError).name === name);

/** True for any error of this package, from any realm or copy of the package. */
export const isTianmanError: (error: unknown) => error is TianmanError = guard();
/** True for a {@link ValidationError}, from any realm or copy of the package. */
export const isValidationError: (error: unknown) => error is ValidationError =
  guard('ValidationError');
/** True for an {@link AuthError}, from any realm or copy of the package. */
export const isAuthError: (error: unknown) => error is AuthError = guard('AuthError');
/** True for an {@link ApiError}, from any realm or copy of the package. */
export const isApiError: (error: unknown) => error is ApiError = guard('ApiError');
/** True for a {@link NetworkError}, from any realm or copy of the package. */
export const isNetworkError: (error: unknown) => error is NetworkError = guard('NetworkError');
/** True for a {@link TimeoutError}, from any realm or copy of the package. */
export const isTimeoutError: (error: unknown) => error is TimeoutError = guard('TimeoutError');
