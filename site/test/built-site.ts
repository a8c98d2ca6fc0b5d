import { inject } from 'vitest';

/**
 * The folder of the site this run built; throws when the build failed (site.test.ts's first
 * test says why).
 */
export function builtSite(): string {
  const build = inject('siteBuild');
  if (build.error) throw new Error(`the site was not built: ${build.error.split('\n')[0]}`);
  return build.out;
}
