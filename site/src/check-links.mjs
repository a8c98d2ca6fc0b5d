// @ts-check
// A link checker over a built site folder, offline: every link and anchor of every page that
// points inside the site must reach a file, and its `#fragment` an element with that id (or an
// `<a name>`) in the target. Links that leave the site are listed, never fetched. Pages are read
// with parse5 (the HTML standard's parsing), not with patterns over their text.
//
// Two kinds of links are client-side routes of a page's script rather than files or anchors, and
// are listed for the browser test, which opens them: a fragment that starts with `/` (Redoc's
// `#/tag/operation`), and a react-router `<Link>` (`<a data-discover>`, Redoc's sidebar), whose
// `href` is a route its router handles in the page.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { parse, parseFragment } from 'parse5';

/** The origin pages are resolved against: not a real host, so nothing can be fetched from it. */
const ORIGIN = 'http://site.invalid';

/** Attributes that hold one URL, on any element (`href` of `a`, `link`, `area`, SVG `use`…). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'poster', 'action', 'data']);

/**
 * A link found in a page.
 * @typedef {object} FoundLink
 * @property {string} page the page, relative to the site's folder (`/` separated)
 * @property {string} href the attribute's value
 * @property {boolean} router whether it is a react-router `<Link>`
 */

/**
 * What the checker found.
 * @typedef {object} LinkReport
 * @property {Array<FoundLink & { problem: string }>} broken
 * @property {FoundLink[]} external links that leave the site, listed, not fetched
 * @property {FoundLink[]} routes client-side routes, for the browser test
 * @property {number} checked links and anchors resolved inside the site
 * @property {number} pages HTML pages read
 */

/**
 * The ids of a page (elements' `id`, `<a name>`) and its links.
 * @typedef {object} ReadPage
 * @property {Set<string>} ids
 * @property {FoundLink[]} links
 * @property {string | undefined} base its `<base href>`
 */

/**
 * @param {string} dir
 * @returns {string[]} every file under `dir`, relative to it, `/` separated
 */
function filesUnder(dir) {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

/**
 * Walks a parse5 tree, template contents included.
 * @param {any} node
 * @param {(element: { tagName: string, attrs: Array<{ name: string, prefix?: string, value: string }> }) => void} visit
 */
function walkElements(node, visit) {
  if (node.tagName) visit(node);
  for (const child of node.childNodes ?? []) walkElements(child, visit);
  if (node.content) walkElements(node.content, visit);
}

/**
 * The ids and links of an HTML page or an SVG image.
 * @param {string} text
 * @param {string} page
 * @param {boolean} svg an image: its ids only (an SVG file's links are its own business)
 * @returns {ReadPage}
 */
function readPage(text, page, svg) {
  const tree = svg ? parseFragment(text) : parse(text);
  /** @type {ReadPage} */
  const read = { ids: new Set(), links: [], base: undefined };
  walkElements(tree, (element) => {
    const attribute = (/** @type {string} */ name) =>
      element.attrs.find((a) => (a.prefix ? `${a.prefix}:${a.name}` : a.name) === name)?.value;
    const id = attribute('id');
    if (id !== undefined) read.ids.add(id);
    const name = attribute('name');
    if (element.tagName === 'a' && name !== undefined) read.ids.add(name);
    if (svg) return;
    if (element.tagName === 'base' && read.base === undefined) read.base = attribute('href');
    const router = element.tagName === 'a' && attribute('data-discover') !== undefined;
    for (const a of element.attrs) {
      const qualified = a.prefix ? `${a.prefix}:${a.name}` : a.name;
      if (element.tagName === 'base' && qualified === 'href') continue;
      if (URL_ATTRIBUTES.has(qualified)) read.links.push({ page, href: a.value, router });
      if (qualified === 'srcset') {
        for (const candidate of a.value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) read.links.push({ page, href: url, router: false });
        }
      }
    }
  });
  return read;
}

/**
 * An index of a built site: its files and the ids of its pages.
 * @typedef {object} SiteIndex
 * @property {string} dir
 * @property {Set<string>} files
 * @property {Map<string, ReadPage>} pages HTML pages and SVG images, by file
 */

/**
 * Reads a built site folder.
 * @param {string} dir
 * @returns {SiteIndex}
 */
export function indexSite(dir) {
  const files = filesUnder(dir);
  /** @type {Map<string, ReadPage>} */
  const pages = new Map();
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    if (ext === '.html' || ext === '.htm' || ext === '.svg') {
      pages.set(file, readPage(readFileSync(join(dir, file), 'utf8'), file, ext === '.svg'));
    }
  }
  return { dir, files: new Set(files), pages };
}

/**
 * What one link of a page is: a problem (broken), external, a client-side route, or fine.
 * @param {SiteIndex} site
 * @param {string} page the page it is on, relative to the site's folder
 * @param {string} href
 * @param {{ router?: boolean, base?: string }} [context]
 * @returns {{ kind: 'ok' | 'external' | 'route' | 'ignored' } | { kind: 'broken', problem: string }}
 */
export function checkHref(site, page, href, { router = false, base } = {}) {
  const pageUrl = new URL(page.split('/').map(encodeURIComponent).join('/'), `${ORIGIN}/`);
  /** @type {URL} */
  let url;
  try {
    url = new URL(href.trim(), base ? new URL(base, pageUrl) : pageUrl);
  } catch {
    return { kind: 'broken', problem: 'not a URL' };
  }
  // Inline data and script URLs go nowhere.
  if (url.protocol === 'data:' || url.protocol === 'javascript:') return { kind: 'ignored' };
  if (url.origin !== ORIGIN) return { kind: 'external' };
  if (router) return { kind: 'route' };
  let path;
  try {
    path = decodeURIComponent(url.pathname).replace(/^\//, '');
  } catch {
    return { kind: 'broken', problem: 'its path is not valid percent-encoding' };
  }
  let file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
  if (!site.files.has(file) && site.files.has(`${file}/index.html`)) file = `${file}/index.html`;
  if (!site.files.has(file)) return { kind: 'broken', problem: `no file ${file}` };
  const fragment = url.hash.slice(1);
  if (fragment === '') return { kind: 'ok' };
  let anchor;
  try {
    anchor = decodeURIComponent(fragment);
  } catch {
    return { kind: 'broken', problem: `#${fragment} is not valid percent-encoding` };
  }
  if (anchor.startsWith('/')) return { kind: 'route' };
  const target = site.pages.get(file);
  if (!target) return { kind: 'broken', problem: `#${anchor}: ${file} is not a page with anchors` };
  if (!target.ids.has(anchor) && !target.ids.has(fragment)) {
    return { kind: 'broken', problem: `no element with id "${anchor}" in ${file}` };
  }
  return { kind: 'ok' };
}

/**
 * Checks every link and anchor of every page of a built site folder.
 * @param {string} dir
 * @returns {LinkReport}
 */
export function checkLinks(dir) {
  if (!statSync(dir).isDirectory()) throw new Error(`check-links: ${dir} is not a folder`);
  const site = indexSite(dir);
  /** @type {LinkReport} */
  const report = { broken: [], external: [], routes: [], checked: 0, pages: 0 };
  for (const [file, page] of site.pages) {
    if (file.toLowerCase().endsWith('.svg')) continue;
    report.pages++;
    for (const link of page.links) {
      const result = checkHref(site, file, link.href, { router: link.router, base: page.base });
      if (result.kind === 'broken') report.broken.push({ ...link, problem: result.problem });
      else if (result.kind === 'external') report.external.push(link);
      else if (result.kind === 'route') report.routes.push(link);
      else if (result.kind === 'ok') report.checked++;
    }
  }
  return report;
}
