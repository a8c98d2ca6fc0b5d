import { describe, expect, it } from 'vitest';
import { isUtf8JsonContentType } from '../src/json-content-type.js';

// Called directly: over HTTP, Node trims a header value, so the blanks at its edges and the
// spellings below are easiest to pin here.
describe('isUtf8JsonContentType', () => {
  it.each([
    ['application/json', true],
    ['APPLICATION/JSON', true],
    ['application/vnd.x+json', true],
    ['application/json ; charset=utf-8', true],
    ['application/json;charset=UTF8', true],
    ['application/json; charset = utf-8', true],
    ['application/json; charset= "utf-8" ', true],
    ['application/json; charset=""', true],
    ['application/json; charset=', true],
    ['application/json; charsetx', true],
    ['application/json; charset', true],
    ['application/json; xcharset=latin1', true],
    ['application/json; charset = latin1', false],
    ['application/json; CHARSET=latin1', false],
    ['application/json; charset="latin1"', false],
    ['application/json; charset="utf-8', false],
    ['application/json; charset=utf-8"', false],
    ['application/json; charset="', false],
    ['application/json; charset="utf-8"x', false],
    ['application/json; charset=latin1; charset=utf-8', false],
    ['text/json', false],
    ['', false],
  ])('%j → %s', (contentType, expected) => {
    expect(isUtf8JsonContentType(contentType)).toBe(expected);
  });
});
