import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuite, type SuiteResult, suiteTable } from './json-schema-suite.js';

// The official JSON Schema Test Suite through the real generator (see json-schema-suite.ts for
// how each case is embedded in an OpenAPI document: a case schema without `$id` gets one, so
// that its `#`-relative references resolve inside it as the case intends, not against the
// OpenAPI document around it; each `pattern` gets an `x-pattern-message`). Every case is either
// compiled into a
// validator that agrees with the suite on every test, or refused when generating with a message
// naming the keyword and where it stands; nothing else (no disagreement, no crash). The README's
// table ("What the generator supports") is this run's: `pnpm --filter @tianman/client
// suite:table` writes it, and the last test fails when the README says anything else.

const README = new URL('../README.md', import.meta.url);
const START = '<!-- json-schema-suite:start -->';
const END = '<!-- json-schema-suite:end -->';

let result: SuiteResult;
beforeAll(async () => {
  result = await runSuite();
}, 120_000);

describe('JSON Schema Test Suite, draft 2020-12, through generate()', () => {
  it('runs every case of every file, optional/ included', () => {
    const files = new Set(result.cases.map((c) => c.file));
    expect(files.has('ref.json')).toBe(true);
    expect(files.has('optional/ecmascript-regex.json')).toBe(true);
    expect(files.has('optional/format/date-time.json')).toBe(true);
    expect(result.cases.length).toBeGreaterThan(450);
  });

  it('nothing crashes: every error is the generator’s refusal of a case', () => {
    expect(result.crashes).toEqual([]);
  });

  it('the generated validators agree with the suite on every test of every compiled case', () => {
    const disagreements = result.cases.flatMap((c) =>
      c.disagreements.map((d) => `${c.file} "${c.description}": ${d}`),
    );
    expect(disagreements).toEqual([]);
    for (const c of result.cases.filter((c) => !c.refused)) {
      expect(c.agreed + c.notApplicable, `${c.file} "${c.description}"`).toBe(c.tests);
    }
  });

  it('a refusal names the keyword and where it stands in the case', () => {
    const refused = result.cases.filter((c) => c.refused);
    expect(refused.length).toBeGreaterThan(0);
    for (const c of refused) {
      const what = `${c.file} "${c.description}"`;
      expect(c.refusedKeyword, what).toMatch(/^[$a-z]/i);
      expect(c.refused, what).toContain(c.refusedKeyword);
      expect(c.refused, what).toMatch(/ at #(\/\S*)?(?=[ :]|$)/);
      expect(c.agreed).toBe(0);
    }
  });

  it('only the core format.json’s “annotation by default” tests are not applicable (formats are asserted)', () => {
    const notApplicable = result.cases.filter((c) => c.notApplicable);
    expect(notApplicable.map((c) => c.file)).toEqual(notApplicable.map(() => 'format.json'));
    expect(notApplicable.map((c) => c.description).sort()).toEqual(
      [
        'date format',
        'date-time format',
        'email format',
        'ipv4 format',
        'ipv6 format',
        'time format',
        'uri format',
        'uuid format',
      ].sort(),
    );
  });

  it('annotations through nested items and through an if without then are compiled and agree', () => {
    const named = (file: string, description: string) =>
      result.cases.find((c) => c.file === file && c.description === description);
    for (const c of [
      named('unevaluatedItems.json', 'unevaluatedItems with nested items'),
      named(
        'unevaluatedProperties.json',
        'unevaluatedProperties with if/then/else, then not defined',
      ),
    ]) {
      expect(c).toBeDefined();
      expect(c?.refused).toBeUndefined();
      expect(c?.agreed).toBe(c?.tests);
    }
  });

  it('the README’s table is this run’s', () => {
    const table = suiteTable(result);
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, `${START} in README.md`).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const updated = `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
    if (process.env.SUITE_TABLE === 'write') writeFileSync(README, updated);
    else expect(readme, 'run `pnpm --filter @tianman/client suite:table`').toBe(updated);
  });
});
