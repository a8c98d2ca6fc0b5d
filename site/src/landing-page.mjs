// @ts-check
// The site's home page: what is where, with a link to every operation's page in the HTTP API
// reference, every package entry point's page and every guide in the TypeScript reference.
// Every text from the contract or the packages enters through `htmlText`.

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** @param {unknown} value */
const htmlText = (value) =>
  String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * An operation as the home page lists it.
 * @typedef {object} ListedOperation
 * @property {string} operationId
 * @property {string} method upper case
 * @property {string} path
 * @property {string} summary
 * @property {string} route its page in the HTTP API reference (Redoc's route), from the site's root
 */

/**
 * Redoc's route of an operation's page: `#/<tag>/<operationid>`, the tag in lower case with
 * dashes for spaces (the browser test opens every one).
 * @param {string} page the reference's page, from the site's root
 * @param {string | undefined} tag
 * @param {string} operationId
 */
export const redocRoute = (page, tag, operationId) =>
  tag === undefined
    ? page
    : `${page}#/${tag.toLowerCase().replaceAll(/\s+/g, '-')}/${operationId.toLowerCase()}`;

/**
 * The contract's operations, in its order.
 * @param {Record<string, any>} doc
 * @param {string} page the HTTP API reference's page, from the site's root
 * @returns {ListedOperation[]}
 */
export function listOperations(doc, page) {
  /** @type {ListedOperation[]} */
  const listed = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op || typeof op.operationId !== 'string') continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : undefined;
      listed.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: typeof op.summary === 'string' ? op.summary : op.operationId,
        route: redocRoute(page, tag, op.operationId),
      });
    }
  }
  return listed;
}

/**
 * @param {{ href: string, text: string, code?: boolean, note?: string }} link
 */
const item = ({ href, text, code = false, note }) =>
  `<li><a href="${htmlText(href)}">${code ? `<code>${htmlText(text)}</code>` : htmlText(text)}</a>${
    note ? ` — ${htmlText(note)}` : ''
  }</li>`;

/**
 * The home page's HTML.
 * @param {object} input
 * @param {string} input.title the contract's title
 * @param {string} input.summary the contract's summary
 * @param {string} input.api the HTTP API reference's page, from the site's root
 * @param {string} input.spec the contract's file, from the site's root
 * @param {ListedOperation[]} input.operations
 * @param {string} input.reference the TypeScript reference's home page, from the site's root
 * @param {Array<{ specifier: string, url: string }>} input.modules pages from the site's root
 * @param {Array<{ title: string, url: string }>} input.guides pages from the site's root
 */
export function landingPage({ title, summary, api, spec, operations, reference, modules, guides }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tianman-sdk reference</title>
<style>
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; color: #1f2328; background: #fff; }
  main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
  h1 { font-size: 2rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.3rem; margin: 2.25rem 0 .5rem; padding-bottom: .3rem; border-bottom: 1px solid #d0d7de; }
  p { margin: .5rem 0; }
  .lead { color: #57606a; }
  ul { padding-left: 1.25rem; }
  li { margin: .35rem 0; }
  a { color: #0969da; text-decoration: none; }
  a:hover { text-decoration: underline; }
  code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: .1em .3em; border-radius: 4px; }
</style>
</head>
<body>
<main>
<h1>tianman-sdk reference</h1>
<p class="lead">${htmlText(summary)}</p>

<section id="http-api">
<h2>HTTP API</h2>
<p><a href="${htmlText(api)}">${htmlText(title)}</a>: every operation of the contract with its fields and their rules, its security, its responses and their examples, and a TypeScript example of the call through <code>client.&lt;operationId&gt;(…)</code> and through <code>createTianmanApi</code>, type-checked against the built client. The contract itself: <a href="${htmlText(spec)}">openapi.yaml</a>.</p>
<ul>
${operations.map((op) => item({ href: op.route, text: `${op.method} ${op.path}`, code: true, note: op.summary })).join('\n')}
</ul>
</section>

<section id="typescript">
<h2>TypeScript packages</h2>
<p>The public entry points of the published packages, from their TSDoc: functions, options, errors and types.</p>
<ul>
${modules.map((m) => item({ href: m.url, text: m.specifier, code: true })).join('\n')}
</ul>
</section>

<section id="guides">
<h2>Guides</h2>
<ul>
${[{ title: 'tianman-sdk: install, quickstart, layout, commands', url: reference }, ...guides].map((g) => item({ href: g.url, text: g.title })).join('\n')}
</ul>
</section>
</main>
</body>
</html>
`;
}
