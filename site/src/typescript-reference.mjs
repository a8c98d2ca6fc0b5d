// @ts-check
// The packages' reference from their TSDoc, and the guides, by TypeDoc (its own HTML theme):
// one module per public entry point of the published packages, named as users import it, and
// the READMEs and docs/platform.md as pages beside them, their links to one another resolved.
import { join } from 'node:path';
import {
  Application,
  Converter,
  JSX,
  OptionDefaults,
  Reflection,
  ReflectionKind,
  RendererEvent,
  TSConfigReader,
} from 'typedoc';
import { root, siteDir } from './paths.mjs';

/**
 * Every public entry point of the published packages: its import specifier and its source.
 * A test holds this list to the packages' `exports`.
 */
export const ENTRY_POINTS = [
  { specifier: '@tianman/client', source: 'packages/client/src/index.ts' },
  { specifier: '@tianman/client/api', source: 'packages/client/src/api.ts' },
  { specifier: '@tianman/signer', source: 'packages/signer/src/index.ts' },
  { specifier: '@tianman/token-store-redis', source: 'packages/token-store-redis/src/index.ts' },
  { specifier: '@tianman/mock', source: 'mock/src/index.ts' },
];

/** The root README: the reference's home page. */
export const HOME = 'README.md';

/**
 * The guides, as pages: the packages' READMEs (a link to a package's folder opens its README)
 * and the repository's documents.
 */
export const GUIDES = [
  { file: 'packages/client/README.md', title: 'Guide: @tianman/client', folder: 'packages/client' },
  { file: 'packages/signer/README.md', title: 'Guide: @tianman/signer', folder: 'packages/signer' },
  {
    file: 'packages/token-store-redis/README.md',
    title: 'Guide: @tianman/token-store-redis',
    folder: 'packages/token-store-redis',
  },
  { file: 'mock/README.md', title: 'Guide: @tianman/mock', folder: 'mock' },
  { file: 'docs/platform.md', title: 'Platform facts' },
  { file: 'CONTRIBUTING.md', title: 'Contributing' },
];

/**
 * Option types whose fields the pages of the functions taking them show in place (TypeDoc's
 * `@expand`), so `createTianmanClient`'s page lists its options.
 */
export const EXPANDED = ['TianmanClientOptions', 'RedisTokenStoreOptions', 'MockOptions'];

/**
 * Links the reference's sidebar shows, relative to the reference's folder.
 * @typedef {{ label: string, href: string }} SiteLink
 */

/**
 * What was built: the page of each entry point and guide, relative to the reference's folder.
 * @typedef {object} TypeScriptReference
 * @property {Array<typeof ENTRY_POINTS[number] & { url: string }>} modules
 * @property {Array<typeof GUIDES[number] & { url: string }>} guides
 * @property {number} warnings
 */

/** @param {string} path */
const slashed = (path) =>
  /** @type {import('typedoc').NormalizedPath} */ (path.replaceAll('\\', '/'));

/**
 * Builds the reference into `out`.
 * @param {object} input
 * @param {string} input.out the folder to write
 * @param {SiteLink[]} input.siteLinks links to the rest of the site, relative to `out`
 * @returns {Promise<TypeScriptReference>} TypeDoc prints its warnings itself
 * @throws {Error} when TypeDoc reports an error or an entry point is not found
 */
export async function buildTypeScriptReference({ out, siteLinks }) {
  const app = await Application.bootstrapWithPlugins(
    {
      name: 'tianman-sdk',
      entryPoints: ENTRY_POINTS.map((e) => join(root, e.source)),
      entryPointStrategy: 'resolve',
      tsconfig: join(siteDir, 'tsconfig.typedoc.json'),
      readme: join(root, HOME),
      projectDocuments: GUIDES.map((g) => join(root, g.file)),
      out,
      // openapi-typescript's generated types carry the contract's descriptions as @description.
      blockTags: [...OptionDefaults.blockTags, '@description'],
      highlightLanguages: [...OptionDefaults.highlightLanguages, 'ini', 'lua', 'yaml'],
      githubPages: false,
      hideGenerator: true,
      logLevel: 'Warn',
    },
    [new TSConfigReader()],
  );
  const specifierOf = new Map(
    ENTRY_POINTS.map((e) => [slashed(join(root, e.source)), e.specifier]),
  );
  const named = new Set();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile();
    const specifier = file && specifierOf.get(slashed(file.fileName));
    if (specifier) {
      reflection.name = specifier;
      named.add(specifier);
    }
  });
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const { project } = context;
    // A link to the home README, from a guide, opens the reference's home page.
    project.files.registerReflectionPath(slashed(join(root, HOME)), project);
    for (const doc of project.getReflectionsByKind(ReflectionKind.Document)) {
      const path = project.files.getReflectionPath(doc);
      const guide = GUIDES.find((g) => path === slashed(join(root, g.file)));
      if (!guide) continue;
      doc.name = guide.title;
      // A link to a package's folder (`[@tianman/client](packages/client)`) opens its guide.
      if (guide.folder)
        project.files.registerReflectionPath(slashed(join(root, guide.folder)), doc);
    }
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Interface)) {
      if (EXPANDED.includes(reflection.name)) reflection.comment?.modifierTags.add('@expand');
    }
  });
  app.renderer.hooks.on('sidebar.begin', (context) =>
    JSX.createElement(
      'nav',
      { class: 'tsd-navigation', id: 'tianman-site-links' },
      ...siteLinks.map((l) =>
        JSX.createElement(
          'a',
          { href: context.relativeURL(l.href), class: 'tsd-nav-link' },
          l.label,
        ),
      ),
    ),
  );

  /** @type {Map<string, string>} the page of each module and document, by name */
  const pages = new Map();
  app.renderer.on(RendererEvent.END, (event) => {
    for (const page of event.pages) {
      const { model } = page;
      if (
        model instanceof Reflection &&
        model.kindOf(ReflectionKind.Module | ReflectionKind.Document)
      ) {
        pages.set(model.name, page.url);
      }
    }
  });

  const project = await app.convert();
  if (!project)
    throw new Error('docs: TypeDoc could not convert the packages (see its messages above)');
  const unnamed = ENTRY_POINTS.filter((e) => !named.has(e.specifier));
  if (unnamed.length) {
    throw new Error(
      `docs: TypeDoc made no module of ${unnamed.map((e) => `${e.specifier} (${e.source})`).join(', ')}`,
    );
  }
  // TypeDoc's checks of the comments: links to what is not documented, names not exported.
  app.validate(project);
  await app.generateDocs(project, out);
  if (app.logger.hasErrors()) {
    throw new Error(
      `docs: TypeDoc reported ${app.logger.errorCount} error(s) (see its messages above)`,
    );
  }
  /** @param {string} name */
  const pageOf = (name) => {
    const url = pages.get(name);
    if (!url) throw new Error(`docs: TypeDoc wrote no page for ${name}`);
    return url;
  };
  return {
    modules: ENTRY_POINTS.map((e) => ({ ...e, url: pageOf(e.specifier) })),
    guides: GUIDES.map((g) => ({ ...g, url: pageOf(g.title) })),
    warnings: app.logger.warningCount,
  };
}
