// Its own file: importing nock patches `http.request` for the whole process (worker).
import nock from 'nock';
import { afterAll, afterEach, expect, it } from 'vitest';
import { createNodeTransport } from '../src/transport-node.js';
import { wire } from './transport-contract.js';

afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.restore();
});

it('nock intercepts the node transport (it goes through http.request), default agent included', async () => {
  const scope = nock('https://api-mop.chinaums.com')
    .post('/v1/inip/x', '{"a":1}')
    .matchHeader('authorization', 'OPEN-BODY-SIG x')
    .reply(200, { respCode: '0000' }, { 'x-id': '7' });
  const response = await createNodeTransport()(
    wire('https://api-mop.chinaums.com/v1/inip/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'OPEN-BODY-SIG x' },
      body: '{"a":1}',
    }),
  );
  expect(response).toMatchObject({ status: 200, text: '{"respCode":"0000"}' });
  expect(response.headers['x-id']).toBe('7');
  scope.done();
});
