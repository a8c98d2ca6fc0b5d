/** One reason a request was refused: its body, or one of its path or query parameters. */
export interface ValidationIssue {
  /**
   * JSON Pointer to the offending value: `''` is the body itself, `/detail/paidTime` a field of
   * it; `/path/<name>` and `/query/<name>` a parameter.
   */
  path: string;
  /**
   * The JSON Schema keyword that failed (`required`, `pattern`, `maxLength`, …), or a client
   * rule beyond the contract: `paidTime.notInFuture`, `paidTime.realDate`, `body.depth` (a body
   * nested too deeply to check).
   */
  rule: string;
  /** For people: the path and what is wrong. Never repeats the value. */
  message: string;
}

/**
 * A request-body validator generated from the contract (`src/generated/validators.js`): every
 * issue of a JSON value (as `JSON.parse` gives it), or `null` when the contract accepts it.
 */
export type BodyValidator = (data: unknown) => ValidationIssue[] | null;

/**
 * A parameters validator generated from the contract: every issue of an operation's path and
 * query parameters (each an object of name → value, as the caller typed them), or `null`.
 */
export type ParametersValidator = (
  path: Record<string, unknown>,
  query: Record<string, unknown>,
) => ValidationIssue[] | null;
