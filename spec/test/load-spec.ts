import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The parsed contract, as plain JSON. */
// biome-ignore lint/suspicious/noExplicitAny: the document is walked generically in tests.
export const spec: any = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));

const SPEC_ID = 'https://tianman-sdk.local/openapi.json';

const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
});
addFormats(ajv);
// OpenAPI keywords that may sit inside schemas; none is used for validation.
ajv.addKeyword('discriminator').addKeyword('xml').addKeyword('externalDocs').addKeyword('example');
// The contract's own annotation: what a pattern allows, in words (the client's messages).
ajv.addKeyword('x-pattern-message');
// The document root is not a schema; `components` only holds the schemas refs point into.
ajv.addKeyword('components');
// Register the whole document so `#/components/...` refs resolve inside it.
ajv.addSchema({ $id: SPEC_ID, components: spec.components }, SPEC_ID);

/** A validator for a JSON pointer into the document, e.g. `#/components/schemas/X`. */
export function validatorFor(pointer: string): ValidateFunction {
  return ajv.getSchema(`${SPEC_ID}${pointer}`) ?? ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
}

/** Follows a local `$ref` (one level is all the document uses). */
// biome-ignore lint/suspicious/noExplicitAny: generic document walk.
export function deref(node: any): any {
  if (node && typeof node.$ref === 'string') {
    const path = node.$ref.replace(/^#\//, '').split('/');
    // biome-ignore lint/suspicious/noExplicitAny: generic document walk.
    return path.reduce((acc: any, key: string) => acc[key], spec);
  }
  return node;
}
