import type { UserConfig } from 'tsdown';

type Plugin = Extract<NonNullable<UserConfig['plugins']>, { name: string }>;

/**
 * Default imports of CommonJS dependencies in the CommonJS build, read the way CommonJS code
 * reads them. Rolldown compiles a `"type": "module"` package's `import x from 'dep'` to
 * `__toESM(require('dep'), 1)` in every output format: Node's ESM rule, where the default is the
 * whole `module.exports`. That is right in the ESM build and wrong in the CommonJS one, where a
 * dependency compiled from ESM (`__esModule`, `exports.default`) — openapi-fetch's
 * `createClient`, ioredis' `Redis` — must give its `exports.default`, as TypeScript's and
 * Babel's interop do. Without this, `require('@tianman/client')` fails with "openapi_fetch.default
 * is not a function" (rolldown/tsdown#1054). The release tests run the CommonJS build.
 */
function cjsDefaultInterop(): Plugin {
  return {
    name: 'tianman:cjs-default-interop',
    renderChunk(code, _chunk, options) {
      if (options.format !== 'cjs') return null;
      const fixed = code.replace(/__toESM\(([\w$]+), 1\)/g, '__toESM($1)');
      return fixed === code ? null : { code: fixed, map: null };
    },
  };
}

/**
 * The dual-package build every published library here uses: ESM (`.js` + `.d.ts`) and CommonJS
 * (`.cjs` + `.d.cts`) from one source, so `import` and `require()` each get a build with its own
 * types under every TypeScript resolution (node10, node16/nodenext from CJS and ESM, bundler).
 *
 * `#…` specifiers stay imports: they are package.json `imports`, resolved by the consumer's
 * runtime (`node` condition or not), and each target module is an entry of its own. Pair it
 * with package.json fields shaped like @tianman/signer's (`main`, `module`, `types`, `exports`
 * with `import`/`require`, and `imports` with `import`/`default` under each condition).
 */
export function dualPackage(
  config: UserConfig & { neverBundle?: (string | RegExp)[] },
): UserConfig {
  const { neverBundle = [], plugins = [], ...rest } = config;
  return {
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    // `.js`/`.d.ts` for ESM and `.cjs`/`.d.cts` for CommonJS in a `"type": "module"` package.
    fixedExtension: false,
    ...rest,
    deps: { neverBundle: [/^#/, ...neverBundle] },
    plugins: [plugins, cjsDefaultInterop()],
    outputOptions: (options, format) => ({
      ...options,
      // Code shared by the entries; named for what it is, not for whichever module came first.
      chunkFileNames: format === 'cjs' ? 'shared-[hash].cjs' : 'shared-[hash].js',
    }),
  };
}
