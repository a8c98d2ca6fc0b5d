import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { describe, expect, inject, it } from 'vitest';
import { checkLinks } from '../src/check-links.mjs';
import { root, specPath } from '../src/paths.mjs';
import { ENTRY_POINTS, GUIDES } from '../src/typescript-reference.mjs';
import { builtSite } from './built-site.js';

describe('pnpm run docs', () => {
  it('builds the site', () => {
    // Why the build failed, in full, when it did (global-setup.ts built it).
    expect(inject('siteBuild').error).toBeUndefined();
    const out = builtSite();
    for (const page of ['index.html', 'api/index.html', 'reference/index.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
    // The contract, as it is in the repository, for download.
    expect(readFileSync(join(out, 'openapi.yaml'), 'utf8')).toBe(readFileSync(specPath, 'utf8'));
  });

  it('has no broken link or anchor; links that leave the site are listed, not fetched', () => {
    const report = checkLinks(builtSite());
    expect(report.broken).toEqual([]);
    expect(report.pages).toBeGreaterThan(50);
    const external = [...new Set(report.external.map((l) => l.href))].sort();
    console.log(`external links (not fetched):\n${external.map((h) => `  ${h}`).join('\n')}`);
    // The routes of Redoc's page, which the browser test opens: its sidebar's router links and
    // the home page's links to each operation.
    for (const route of report.routes) {
      expect(route.router ? route.page : route.href).toMatch(/^api\/index\.html/);
    }
  });
});

describe('the TypeScript reference', () => {
  it('documents every public entry point of every published package', () => {
    const published = ['packages/client', 'packages/signer', 'packages/token-store-redis', 'mock'];
    const exported = published.flatMap((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return Object.keys(manifest.exports)
        .filter((key) => key !== './package.json')
        .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
    });
    expect(ENTRY_POINTS.map((e) => e.specifier).sort()).toEqual(exported.sort());
    for (const e of ENTRY_POINTS) expect(existsSync(join(root, e.source)), e.source).toBe(true);
  });

  it('has a page for the root README and every guide, linked from the home page', () => {
    const out = builtSite();
    const links = anchors(readFileSync(join(out, 'index.html'), 'utf8'));
    const guides = [
      { file: 'README.md', title: 'tianman-sdk: install, quickstart, layout, commands' },
      ...GUIDES,
    ];
    // The README, the mock's and the signer's guides and the platform facts are pages.
    for (const file of [
      'README.md',
      'mock/README.md',
      'packages/signer/README.md',
      'docs/platform.md',
    ]) {
      expect(guides.map((g) => g.file)).toContain(file);
    }
    for (const guide of guides) {
      const link = links.find((l) => l.text === guide.title);
      expect(link, guide.title).toBeDefined();
      const page = readFileSync(join(out, link?.href ?? ''), 'utf8');
      const heading = readFileSync(join(root, guide.file), 'utf8')
        .split('\n')[0]
        ?.replace(/^# /, '');
      expect(texts(page), guide.file).toContain(heading);
    }
  });
});

type Node = {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
};

/** The text of a node. */
function textOf(node: Node): string {
  return node.nodeName === '#text'
    ? (node.value ?? '')
    : (node.childNodes ?? []).map(textOf).join('');
}

/** Every element of a page. */
function elements(html: string): Node[] {
  const found: Node[] = [];
  const walk = (node: Node) => {
    if (node.attrs) found.push(node);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(html) as unknown as Node);
  return found;
}

/** The links of a page: href and text. */
function anchors(html: string): { href: string; text: string }[] {
  return elements(html)
    .filter((e) => e.nodeName === 'a')
    .map((a) => ({
      href: a.attrs?.find((x) => x.name === 'href')?.value ?? '',
      text: textOf(a),
    }));
}

/** The texts of a page's headings. */
function texts(html: string): string[] {
  return elements(html)
    .filter((e) => /^h[1-6]$/.test(e.nodeName))
    .map((h) => textOf(h).trim());
}
