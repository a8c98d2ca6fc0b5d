import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultSpecPath } from '../src/spec-path.js';
import { SYNC_PATH } from './helpers.js';

/** The codes the test spec knows for the order sync's 200 (`x-tianman-known-codes`). */
export const KNOWN_SYNC_CODES = ['0000', 'ORDER_NOT_EXIST', 'INVALID_ORDER_STATE'];

/**
 * A copy of the contract, in a fresh temporary directory, that says more than the contract
 * does: the order sync's answer schema is closed (`additionalProperties: false`) and its 200
 * lists the codes it knows. The contract's answer schemas stay open by policy; a test spec is
 * where a closed one is checked.
 */
export async function writeDriftSpec(): Promise<{ dir: string; spec: string }> {
  const document = parse(await readFile(defaultSpecPath(), 'utf8'));
  document.components.schemas.SyncPayScoreOrderResponse.additionalProperties = false;
  document.paths[SYNC_PATH].post.responses['200']['x-tianman-known-codes'] = KNOWN_SYNC_CODES;
  const dir = await mkdtemp(join(tmpdir(), 'tianman-drift-'));
  const spec = join(dir, 'openapi.yaml');
  await writeFile(spec, stringify(document));
  return { dir, spec };
}
