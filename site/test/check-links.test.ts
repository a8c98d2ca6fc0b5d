import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../src/check-links.mjs';

let dir: string;

/** A page whose body is the given HTML. */
const page = (body: string) => `<!doctype html><html><head></head><body>${body}</body></html>`;

const files: Record<string, string> = {
  'index.html': page(`
    <h1 id="top">Home</h1>
    <a href="guide/index.html">a page</a>
    <a href="guide/">a folder, served as its index.html</a>
    <a href="guide">a folder without its slash</a>
    <a href="guide/index.html#install">an anchor</a>
    <a href="#top">an anchor of the page itself</a>
    <a href="#">the top</a>
    <a href="data.yaml">a file</a>
    <a href="guide/index.html#missing">BROKEN: no such id</a>
    <a href="nowhere.html">BROKEN: no such file</a>
    <a href="../outside.html">BROKEN: leaves the site</a>
    <a href="data.yaml#x">BROKEN: an anchor in a file that is not a page</a>
    <a href="https://example.com/">external</a>
    <a href="mailto:someone@example.com">external too</a>
    <a href="api.html#/orders/createorder">a route of the page's app</a>
    <a href="/orders" data-discover="true">a react-router link</a>
    <img src="image.svg"><svg><use href="image.svg#icon-a"></use><use href="image.svg#icon-b"></use></svg>
    <a href="javascript:void 0">nothing</a>
    <template><a href="in-template.html">BROKEN: inside a template</a></template>
  `),
  'guide/index.html': page(
    '<h2 id="install">Install</h2><a name="old-anchor"></a><a href="../index.html#old">BROKEN</a><a href="#old-anchor">named</a>',
  ),
  'api.html': page('<div id="app"></div>'),
  'data.yaml': 'a: 1\n',
  'image.svg': '<svg xmlns="http://www.w3.org/2000/svg"><g id="icon-a"></g></svg>',
  'sub/base.html':
    '<!doctype html><html><head><base href="../guide/"></head><body><a href="index.html#install">through the base</a></body></html>',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tianman-links-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkLinks', () => {
  it('finds every broken link and anchor, naming the page, the link and what is wrong', () => {
    const report = checkLinks(dir);
    expect(report.broken.map(({ page, href, problem }) => ({ page, href, problem }))).toEqual([
      {
        page: 'guide/index.html',
        href: '../index.html#old',
        problem: 'no element with id "old" in index.html',
      },
      {
        page: 'index.html',
        href: 'guide/index.html#missing',
        problem: 'no element with id "missing" in guide/index.html',
      },
      { page: 'index.html', href: 'nowhere.html', problem: 'no file nowhere.html' },
      { page: 'index.html', href: '../outside.html', problem: 'no file outside.html' },
      {
        page: 'index.html',
        href: 'data.yaml#x',
        problem: '#x: data.yaml is not a page with anchors',
      },
      {
        page: 'index.html',
        href: 'image.svg#icon-b',
        problem: 'no element with id "icon-b" in image.svg',
      },
      { page: 'index.html', href: 'in-template.html', problem: 'no file in-template.html' },
    ]);
  });

  it('lists the links that leave the site without fetching them', () => {
    expect(checkLinks(dir).external.map((l) => l.href)).toEqual([
      'https://example.com/',
      'mailto:someone@example.com',
    ]);
  });

  it('lists client-side routes (a `#/…` fragment, a react-router link) for the browser', () => {
    expect(checkLinks(dir).routes.map((l) => l.href)).toEqual([
      'api.html#/orders/createorder',
      '/orders',
    ]);
  });

  it('counts what resolved, a <base> honoured', () => {
    const report = checkLinks(dir);
    expect(report.pages).toBe(4);
    // index.html: 8 links and anchors and the SVG's one use; guide: 1; base.html: 1.
    expect(report.checked).toBe(11);
  });
});
