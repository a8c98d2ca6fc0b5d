import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { RULESET_FILE } from './spectral.js';

// The root README's "Adding an endpoint" lists every convention the lint enforces, by rule name:
// a rule added to the ruleset without a line there (or a line left for a rule that is gone)
// fails here, so the list users read cannot drift from what `pnpm lint:spec` checks.

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's "Adding an endpoint" section, up to the next `## ` heading. */
function addingAnEndpoint(): string {
  const start = readme.indexOf('\n## Adding an endpoint\n');
  expect(start, 'the README has an "Adding an endpoint" section').toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The rules the ruleset defines (a rule only turned off, like `operation-description: off`, is not one). */
const rules = Object.entries(parse(readFileSync(RULESET_FILE, 'utf8')).rules as object)
  .filter(([, rule]) => typeof rule === 'object')
  .map(([name]) => name)
  .sort();

it('lists every rule of the ruleset, one line each, with how to satisfy it', () => {
  const section = addingAnEndpoint();
  const lines = section.split('\n').filter((line) => line.startsWith('- `'));
  const listed = lines.map((line) => /^- `([^`]+)`: \S/.exec(line)?.[1]);
  expect(rules.length).toBeGreaterThan(0);
  expect(listed.filter((name) => name === undefined)).toEqual([]);
  expect([...listed].sort()).toEqual(rules);
});

it('names no rule the ruleset does not have', () => {
  const named = new Set(
    [...addingAnEndpoint().matchAll(/`(tianman-[a-z0-9-]+)`/g)].map(([, name]) => name),
  );
  expect([...named].filter((name) => !rules.includes(name))).toEqual([]);
});
