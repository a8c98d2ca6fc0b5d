import type { AjvError, ValidateFunction } from './ajv-runtime.js';

export type { ValidateFunction } from './ajv-runtime.js';

import { fail, type RequestSummary, ValidationError } from './errors.js';
import { type OperationId, operationTable, ruleMessages } from './generated/operations.js';
import type { Log } from './log.js';
import { operationHooks } from './operation-hooks.js';
import type { ValidationIssue } from './validation-issue.js';

// Keys and values come from the caller's body: a message quoting a 10 MB key name would be a
// 10 MB message. Pointer segments are cut, and the error message lists a few issues only (the
// `issues` array has them all).
const MAX_SEGMENT = 64;
const LISTED = 5;

/** JSON Pointer segment of `key`, escaped and cut to a readable length. */
function segment(key: string): string {
  const escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
  return escaped.length > MAX_SEGMENT ? `${escaped.slice(0, MAX_SEGMENT - 1)}…` : escaped;
}

/** Ajv's instancePath (already escaped), with each segment cut like {@link segment}. */
const pointer = (path: string): string =>
  path.length > MAX_SEGMENT
    ? path.replace(/[^/]{65,}/g, (s) => `${s.slice(0, MAX_SEGMENT - 1)}…`)
    : path;

/** What is wrong, in words, from the keyword and its parameters. Never repeats the value. */
function describe({ keyword, params }: AjvError): string {
  return (
    ruleMessages[keyword]?.(params as Record<string, string>, segment) ??
    `breaks the contract's ${keyword} rule`
  );
}

/**
 * The issues of a failed Ajv validation, in our shape: a JSON Pointer to the value (the missing
 * or unknown field itself for `required` and `additionalProperties`), the keyword, and a message.
 * Ajv's `if` entries are dropped: the `then`/`else` issue beside them says what is wrong.
 */
export function issuesOf(errors: readonly AjvError[] | null | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue;
    const field = (error.params.missingProperty ?? error.params.additionalProperty) as
      | string
      | undefined;
    const path = pointer(error.instancePath) + (field === undefined ? '' : `/${segment(field)}`);
    issues.push({
      path,
      rule: error.keyword,
      message: `${path || 'body'} ${describe(error)}`,
    });
  }
  return issues;
}

/**
 * A request body as the road gives it: a value the client serializes (the methods), or the text
 * already serialized (`client.api`: openapi-fetch's bytes, sent as they are).
 */
export type BodyInput = { value: unknown } | { text: string };

/**
 * The body's text, serialized once when it is a value, and the JSON value that will be sent: what
 * the server will see (`toJSON` applied, `undefined` fields gone), so the bytes checked are the
 * bytes signed and sent.
 */
function serialize(body: BodyInput): [string, unknown, ValidationIssue[]] {
  let text: string | undefined;
  let why = 'must be JSON';
  try {
    text = 'text' in body ? body.text : JSON.stringify(body.value);
    if (text !== undefined) return [text, JSON.parse(text), []];
  } catch (error) {
    why = `is not JSON: ${(error as Error).message}`;
  }
  return ['', undefined, [{ path: '', rule: 'type', message: `body ${why}` }]];
}

/**
 * The contract's verdict on a body, as a JSON Schema validator (Ajv, Prism's) gives it: every
 * violation, `[]` when valid. The body is taken as `JSON.stringify` sends it. The client's rules
 * beyond the contract (the hook table) are not part of it.
 */
export function contractIssues(validate: ValidateFunction, body: unknown): ValidationIssue[] {
  const [, value, issues] = serialize({ value: body });
  return issues[0] || validate(value) ? issues : issuesOf(validate.errors);
}

/** What {@link checkRequest} checks. */
export interface RequestCheck {
  operationId: string;
  validate: ValidateFunction;
  body: BodyInput;
  /** The client's clock, for hooks such as the `paidTime` rules. */
  now: number;
  log: Log;
  /** What the error says about the request that was not sent. */
  request: () => RequestSummary;
}

/**
 * The text to send for a body of `operationId`, or a {@link ValidationError} listing every
 * violation of the contract and of the operation's hook: nothing is sent then.
 */
export function checkRequest({
  operationId,
  validate,
  body,
  now,
  log,
  request,
}: RequestCheck): string {
  const [text, value, issues] = serialize(body);
  if (!issues[0]) {
    if (!validate(value)) issues.push(...issuesOf(validate.errors));
    // Hooks see the contract's issues, to stay silent about a field those already name.
    if (value && typeof value === 'object') {
      operationHooks[operationId]?.check?.(value, now, issues, log);
    }
  }
  if (issues[0]) {
    const listed = issues.slice(0, LISTED).map((i) => `${i.message} [${i.rule}]`);
    if (issues.length > LISTED) listed.push(`and ${issues.length - LISTED} more`);
    throw new ValidationError(`invalid body, nothing sent: ${listed.join('; ')}`, {
      code: 'ERR_VALIDATION',
      issues,
      request: request(),
    });
  }
  return text;
}

/**
 * The contract's verdict on a request body of an operation: every violation as a
 * {@link ValidationIssue}, `[]` when valid. The body is taken as `JSON.stringify` sends it. The
 * client's rules beyond the contract (such as the `paidTime` checks) are not part of it.
 *
 * @param operationId - An operation of the contract.
 * @param body - The body to check.
 */
export function validateRequestBody(operationId: OperationId, body: unknown): ValidationIssue[] {
  const op = (operationTable as Record<string, { validate: ValidateFunction }>)[operationId];
  if (!op) fail('ERR_UNKNOWN_OPERATION', `unknown operationId ${String(operationId)}`);
  return contractIssues(op.validate, body);
}
