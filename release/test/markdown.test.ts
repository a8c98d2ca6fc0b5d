import { describe, expect, it } from 'vitest';
import { between, codeBlocks } from './markdown.js';

describe('codeBlocks', () => {
  it('reads the language, the tags, the code and the line of each fence', () => {
    const markdown = [
      '# Title',
      '',
      '```ts run',
      "const a = '```';",
      '```',
      'text',
      '~~~sh',
      'echo hi',
      '~~~',
    ].join('\n');
    expect(codeBlocks(markdown)).toEqual([
      { lang: 'ts', tags: ['run'], code: "const a = '```';\n", line: 3 },
      { lang: 'sh', tags: [], code: 'echo hi\n', line: 7 },
    ]);
  });

  it('closes a fence only with the same character, at least as long', () => {
    const markdown = ['````md', '```ts', 'x', '```', '~~~', '````', '```', 'y'].join('\n');
    const [outer, unclosed] = codeBlocks(markdown);
    expect(outer).toMatchObject({ lang: 'md', code: '```ts\nx\n```\n~~~\n' });
    // An unclosed fence runs to the end of the document.
    expect(unclosed).toMatchObject({ lang: '', code: 'y\n', line: 7 });
  });

  it("removes the opening fence's indentation from the content, and no more", () => {
    const markdown = ['1. step', '', '   ```sh', '   npm test', '     indented', '   ```'].join(
      '\n',
    );
    expect(codeBlocks(markdown)).toEqual([
      { lang: 'sh', tags: [], code: 'npm test\n  indented\n', line: 3 },
    ]);
  });

  it('ignores inline code and fences indented four spaces', () => {
    expect(codeBlocks('``` not a fence ` here\n    ```ts\n    x\n    ```\n')).toEqual([]);
  });
});

describe('between', () => {
  it('gives the text between the markers', () => {
    expect(between('a <!-- x:start -->b<!-- x:end --> c', 'x')).toBe('b');
  });

  it('refuses a missing, reversed or repeated pair', () => {
    expect(() => between('a', 'x')).toThrow('<!-- x:start -->');
    expect(() => between('<!-- x:end --><!-- x:start -->', 'x')).toThrow();
    expect(() => between('<!-- x:start --><!-- x:start --><!-- x:end -->', 'x')).toThrow();
  });
});
