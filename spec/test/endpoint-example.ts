import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The root README's "Adding an endpoint" example: its spec edit and the program using it. */
export interface EndpointExample {
  /** The YAML between the `endpoint-example` markers, parsed: path → path item. */
  paths: Record<string, unknown>;
  /** The ```ts after-spec-edit block: a program calling the operations the edit adds. */
  program: string;
}

const README = new URL('../../README.md', import.meta.url);

/**
 * Reads the example from the root README, which tests (spec/test/endpoint-example.test.ts, mock/test/adding-an-endpoint.test.ts,
 * packages/client/test/operation-cost.test.ts) add to a copy of the spec.
 */
export function readEndpointExample(): EndpointExample {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf('<!-- endpoint-example:start -->');
  const end = readme.indexOf('<!-- endpoint-example:end -->');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(readme.slice(start, end))?.[1];
  const program = /```ts after-spec-edit\n([\s\S]*?)```/.exec(readme)?.[1];
  if (start < 0 || end < start || !yaml || !program) {
    throw new Error(
      'README.md: "Adding an endpoint" needs a ```yaml block between <!-- endpoint-example:start --> and <!-- endpoint-example:end -->, and a ```ts after-spec-edit block',
    );
  }
  return { paths: parse(yaml) as Record<string, unknown>, program };
}

/** `spec` with the example's paths added; throws if one is there already. */
export function withEndpointExample<T extends { paths: Record<string, unknown> }>(
  spec: T,
  example: EndpointExample = readEndpointExample(),
): T {
  const clashes = Object.keys(example.paths).filter((path) => path in spec.paths);
  if (clashes.length) throw new Error(`README example: already in the spec: ${clashes.join(', ')}`);
  return { ...spec, paths: { ...spec.paths, ...example.paths } };
}
