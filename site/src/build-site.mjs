// @ts-check
// `pnpm docs`: the whole site, from the contract and the packages.
//
//   index.html     the home page (landing-page.mjs)
//   openapi.yaml   the contract, as it is in the repository
//   api/           the HTTP API reference: Redoc over the contract with TypeScript examples
//                  (api-reference.mjs, code-samples.mjs), every example type-checked against the
//                  built client first (check-examples.mjs)
//   reference/     the packages' TSDoc and the guides, by TypeDoc (typescript-reference.mjs)
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { buildApiReference, withCodeSamples } from './api-reference.mjs';
import { checkExamples } from './check-examples.mjs';
import { codeSamples, ROADS } from './code-samples.mjs';
import { formatTypeScript } from './format-typescript.mjs';
import { landingPage, listOperations } from './landing-page.mjs';
import { defaultOut, specPath } from './paths.mjs';
import { buildTypeScriptReference } from './typescript-reference.mjs';

/** The site's pages, from its root. */
export const SITE = {
  home: 'index.html',
  spec: 'openapi.yaml',
  api: 'api/index.html',
  reference: 'reference',
};

/**
 * What a build made.
 * @typedef {object} BuiltSite
 * @property {string} out
 * @property {Array<import('./code-samples.mjs').CodeSample>} samples formatted, type-checked
 * @property {ReturnType<typeof listOperations>} operations
 * @property {import('./typescript-reference.mjs').TypeScriptReference} typescript
 */

/**
 * Builds the site into `out`, replacing what is there.
 * @param {{ out?: string, spec?: string }} [options]
 * @returns {Promise<BuiltSite>}
 * @throws when an example does not compile, or a renderer fails
 */
export async function buildSite({ out = defaultOut, spec = specPath } = {}) {
  const doc = parse(readFileSync(spec, 'utf8'));
  const samples = codeSamples(doc).map((s) => ({ ...s, code: formatTypeScript(s.code) }));
  checkExamples(
    samples.map((s) => ({ name: `${s.operationId} (${ROADS[s.road]})`, code: s.code })),
  );

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyFileSync(spec, join(out, SITE.spec));
  buildApiReference({
    doc: withCodeSamples(doc, samples),
    file: join(out, SITE.api),
    specHref: relative(join(out, SITE.api, '..'), join(out, SITE.spec)),
  });
  const typescript = await buildTypeScriptReference({
    out: join(out, SITE.reference),
    siteLinks: [
      { label: 'Site home', href: relative(join(out, SITE.reference), join(out, SITE.home)) },
      {
        label: 'HTTP API reference',
        href: relative(join(out, SITE.reference), join(out, SITE.api)),
      },
    ],
  });
  const operations = listOperations(doc, SITE.api);
  /** @param {string} url */
  const inReference = (url) => `${SITE.reference}/${url}`;
  writeFileSync(
    join(out, SITE.home),
    landingPage({
      title: typeof doc.info?.title === 'string' ? doc.info.title : 'The contract',
      summary: typeof doc.info?.summary === 'string' ? doc.info.summary : '',
      api: SITE.api,
      spec: SITE.spec,
      operations,
      reference: inReference('index.html'),
      modules: typescript.modules.map((m) => ({ ...m, url: inReference(m.url) })),
      guides: typescript.guides.map((g) => ({ ...g, url: inReference(g.url) })),
    }),
  );
  return { out, samples, operations, typescript };
}
