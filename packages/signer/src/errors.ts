/** What is wrong with a header, for code that wants to branch on it. */
export type AuthorizationProblem =
  | 'empty'
  | 'syntax'
  | 'unquoted-pair'
  | 'unknown-pair'
  | 'duplicate-pair'
  | 'missing-pair'
  | 'empty-value'
  | 'nonce-too-long';

/**
 * Thrown by `parseAuthorization` for a header that is not a well-formed OPEN-BODY-SIG header.
 * The message names the problem and the pair, and never repeats a value: a header carries a
 * signature, and messages end up in logs.
 */
export class AuthorizationFormatError extends Error {
  override readonly name = 'AuthorizationFormatError';
  /** The kind of problem. */
  readonly problem: AuthorizationProblem;

  constructor(problem: AuthorizationProblem, message: string) {
    super(`Authorization header: ${message}`);
    this.problem = problem;
  }
}
