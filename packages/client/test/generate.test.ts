import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
// @ts-expect-error: a plain .mjs script, no declaration file
import { generate } from '../scripts/generate.mjs';

// The generator refuses, loudly and naming the place, what the client could not honour: a spec
// edit is never silently unchecked. Each case edits a copy of the real spec once.

const specPath = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const generated = fileURLToPath(new URL('../src/generated', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tianman-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, edited in place
type Doc = any;
const SYNC = '/v1/inip/corporate-wallet/wechat-pay-point/order/sync';
const request = (doc: Doc) => doc.components.schemas.SyncPayScoreOrderRequest;

let n = 0;
/** Generates from the spec with `edit` applied, writing nothing. */
async function generateEdited(edit: (doc: Doc) => void): Promise<void> {
  writeFileSync(
    join(dir, 'common.yaml'),
    stringify({ components: { schemas: { Mid: { type: 'string', maxLength: 32 } } } }),
  );
  const doc = parse(readFileSync(specPath, 'utf8'));
  edit(doc);
  const spec = join(dir, `openapi-${n++}.yaml`);
  writeFileSync(spec, stringify(doc));
  await generate({ spec, out: generated, dryRun: true });
}

it('the unedited spec passes (the committed files are current)', async () => {
  await expect(generateEdited(() => {})).resolves.toBeUndefined();
});

describe.each<[string, (doc: Doc) => void, RegExp]>([
  [
    'an external $ref (to a file that exists: openapi-typescript would bundle it)',
    (doc) => {
      request(doc).properties.mid = { $ref: 'common.yaml#/components/schemas/Mid' };
    },
    /\$ref common\.yaml#\/components\/schemas\/Mid at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid: only #\/components\/schemas\/… references are bundled/,
  ],
  [
    'a format',
    (doc) => {
      request(doc).properties.serviceId.format = 'uuid';
    },
    /format "uuid" at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/serviceId: formats are not shipped/,
  ],
  [
    'a pattern without x-pattern-message',
    (doc) => {
      request(doc).properties.mid.pattern = '^[0-9]+$';
    },
    /pattern at #\/components\/schemas\/SyncPayScoreOrderRequest\/properties\/mid has no x-pattern-message/,
  ],
  [
    'a security scheme without x-tianman-auth',
    (doc) => {
      doc.components.securitySchemes.ApiKey = { type: 'apiKey', in: 'header', name: 'X-Key' };
    },
    /security scheme ApiKey needs x-tianman-auth: signature or token/,
  ],
  [
    'an operation naming a security scheme the spec does not define',
    (doc) => {
      doc.paths[SYNC].post.security = [{ OpenBodySig: [] }, { Missing: [] }];
    },
    /syncPayScoreOrder: unknown security scheme Missing/,
  ],
  [
    'a keyword Ajv does not know',
    (doc) => {
      request(doc).properties.mid.maxLenght = 32;
    },
    /Ajv cannot compile the contract: .*maxLenght/,
  ],
])('%s', (_what, edit, message) => {
  it('stops the generator with a message naming the place', async () => {
    await expect(generateEdited(edit)).rejects.toThrow(message);
  });
});

// The generator refuses external $refs before openapi-typescript runs: it would otherwise fail
// with "Can't resolve $ref: ENOENT …", suggesting to create the file.
it('an external $ref to a missing file gets the generator’s own refusal, not ENOENT', async () => {
  await expect(
    generateEdited((doc) => {
      request(doc).properties.mid = { $ref: 'missing.yaml#/components/schemas/Mid' };
    }),
  ).rejects.toThrow(
    /generate: \$ref missing\.yaml#\/components\/schemas\/Mid at .*: only #\/components\/schemas\/… references are bundled/,
  );
});
