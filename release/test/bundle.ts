import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles `source` as a stranger's bundler would, resolving packages from the consumer project.
 * `platform: 'browser'` means no `node` export condition: the WebCrypto signer is chosen.
 */
export async function bundle(
  consumerDir: string,
  source: string,
  platform: 'browser' | 'node',
  format: 'esm' | 'iife' = 'esm',
): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: consumerDir, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format,
    platform,
    target: 'es2022',
    nodePaths: [join(consumerDir, 'node_modules')],
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}
