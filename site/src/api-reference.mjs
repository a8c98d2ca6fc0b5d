// @ts-check
// The contract's reference page: Redocly CLI's `build-docs` (Redoc) over an in-memory copy of
// the contract that carries the TypeScript examples as `x-codeSamples`. The repository's
// spec/openapi.yaml is only read. The page embeds Redoc's scripts (`--inlineBundle`), so it
// loads nothing from a CDN but Redoc's own logo, which it hides when that fails; Redoc's
// telemetry is off in the page and in the CLI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { ROADS } from './code-samples.mjs';

const require = createRequire(import.meta.url);
const redoclyCli = join(
  dirname(require.resolve('@redocly/cli/package.json')),
  /** @type {{ bin: { redocly: string } }} */ (require('@redocly/cli/package.json')).bin.redocly,
);

/** The language of the examples, as `x-codeSamples` names it (Redoc highlights by it). */
export const SAMPLE_LANG = 'TypeScript';

/**
 * The sample tabs Redoc shows, in order: Redoc shows an `x-codeSamples` entry only when its
 * label is listed here, and `Payload` is the request body's JSON.
 */
export const SAMPLE_TABS = [
  ...Object.values(ROADS).map((label) => ({ lang: SAMPLE_LANG, label })),
  { lang: 'Payload' },
];

/**
 * The Redocly CLI configuration of the page.
 * @param {string} specHref where the page links the contract for download, relative to it
 */
export const redoclyConfig = (specHref) => ({
  // Redoc's telemetry from readers' browsers.
  telemetry: 'off',
  openapi: {
    // The client's error messages quote a pattern's x-pattern-message: show it beside the pattern.
    showExtensions: ['x-pattern-message'],
    downloadUrls: [{ title: 'openapi.yaml', url: specHref }],
    codeSamples: { languages: SAMPLE_TABS },
  },
});

/**
 * A copy of the contract whose operations carry their examples as `x-codeSamples`, the
 * client-method example first.
 * @param {Record<string, any>} doc the parsed contract (not changed)
 * @param {Array<{ operationId: string, road: import('./code-samples.mjs').Road, code: string }>} samples
 * @returns {Record<string, any>}
 */
export function withCodeSamples(doc, samples) {
  const copy = structuredClone(doc);
  /** @type {Map<string, Record<string, any>>} */
  const byId = new Map();
  for (const item of Object.values(copy.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      if (op && typeof op === 'object' && typeof op.operationId === 'string')
        byId.set(op.operationId, op);
    }
  }
  const order = Object.keys(ROADS);
  for (const sample of [...samples].sort((a, b) => order.indexOf(a.road) - order.indexOf(b.road))) {
    const op = byId.get(sample.operationId);
    if (!op)
      throw new Error(
        `docs: an example names ${sample.operationId}, which the contract does not have`,
      );
    op['x-codeSamples'] = [
      ...(op['x-codeSamples'] ?? []),
      { lang: SAMPLE_LANG, label: ROADS[sample.road], source: sample.code },
    ];
  }
  return copy;
}

/**
 * Builds the page with `redocly build-docs`.
 * @param {object} input
 * @param {Record<string, any>} input.doc the contract to render (with its `x-codeSamples`)
 * @param {string} input.file the page to write
 * @param {string} input.specHref the download link of the contract, relative to the page
 * @returns {string} what the CLI printed
 * @throws {Error} with the CLI's output when it fails
 */
export function buildApiReference({ doc, file, specHref }) {
  const work = mkdtempSync(join(tmpdir(), 'tianman-site-redoc-'));
  try {
    const spec = join(work, 'openapi.json');
    const config = join(work, 'redocly.yaml');
    writeFileSync(spec, JSON.stringify(doc));
    writeFileSync(config, stringify(redoclyConfig(specHref)));
    mkdirSync(dirname(file), { recursive: true });
    const result = spawnSync(
      process.execPath,
      [
        redoclyCli,
        'build-docs',
        spec,
        '--config',
        config,
        '--lint-config',
        'error',
        '--inlineBundle',
        '--title',
        typeof doc.info?.title === 'string' ? doc.info.title : 'API reference',
        '--output',
        file,
      ],
      {
        cwd: work,
        encoding: 'utf8',
        // The CLI's usage telemetry and its update check: off.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.error || result.status !== 0) {
      throw new Error(
        `docs: redocly build-docs failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`,
      );
    }
    // The page exists and is Redoc's: a CLI that printed success but wrote nothing fails here.
    if (!readFileSync(file, 'utf8').includes('<html'))
      throw new Error(`docs: redocly wrote no page at ${file}`);
    return output;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
