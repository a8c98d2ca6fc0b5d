import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkHref, indexSite } from '../src/check-links.mjs';
import { codeSamples } from '../src/code-samples.mjs';
import { formatTypeScript } from '../src/format-typescript.mjs';
import { specPath } from '../src/paths.mjs';
import { builtSite } from './built-site.js';
import { type StaticServer, serveFolder } from './static-server.js';

// The built site in a real browser: Debian's Chromium (scripts/ensure-chromium.sh installs it;
// CHROMIUM_PATH names another) driven by playwright-core, the site served from a local static
// server on a free port. Nothing outside that server is fetched: every other request is
// refused and recorded, and the only one allowed to have been tried is Redoc's logo, which the
// page hides when it does not load. Set SITE_SCREENSHOTS=<folder> to keep screenshots.

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Redoc's sidebar logo, loaded from Redocly's CDN whatever the options. */
const ALLOWED_OUTSIDE = /^https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg$/;
/** Waiting for a page's script to render, not a speed limit: a loaded machine is slow. */
const RENDERED = { timeout: 60_000 };

const doc = parse(readFileSync(specPath, 'utf8'));
const sync = doc.paths['/v1/inip/corporate-wallet/wechat-pay-point/order/sync'].post;

let out: string;
let server: StaticServer;
let browser: Browser;
const outside: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  out = builtSite();
  server = await serveFolder(out);
  browser = await chromium.launch({
    executablePath,
    // Chromium's sandbox refuses to run as root (CI runs as root).
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
});

// Each test's pages fetched nothing from outside the site but Redoc's logo, and no script failed.
afterEach(() => {
  const fetched = outside.splice(0);
  const errors = pageErrors.splice(0);
  expect(fetched.filter((url) => !ALLOWED_OUTSIDE.test(url))).toEqual([]);
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page of the site (a path from its root, with its `#fragment`). */
async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route(
    (url) => !url.href.startsWith(server.url),
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(new URL(path, server.url).href);
  return page;
}

/** Keeps a screenshot when SITE_SCREENSHOTS names a folder. */
async function screenshot(page: Page, name: string) {
  const folder = process.env.SITE_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** An operation's heading on Redoc's page (its accessible name is its link's label). */
const heading = (page: Page, summary: string) =>
  page.locator('h1, h2').filter({ hasText: summary }).first();

/** The text of the request samples panel of Redoc's operation page. */
const samplePanel = (page: Page) => page.locator('.panel-request-samples pre').first();

describe('the built site in Chromium', () => {
  it("opens every operation's page from the home page", async () => {
    const home = await open('index.html');
    const routes = await home
      .locator('a[href^="api/index.html#/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { summary: string }>),
    );
    expect(routes).toHaveLength(operations.length);
    for (const [i, route] of routes.entries()) {
      await home.goto(new URL(route, server.url).href);
      const summary = operations[i]?.summary ?? '';
      await heading(home, summary).waitFor(RENDERED);
      expect(await heading(home, summary).isVisible()).toBe(true);
    }
    await home.close();
  });

  it("shows the sync operation's fields, rules, security, responses and TypeScript examples", async () => {
    const page = await open('api/index.html#/wechat-pay-point/syncpayscoreorder');
    await heading(page, sync.summary).waitFor(RENDERED);
    const text = await page.locator('body').textContent();
    for (const field of ['fenOrderId', 'mid', 'serviceId', 'type', 'detail', 'paidTime']) {
      expect(text).toContain(field);
    }
    // The rules in words: lengths, the pattern's message, the enum, the required marks.
    expect(text).toContain('[ 1 .. 32 ] characters');
    expect(text).toContain('letters, digits and _-|* only');
    expect(text).toContain('yyyyMMddHHmmss (or yyyyMMdd), Beijing time');
    expect(text).toContain('"Order_Paid"');
    expect(text).toContain('required');
    expect(text).toContain('OpenBodySig or OpenAccessToken');
    for (const status of ['200', '400', '412', '422', '500', '503']) expect(text).toContain(status);
    expect(text).toContain('"respCode": "0000"');

    // The examples, exactly as generated and type-checked.
    const expected = Object.fromEntries(
      codeSamples(doc)
        .filter((s) => s.operationId === 'syncPayScoreOrder')
        .map((s) => [s.road, formatTypeScript(s.code).trim()]),
    );
    await samplePanel(page).waitFor(RENDERED);
    expect((await samplePanel(page).textContent())?.trim()).toBe(expected.client);
    await screenshot(page, 'sync-operation');
    await page.getByText('client method', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'createTianmanApi' }).click();
    await expect
      .poll(async () => (await samplePanel(page).textContent())?.trim(), RENDERED)
      .toBe(expected.api);
    await page.close();
  });

  it("follows Redoc's router links to their sections, on the same page", async () => {
    const page = await open('api/index.html');
    const links = page.locator('a[data-discover]');
    await links.first().waitFor(RENDERED);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    // The overview and a group per tag, at least.
    expect(hrefs.length).toBeGreaterThanOrEqual(doc.tags.length + 1);
    for (const href of new Set(hrefs)) {
      await page.locator(`a[data-discover][href="${href}"]`).first().click();
      const route = href.startsWith('#') ? href : `#${href}`;
      await page.waitForURL((url) => url.hash === route, RENDERED);
      expect(new URL(page.url()).pathname).toBe('/api/index.html');
    }
    await page.close();
  });

  it("shows createTianmanClient's options on its TypeDoc page, every link of it resolving", async () => {
    const page = await open('index.html');
    await page.getByRole('link', { name: '@tianman/client', exact: true }).click();
    await page.getByRole('link', { name: 'createTianmanClient', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Function createTianmanClient' }).waitFor(RENDERED);
    const text = await page.locator('.col-content').textContent();
    for (const option of [
      'appId',
      'appKey',
      'environment',
      'baseUrl',
      'auth',
      'timeoutMs',
      'retry',
    ]) {
      expect(text).toContain(`${option}?: `);
    }
    await screenshot(page, 'create-tianman-client');
    // The links the page's script renders (the navigation tree) resolve too.
    await page
      .locator('#tsd-nav-container a')
      .first()
      .waitFor({ ...RENDERED, state: 'attached' });
    const here = new URL(page.url()).pathname.slice(1);
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const site = indexSite(out);
    const broken = hrefs
      .map((href) => ({ href, result: checkHref(site, here, href) }))
      .filter(({ result }) => result.kind === 'broken');
    expect(broken).toEqual([]);
    expect(hrefs.length).toBeGreaterThan(100);
    await page.close();
  });
});
