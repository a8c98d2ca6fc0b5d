import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { readEndpointExample, withEndpointExample } from './endpoint-example.js';
import { lintDocuments, SPEC_FILE } from './spectral.js';

// The root README's "Adding an endpoint" example is a spec edit a reader copies: with it, the
// contract must still lint clean. (mock/test/adding-an-endpoint.test.ts generates a client from
// the edited contract and runs it against the mock.)

it('the README’s endpoint example, added to the spec, lints clean (pnpm lint:spec)', async () => {
  const example = readEndpointExample();
  expect(Object.keys(example.paths).length).toBeGreaterThan(0);
  const edited = withEndpointExample(parse(readFileSync(SPEC_FILE, 'utf8')), example);
  const results = await lintDocuments({ edited });
  expect(results.edited?.map((r) => `${r.code} ${r.path.join('.')}: ${r.message}`)).toEqual([]);
}, 120_000);

it('without its four gateway responses, the lint says exactly which lines to add: the README’s', async () => {
  const example = readEndpointExample();
  const bare = structuredClone(example);
  const methods: string[] = [];
  for (const item of Object.values(bare.paths) as Array<Record<string, { responses: object }>>) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.responses) continue;
      methods.push(method);
      for (const status of ['400', '412', '422', '500']) {
        delete (op.responses as Record<string, unknown>)[status];
      }
    }
  }
  const edited = withEndpointExample(parse(readFileSync(SPEC_FILE, 'utf8')), bare);
  const results = (await lintDocuments({ edited })).edited ?? [];
  expect(results.every((r) => r.code === 'tianman-gateway-responses')).toBe(true);
  expect(results).toHaveLength(4 * methods.length);
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const { message } of results) {
    const line = /add under its responses: {2}(.*)$/.exec(message)?.[1];
    expect(line, message).toBeDefined();
    // The line the lint asks for is the README example's, word for word.
    expect(readme).toContain(line);
  }
}, 120_000);

it('the example adds paths the spec does not have yet', () => {
  const spec = parse(readFileSync(SPEC_FILE, 'utf8'));
  const example = readEndpointExample();
  expect(() => withEndpointExample({ paths: { ...example.paths } }, example)).toThrow(
    /already in the spec/,
  );
  expect(Object.keys(withEndpointExample(spec, example).paths)).toEqual([
    ...Object.keys(spec.paths),
    ...Object.keys(example.paths),
  ]);
});
