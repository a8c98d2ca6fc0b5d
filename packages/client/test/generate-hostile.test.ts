// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${x}` is one of the hostile strings, on purpose
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  addOperation,
  generateCopy,
  readSpec,
  removeCopies,
  type Verdict,
} from './generated-copy.js';

// Names and values that would break a generator writing code as text, or a validator reading
// fields with `data.name !== undefined`: each reaches the generated code only as an escaped
// literal, so the verdicts and the messages are exactly what the spec says.

const HOSTILE = [
  'errors',
  'vErrors.length',
  '*/',
  '"',
  "'",
  '\\',
  '\u2028',
  '\u2029',
  '${x}',
  '`',
  '</script>',
  '<!--',
  'a"b\\c',
];
const WORDS = 'a */ "quoted" \\ \u2028 ${x} ` </script> message';

/** An object with own fields, `__proto__` among them (an object literal would set the prototype). */
const own = (entries: Array<[string, unknown]>) => Object.fromEntries(entries);

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['__proto__', 'constructor'],
  properties: own([
    ['errors', { enum: ['errors', 'vErrors.length'] }],
    ['__proto__', { type: 'string', const: '</script>' }],
    ['constructor', { type: 'integer' }],
    ['toString', { type: 'string', pattern: '^[*]/$', 'x-pattern-message': WORDS }],
    ['hasOwnProperty', { enum: HOSTILE }],
    [
      '*/',
      {
        const: own([
          ['__proto__', '${x}'],
          ['`', ['</script>']],
        ]),
      },
    ],
    ['${x}', { type: 'array', items: { enum: HOSTILE }, uniqueItems: true }],
    ['</script>', { type: 'object', propertyNames: { enum: HOSTILE } }],
  ]),
};

let verdict: Verdict;
let validators: string;
beforeAll(async () => {
  const doc = readSpec();
  addOperation(doc, 'hostile', schema);
  doc.paths['/test/hostile'].post.summary = 'ends a comment */ too early';
  doc.paths['/test/hostile'].post.description = 'and */ again, with </script> and ${x}';
  verdict = await generateCopy(doc);
  validators = readFileSync(join(verdict.dir, 'src/generated/validators.js'), 'utf8');
}, 60_000);
afterAll(removeCopies);

const body = own([
  ['errors', 'vErrors.length'],
  ['__proto__', '</script>'],
  ['constructor', 1],
  ['toString', '*/'],
  ['hasOwnProperty', '\u2028'],
  [
    '*/',
    own([
      ['`', ['</script>']],
      ['__proto__', '${x}'],
    ]),
  ],
  ['${x}', ['"', '\\', '`']],
  [
    '</script>',
    own([
      ['errors', 1],
      ['\u2029', 2],
    ]),
  ],
]);
const withField = (name: string, value: unknown) =>
  own([...Object.entries(body).filter(([k]) => k !== name), [name, value]]);
const without = (name: string) => own(Object.entries(body).filter(([k]) => k !== name));

it('accepts the body the spec allows, hostile names and values included', () => {
  expect(verdict('hostile', body)).toEqual([]);
  for (const value of HOSTILE)
    expect(verdict('hostile', withField('hasOwnProperty', value))).toEqual([]);
});

it('refuses each violation with the exact path, rule and message', () => {
  expect(verdict('hostile', without('__proto__'))).toEqual([
    { path: '/__proto__', rule: 'required', message: '/__proto__ is required' },
  ]);
  expect(verdict('hostile', without('constructor'))).toEqual([
    { path: '/constructor', rule: 'required', message: '/constructor is required' },
  ]);
  expect(verdict('hostile', withField('errors', 'other'))).toEqual([
    {
      path: '/errors',
      rule: 'enum',
      message: '/errors must be one of ["errors","vErrors.length"]',
    },
  ]);
  expect(verdict('hostile', withField('__proto__', '<script>'))).toEqual([
    { path: '/__proto__', rule: 'const', message: '/__proto__ must be "</script>"' },
  ]);
  expect(verdict('hostile', withField('toString', '*'))).toEqual([
    { path: '/toString', rule: 'pattern', message: `/toString must be ${WORDS}` },
  ]);
  expect(verdict('hostile', withField('hasOwnProperty', 'x'))).toEqual([
    {
      path: '/hasOwnProperty',
      rule: 'enum',
      message: `/hasOwnProperty must be one of ${JSON.stringify(HOSTILE)}`,
    },
  ]);
  expect(verdict('hostile', withField('*/', own([['`', ['</script>']]])))).toEqual([
    { path: '/*~1', rule: 'const', message: '/*~1 must be {"__proto__":"${x}","`":["</script>"]}' },
  ]);
  expect(verdict('hostile', withField('${x}', ['`', '`']))).toEqual([
    {
      path: '/${x}',
      rule: 'uniqueItems',
      message: '/${x} must not repeat an item (#0 and #1 are equal)',
    },
  ]);
  expect(verdict('hostile', withField('</script>', own([['toString', 1]])))).toEqual([
    {
      path: '/<~1script>/toString',
      rule: 'propertyNames',
      message: '/<~1script>/toString is not an allowed field name',
    },
  ]);
  expect(verdict('hostile', withField('vErrors.length', 1))).toEqual([
    {
      path: '/vErrors.length',
      rule: 'additionalProperties',
      message: '/vErrors.length is not a known field',
    },
  ]);
});

it('a field inherited from Object.prototype is not a field', () => {
  expect(verdict('hostile', {}).map((i) => i.path)).toEqual(['/__proto__', '/constructor']);
});

it('the generated code holds no spec text outside escaped literals: no `</script`, no `<!--`', () => {
  expect(validators).toContain('validateHostile');
  expect(validators).not.toMatch(/<\/script|<!--/i);
  expect(validators).not.toContain('\u2028');
});
