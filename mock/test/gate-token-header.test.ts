import { signTokenRequest } from '@tianman/signer';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { readAccessToken } from '../src/check-access-token.js';
import { rawCall, validBody } from './helpers.js';

// The OPEN-ACCESS-TOKEN header must be exactly the scheme, then the `AccessToken` pair and nothing
// else: a live token with extra text before the pair or glued after it is refused as malformed,
// not accepted, so a client that builds the header wrong finds out here.

const body = JSON.stringify(validBody);
const MALFORMED =
  '认证失败: OPEN-ACCESS-TOKEN header is not "OPEN-ACCESS-TOKEN AccessToken=<token>"';

async function liveToken(): Promise<string> {
  const issued = await fetch(`${inject('mockUrl')}/v1/token/access`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await signTokenRequest(inject('mockCredentials'))),
  });
  expect(issued.status).toBe(200);
  return ((await issued.json()) as { accessToken: string }).accessToken;
}

describe('the OPEN-ACCESS-TOKEN header around a live token', () => {
  it('the live token alone is accepted (the cases below differ only in what surrounds it)', async () => {
    const token = await liveToken();
    const answer = await rawCall(body, { authorization: `OPEN-ACCESS-TOKEN AccessToken=${token}` });
    expect(answer.status, answer.text).toBe(200);
  });

  it.each([
    [
      'a word between the scheme and the pair',
      (t: string) => `OPEN-ACCESS-TOKEN x AccessToken=${t}`,
    ],
    ['a comma and more after the token', (t: string) => `OPEN-ACCESS-TOKEN AccessToken=${t},x=1`],
    ['text glued after the closing quote', (t: string) => `OPEN-ACCESS-TOKEN AccessToken="${t}"x`],
  ])('refuses %s as malformed: 412, 1000, reason malformed', async (_, format) => {
    const token = await liveToken();
    const answer = await rawCall(body, { authorization: format(token) });
    expect(answer.status, answer.text).toBe(412);
    expect(answer.body).toEqual({ errCode: '1000', errInfo: MALFORMED });
    expect(answer.headers.get('x-mock-reason')).toBe('malformed');
  });
});

describe('readAccessToken, called directly', () => {
  // The shape the gate accepts, as one pattern: the reference the hand-written reader must match
  // (a test may use a pattern; the gate reads with trim and indexOf).
  const reference = /^\s*\S+\s+AccessToken\s*=\s*"?([^"\s,]+)"?\s*$/;

  it.each([
    ['OPEN-ACCESS-TOKEN AccessToken=abc', 'abc'],
    ['  OPEN-ACCESS-TOKEN \t AccessToken = "abc"  ', 'abc'],
    ['OPEN-ACCESS-TOKEN\tAccessToken=abc', 'abc'],
    ['OPEN-ACCESS-TOKEN AccessToken="abc', 'abc'],
    ['OPEN-ACCESS-TOKEN AccessToken=abc"', 'abc'],
    ['OPEN-ACCESS-TOKEN', undefined],
    ['OPEN-ACCESS-TOKEN AccessTokn=abc', undefined],
    ['OPEN-ACCESS-TOKEN accesstoken=abc', undefined],
    ['OPEN-ACCESS-TOKEN AccessToken abc', undefined],
    ['OPEN-ACCESS-TOKEN AccessToken=', undefined],
    ['OPEN-ACCESS-TOKEN AccessToken=""', undefined],
    ['OPEN-ACCESS-TOKEN AccessToken="', undefined],
    ['OPEN-ACCESS-TOKEN AccessToken=a b', undefined],
    ['OPEN-ACCESS-TOKEN AccessToken=a,b', undefined],
    ['OPEN-ACCESS-TOKEN AccessToken=a"b', undefined],
    ['OPEN-ACCESS-TOKEN x AccessToken=abc', undefined],
  ])('%j → %s', (header, token) => {
    expect(readAccessToken(header)).toBe(token);
    expect(reference.exec(header)?.[1]).toBe(token);
  });

  it('reads what the reference pattern reads, on headers made of the pieces that matter', () => {
    const piece = fc.constantFrom(
      ' ',
      '\t',
      '\n',
      'OPEN-ACCESS-TOKEN',
      'AccessToken',
      '=',
      '"',
      ',',
      'abc',
      'x',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join('')),
        (header) => {
          expect(readAccessToken(header)).toBe(reference.exec(header)?.[1]);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
