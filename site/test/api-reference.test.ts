import { describe, expect, it } from 'vitest';
import { redoclyConfig, SAMPLE_LANG, withCodeSamples } from '../src/api-reference.mjs';
import { ROADS } from '../src/code-samples.mjs';
import { contract, json, ok, signed } from './contract-fixture.js';

const doc = contract({
  '/orders': {
    post: {
      operationId: 'createOrder',
      tags: ['orders'],
      security: signed,
      requestBody: json({ type: 'object' }, { a: { value: {} } }),
      responses: ok,
    },
  },
});

describe('withCodeSamples', () => {
  it("puts each operation's examples in x-codeSamples, the client method first, on a copy", () => {
    const before = structuredClone(doc);
    const copy = withCodeSamples(doc, [
      { operationId: 'createOrder', road: 'api', code: 'api code' },
      { operationId: 'getToken', road: 'api', code: 'token code' },
      { operationId: 'createOrder', road: 'client', code: 'client code' },
    ]);
    expect(copy.paths['/orders'].post['x-codeSamples']).toEqual([
      { lang: SAMPLE_LANG, label: ROADS.client, source: 'client code' },
      { lang: SAMPLE_LANG, label: ROADS.api, source: 'api code' },
    ]);
    expect(copy.paths['/token'].post['x-codeSamples']).toEqual([
      { lang: SAMPLE_LANG, label: ROADS.api, source: 'token code' },
    ]);
    // The contract given is not changed.
    expect(doc).toEqual(before);
  });

  it('refuses an example of an operation the contract does not have', () => {
    expect(() => withCodeSamples(doc, [{ operationId: 'nope', road: 'api', code: '' }])).toThrow(
      'docs: an example names nope, which the contract does not have',
    );
  });
});

describe("Redoc's configuration", () => {
  it('shows a tab for every road (Redoc hides a sample whose label it does not list)', () => {
    const { languages } = redoclyConfig('../openapi.yaml').openapi.codeSamples;
    for (const label of Object.values(ROADS)) {
      expect(languages).toContainEqual({ lang: SAMPLE_LANG, label });
    }
  });
});
