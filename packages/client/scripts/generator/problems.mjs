// @ts-check
// What the generator refuses. It goes on after a refusal and reports every one it finds, each
// naming the keyword and where it stands in the OpenAPI document (a JSON Pointer), so one run
// lists everything to fix.

/**
 * @typedef {object} Problem
 * @property {string} at JSON Pointer of the place in the OpenAPI document (`#/components/…`)
 * @property {string} message what is refused and why, naming the keyword and `at`
 * @property {string} [keyword] the keyword refused, when a schema's keyword is
 */

/** The refusals of one run. */
export class Problems {
  /** @type {Problem[]} */
  list = [];

  /**
   * @param {string} at
   * @param {string} message
   * @param {string} [keyword]
   */
  add(at, message, keyword) {
    this.list.push(keyword === undefined ? { at, message } : { at, message, keyword });
  }

  /** Throws a {@link GenerateError} when anything was refused. */
  throwIfAny() {
    if (this.list.length) throw new GenerateError(this.list);
  }
}

/** The generator's refusal: a message for people, and `problems` for tools. */
export class GenerateError extends Error {
  /** @param {Problem[]} problems */
  constructor(problems) {
    super(
      problems.length === 1
        ? `generate: ${problems[0]?.message}`
        : `generate: ${problems.length} problems:\n${problems.map((p) => `- ${p.message}`).join('\n')}`,
    );
    this.name = 'GenerateError';
    /** @type {readonly Problem[]} */
    this.problems = problems;
  }
}
