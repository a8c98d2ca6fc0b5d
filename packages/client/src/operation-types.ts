import type { operations } from './generated/openapi.js';
import type { OperationHookTypes } from './operation-hooks.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The request body of operation `K` as the contract types it. */
export type RequestBody<K extends keyof operations> = operations[K] extends {
  requestBody: infer R;
}
  ? Json<R>
  : never;

/**
 * The body a method of operation `K` takes: the contract's type, or a stricter one from the
 * hook table where the contract says more than TypeScript can express (an `if`/`then`).
 */
export type OperationBody<K extends keyof operations> = K extends keyof OperationHookTypes
  ? OperationHookTypes[K]
  : RequestBody<K>;

/** The success (200) body of operation `K` as the contract types it. */
export type SuccessBody<K extends keyof operations> = operations[K] extends {
  responses: { 200: infer R };
}
  ? Json<R>
  : never;

/** What every method's result adds to the success body. */
export interface ResultMeta {
  /** HTTP status (2xx). */
  status: number;
  /** The answer's headers, names in lower case (a platform request id, for logs). */
  headers: Record<string, string>;
  /** HTTP requests it took: 1 unless retried, re-sent after a token refresh or a clock fix. */
  attempts: number;
}

/** What a method of operation `K` resolves with: the success body's fields plus {@link ResultMeta}. */
export type OperationResult<K extends keyof operations> = SuccessBody<K> & ResultMeta;

/** The members of `T` that are not `never` (openapi-typescript marks absent ones so). */
type Present<T> = { [P in keyof T as [NonNullable<T[P]>] extends [never] ? never : P]: T[P] };

/**
 * The path and query parameters of operation `K` as the contract types them: `{ path, query }`,
 * each present only when the operation has such parameters (and optional when none of them is
 * required).
 */
export type OperationParameters<K extends keyof operations> = Present<
  Pick<operations[K]['parameters'], 'path' | 'query'>
>;

/**
 * What a method of operation `K` takes when the operation has parameters: its
 * {@link OperationParameters}, and its body as `body` when it has one.
 */
export type OperationInput<K extends keyof operations> = OperationParameters<K> &
  ([RequestBody<K>] extends [never] ? unknown : { body: OperationBody<K> });
