import type { ValidationIssue } from '../validation-issue.js';

/** The issues a generated validator has found so far: `null` while there are none. */
export type Issues = ValidationIssue[] | null;

/**
 * Adds an issue to `list` (made on the first one: a valid body allocates nothing): what is at
 * `path` breaks `rule`, and `message` says how; the issue's message starts with the path (`body`
 * for the body itself).
 */
export function issue(
  list: Issues,
  path: string,
  rule: string,
  message: string,
): ValidationIssue[] {
  const out = list ?? [];
  out.push({ path, rule, message: `${path || 'body'} ${message}` });
  return out;
}
