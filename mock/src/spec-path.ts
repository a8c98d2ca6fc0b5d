import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The contract the mock serves when none is given.
 *
 * In the repository `spec/openapi.yaml` is the source of truth and always current, so it wins.
 * An installed package has no `spec/` beside it and uses the copy the build put at the package
 * root (`openapi.yaml`, listed in `files`). Both paths are relative to this module, which sits
 * one level below the package root whether it runs from `src/` or `dist/`.
 */
export function defaultSpecPath(): string {
  const candidates = [
    fileURLToPath(new URL('../../spec/openapi.yaml', import.meta.url)),
    fileURLToPath(new URL('../openapi.yaml', import.meta.url)),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(
      `@tianman/mock: no OpenAPI document found (looked at ${candidates.join(', ')}); pass \`spec\` to startMock or --spec to tianman-mock.`,
    );
  }
  return found;
}
