import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script, no declaration file
import { generate } from '../scripts/generate.mjs';
import type { ValidationIssue } from '../src/validation-issue.js';

// Regenerates the client from an edited copy of the spec into a copy of its sources, and gives
// the contract's verdict from that copy: what a spec edit would ship, tested without touching
// src/generated. The copy lives inside packages/client (gitignored `.fixture-*`) so that its
// imports resolve; `removeCopies()` deletes every copy made.

const clientDir = fileURLToPath(new URL('../', import.meta.url));
const specPath = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const copies: string[] = [];

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, edited in place
export type Doc = any;

/** The real spec, parsed: a fresh copy to edit. */
export function readSpec(): Doc {
  return parse(readFileSync(specPath, 'utf8'));
}

/**
 * Adds a signed `POST /test/<id>` operation whose request body has `schema` (inline), with the
 * responses an operation needs.
 */
export function addOperation(doc: Doc, id: string, schema: unknown): void {
  doc.paths[`/test/${id}`] = {
    post: {
      operationId: id,
      security: [{ OpenBodySig: [] }],
      requestBody: { required: true, content: { 'application/json': { schema } } },
      responses: {
        '200': {
          description: 'ok',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { respCode: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}

/** The contract's verdict on a body of an operation of a regenerated copy. */
export interface Verdict {
  (operationId: string, body: unknown): ValidationIssue[];
  /** The copy's directory (its sources are in `src/`). */
  dir: string;
}

/** Generates the client from `doc` into a fresh copy of its sources; the copy's verdict. */
export async function generateCopy(doc: Doc): Promise<Verdict> {
  const dir = mkdtempSync(join(clientDir, '.fixture-generate-'));
  copies.push(dir);
  cpSync(join(clientDir, 'src'), join(dir, 'src'), { recursive: true });
  const spec = join(dir, 'openapi.yaml');
  writeFileSync(spec, JSON.stringify(doc));
  await generate({ spec, out: join(dir, 'src/generated'), dryRun: false });
  const validate = await import(pathToFileURL(join(dir, 'src/validate.ts')).href);
  const operations = await import(pathToFileURL(join(dir, 'src/generated/operations.ts')).href);
  const verdict = (operationId: string, body: unknown) => {
    const op =
      operations.operationTable[operationId] ??
      (operations.tokenOperation.operationId === operationId
        ? operations.tokenOperation
        : undefined);
    if (!op) throw new Error(`no operation ${operationId} in the copy`);
    return validate.contractIssues(op.validate, body);
  };
  return Object.assign(verdict, { dir });
}

/** Deletes every copy `generateCopy` made. */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}
