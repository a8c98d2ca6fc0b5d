// @ts-check
// Where the site reads from and writes to.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The site package's folder. */
export const siteDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The monorepo root. */
export const root = join(siteDir, '..');

/** The contract. */
export const specPath = join(root, 'spec/openapi.yaml');

/** Where `pnpm docs` writes the site (git-ignored). */
export const defaultOut = join(siteDir, 'dist');
