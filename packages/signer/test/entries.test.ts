import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it, vi } from 'vitest';
import * as cryptoNode from '../src/crypto-node.js';
import * as cryptoWeb from '../src/crypto-web.js';
import { node, web } from './implementations.js';

const PUBLIC_API = [
  'ACCESS_TOKEN_PREFIX',
  'ACCESS_TOKEN_SCHEME',
  'APP_ID_PATTERN',
  'AUTHORIZATION_HEADER',
  'AuthorizationFormatError',
  'BODY_SIG_SCHEME',
  'bodyDigest',
  'constantTimeEqual',
  'createNonce',
  'createSigner',
  'formatAuthorization',
  'formatTimestamp',
  'isValidAppId',
  'parseAuthorization',
  'parseTimestamp',
  'sign',
  'signTokenRequest',
  'verify',
];

type Format = 'esm' | 'cjs';
const EXTENSION = { esm: '.js', cjs: '.cjs' } as const;

/**
 * `#crypto` as a runtime resolves it from the built package's package.json `imports`: with the
 * `node` condition or without it, from `import` or from `require`.
 */
async function resolveCrypto(runtime: 'node' | 'default', format: Format): Promise<string> {
  const packageDir = dirname(inject('distDir'));
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const target = manifest.imports['#crypto'][runtime];
  return join(packageDir, format === 'esm' ? target.import : target.default);
}

/** The files a built entry loads, following relative imports and `#crypto`. */
async function moduleGraph(
  runtime: 'node' | 'default',
  format: Format,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const pending = [join(inject('distDir'), `index${EXTENSION[format]}`)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    const code = await readFile(file, 'utf8');
    files.set(file, code);
    for (const match of code.matchAll(
      /\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']/g,
    )) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier === '#crypto') pending.push(await resolveCrypto(runtime, format));
      else if (specifier?.startsWith('.')) pending.push(join(dirname(file), specifier));
    }
  }
  return files;
}

/** Names exported by a bundled declaration file. */
async function declaredExports(file: string): Promise<string[]> {
  const dts = await readFile(join(inject('distDir'), file), 'utf8');
  const names = [...dts.matchAll(/export \{([^}]*)\}/g)].flatMap(([, list]) =>
    (list as string).split(',').map((n) =>
      n
        .trim()
        .replace(/^type /, '')
        .split(' as ')
        .at(-1)
        ?.trim(),
    ),
  );
  return names.filter((n): n is string => Boolean(n)).sort();
}

describe('the one entry', () => {
  it('exports the public API, by name, whichever crypto `#crypto` resolves to', () => {
    expect(Object.keys(node).sort()).toEqual(PUBLIC_API);
    expect(Object.keys(web).sort()).toEqual(PUBLIC_API);
  });

  it('runs on WebCrypto when `#crypto` is the web module, on node:crypto otherwise', async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    try {
      await node.bodyDigest('a');
      expect(digest).not.toHaveBeenCalled();
      await web.bodyDigest('a');
      expect(digest).toHaveBeenCalledTimes(1);
    } finally {
      digest.mockRestore();
    }
  });

  // The type assertions are in entries.test-d.ts, which vitest type-checks.
  it('gets the same two names from both crypto modules', () => {
    expect(Object.keys(cryptoNode).sort()).toEqual(['signerCrypto', 'timingSafeEqual']);
    expect(Object.keys(cryptoWeb).sort()).toEqual(['signerCrypto', 'timingSafeEqual']);
  });

  it('refuses an object body at run time, as the types do', async () => {
    await expect(
      // @ts-expect-error a body is a string or bytes, never an object to serialize
      node.sign({ appId: 'a', appKey: 'k', body: { a: 1 } }),
    ).rejects.toThrow(/body must be a string or a Uint8Array/);
  });
});

describe('the built package', () => {
  it('declares the same names for import (.d.ts) and require (.d.cts)', async () => {
    const esmNames = await declaredExports('index.d.ts');
    expect(esmNames).toEqual(await declaredExports('index.d.cts'));
    for (const name of [...PUBLIC_API, 'SignInput', 'VerifyInput', 'VerifyResult']) {
      expect(esmNames).toContain(name);
    }
  });

  it.each(['esm', 'cjs'] as const)(
    'keeps Node out of everything the %s build loads without the `node` condition',
    async (format) => {
      const graph = await moduleGraph('default', format);
      expect([...graph.keys()].some((file) => /crypto-web\.c?js$/.test(file))).toBe(true);
      for (const [file, code] of graph) {
        expect({
          file,
          nodeImport: /["']node:|(from\s*|require\(\s*)["'](crypto|buffer|fs|process)["']/.test(
            code,
          ),
        }).toEqual({ file, nodeImport: false });
        // Comments may name them; code may not (a CommonJS build may `require` its own files).
        const stripped = code
          .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
          .replace(/\brequire\(\s*["'](\.[^"']+|#crypto)["']\s*\)/g, '');
        expect({ file, globals: stripped.match(/\b(Buffer|process|require)\b/g) }).toEqual({
          file,
          globals: null,
        });
      }
    },
  );

  it.each(['esm', 'cjs'] as const)(
    'uses node:crypto in the %s build under `node`',
    async (format) => {
      const graph = await moduleGraph('node', format);
      expect([...graph.values()].some((code) => /["']node:crypto["']/.test(code))).toBe(true);
    },
  );
});
