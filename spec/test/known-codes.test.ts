import { describe, expect, it } from 'vitest';
import { deref, spec } from './load-spec.js';

// `x-tianman-known-codes` on a response lists the result codes (`respCode` or `errCode`) the
// contract knows for it: the mock's drift proxy reports any other code a real answer carries.
// The list and the response's examples must say the same thing.

/** Every response object of the contract, inline or shared, with where it stands. */
function responses(): Array<[string, Record<string, unknown>]> {
  const found: Array<[string, Record<string, unknown>]> = [];
  for (const [name, response] of Object.entries(spec.components.responses ?? {})) {
    found.push([`components/responses/${name}`, response as Record<string, unknown>]);
  }
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if ((response as { $ref?: string }).$ref) continue;
        found.push([
          `${method.toUpperCase()} ${path} ${status}`,
          response as Record<string, unknown>,
        ]);
      }
    }
  }
  return found;
}

/** The result codes of a response's examples. */
function exampleCodes(response: Record<string, any>): string[] {
  const examples = Object.values(response.content?.['application/json']?.examples ?? {});
  return [
    ...new Set(
      examples
        .map((e) => deref(e).value)
        .map((v) => v?.respCode ?? v?.errCode)
        .filter((code): code is string => typeof code === 'string'),
    ),
  ];
}

describe.each(responses().filter(([, r]) => exampleCodes(r).length > 0))(
  '%s',
  (_where, response) => {
    it('lists the result codes of its examples in x-tianman-known-codes, and no other', () => {
      const known = response['x-tianman-known-codes'];
      expect(Array.isArray(known) && [...known].sort()).toEqual(exampleCodes(response).sort());
    });
  },
);
