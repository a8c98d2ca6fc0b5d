import { signTokenRequest } from '@tianman/signer';
import { describe, expect, inject, it } from 'vitest';
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
