import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

for (const platform of ['browser', 'node']) {
  const r = await build({
    stdin: {
      contents: "export * from '@tianman/client';",
      resolveDir: process.cwd(),
      loader: 'js',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    tsconfigRaw: '{}',
    logLevel: 'silent',
  });
  const code = r.outputFiles[0].text;
  console.log(platform, code.length, gzipSync(code, { level: 9 }).length);
}
