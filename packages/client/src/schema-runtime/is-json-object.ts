/** Whether a JSON value is an object (JSON Schema's `object`): not null, not an array. */
export const isJsonObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
