import { describe, expect, it } from 'vitest';
import { withExampleCode } from '../src/prefer.js';
import { rawCall, validBody } from './helpers.js';

// `Prefer` pairs written without a value, repeated headers, and a code already given: what the
// gate answers or forwards to Prism.

const body = JSON.stringify(validBody);

describe('Prefer: example with no value', () => {
  it('is an empty example name, refused with a 400 that lists the choices', async () => {
    const answer = await rawCall(body, { headers: { prefer: 'example' } });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers.get('x-mock-reason')).toBe('prefer');
    expect(answer.body).toEqual({
      errCode: '9001',
      errInfo:
        'Prefer example= is not an example of this operation; choose one of 200: success, orderNotExist, deductionRunning; 400: malformedJson; 412: authFailed, timestampUnparsable, notAuthorized, transient; 422: parameterCheckFailed; 500: systemError; 503: unavailable',
    });
  });
});

describe('withExampleCode', () => {
  const examples = new Map([['transient', 412]]);

  it('joins a repeated header before adding the code', () => {
    expect(withExampleCode(['respond-async', 'example=transient'], examples)).toBe(
      'respond-async, example=transient, code=412',
    );
  });

  it('leaves a header that already names a code as it is', () => {
    expect(withExampleCode('code=412, example=transient', examples)).toBe(
      'code=412, example=transient',
    );
  });
});
