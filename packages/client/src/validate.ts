import { fail, type RequestSummary, ValidationError } from './errors.js';
import { type OperationId, operationTable } from './generated/operations.js';
import type { Log } from './log.js';
import { operationHooks } from './operation-hooks.js';
import type { BodyValidator, ParametersValidator, ValidationIssue } from './validation-issue.js';

export type { BodyValidator, ParametersValidator } from './validation-issue.js';

// The error message lists a few issues only (the `issues` array has them all): a body with
// thousands of unknown fields must not make a message of thousands of lines.
const LISTED = 5;

/**
 * The issues a generated validator finds in a JSON value: `[]` when the contract accepts it. A
 * value nested deeper than the validator can recurse (a recursive schema, a hostile body) is
 * refused as such, not thrown as a `RangeError`.
 */
export function issuesOf(validate: BodyValidator, value: unknown): ValidationIssue[] {
  try {
    return validate(value) ?? [];
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [{ path: '', rule: 'body.depth', message: 'body is nested too deeply to validate' }];
  }
}

/**
 * A request body as the road gives it: a value the client serializes (the methods), or the text
 * already serialized (the api: openapi-fetch's bytes, sent as they are).
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
 * The contract's verdict on a body, as a JSON Schema validator (Prism's) gives it: every
 * violation, `[]` when valid. The body is taken as `JSON.stringify` sends it. The client's rules
 * beyond the contract (the hook table) are not part of it.
 */
export function contractIssues(validate: BodyValidator, body: unknown): ValidationIssue[] {
  const [, value, issues] = serialize({ value: body });
  return issues[0] ? issues : issuesOf(validate, value);
}

/** What {@link checkRequest} checks. */
export interface RequestCheck {
  operationId: string;
  /** The body's validator; `null` for an operation that takes no body. */
  validate: BodyValidator | null;
  /** The body, `undefined` when none was given. */
  body: BodyInput | undefined;
  /** The path and query parameters given, and their validator, for an operation that has some. */
  parameters?: { validate: ParametersValidator; path: unknown; query: unknown } | undefined;
  /** The client's clock, for hooks such as the `paidTime` rules. */
  now: number;
  log: Log;
  /** What the error says about the request that was not sent. */
  request: () => RequestSummary;
}

/** A request the contract accepts: the body's text, and the parameters as JSON values. */
export interface CheckedRequest {
  /** The exact body to send; `undefined` for none. */
  text: string | undefined;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

const NONE: Record<string, unknown> = Object.freeze({});

/**
 * Parameters as JSON values (as the body is: `toJSON` applied, `undefined` gone, `NaN` a `null`
 * the contract refuses), or an issue saying where they are not an object.
 */
function parametersOf(given: unknown, place: 'path' | 'query', issues: ValidationIssue[]) {
  if (given === undefined) return NONE;
  let value: unknown;
  try {
    value = JSON.parse(JSON.stringify(given) ?? 'null');
  } catch {}
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  issues.push({ path: `/${place}`, rule: 'type', message: `/${place} must be an object` });
  return NONE;
}

/**
 * The request to send for `operationId` — its body serialized once, its parameters as JSON
 * values — or a {@link ValidationError} listing every violation of the contract and of the
 * operation's hook: nothing is sent then.
 */
export function checkRequest({
  operationId,
  validate,
  body,
  parameters,
  now,
  log,
  request,
}: RequestCheck): CheckedRequest {
  const issues: ValidationIssue[] = [];
  let text: string | undefined;
  if (validate === null) {
    // the api hands over '' for a request openapi-fetch made without a body.
    if (body !== undefined && ('text' in body ? body.text !== '' : body.value !== undefined)) {
      issues.push({ path: '', rule: 'body', message: `body: ${operationId} takes no body` });
    }
  } else {
    const [serialized, value, bodyIssues] = serialize(body ?? { value: undefined });
    text = serialized;
    issues.push(...bodyIssues);
    if (!bodyIssues[0]) {
      issues.push(...issuesOf(validate, value));
      // Hooks see the contract's issues, to stay silent about a field those already name.
      if (value && typeof value === 'object') {
        operationHooks[operationId]?.check?.(value, now, issues, log);
      }
    }
  }
  let path = NONE;
  let query = NONE;
  const bodyIssues = issues.length;
  if (parameters) {
    path = parametersOf(parameters.path, 'path', issues);
    query = parametersOf(parameters.query, 'query', issues);
    if (issues.length === bodyIssues) issues.push(...(parameters.validate(path, query) ?? []));
  }
  if (issues[0]) {
    // "body" when the body alone is refused; "request" when a parameter is, or there is no body.
    const what = validate === null || issues.length > bodyIssues ? 'request' : 'body';
    const listed = issues.slice(0, LISTED).map((i) => `${i.message} [${i.rule}]`);
    if (issues.length > LISTED) listed.push(`and ${issues.length - LISTED} more`);
    throw new ValidationError(`invalid ${what}, nothing sent: ${listed.join('; ')}`, {
      code: 'ERR_VALIDATION',
      issues,
      request: request(),
    });
  }
  return { text, path, query };
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
  const op = (operationTable as Record<string, { validate: BodyValidator | null }>)[operationId];
  if (!op) fail('ERR_UNKNOWN_OPERATION', `unknown operationId ${String(operationId)}`);
  if (op.validate === null) {
    fail('ERR_UNKNOWN_OPERATION', `${String(operationId)} takes no request body`);
  }
  return contractIssues(op.validate, body);
}
