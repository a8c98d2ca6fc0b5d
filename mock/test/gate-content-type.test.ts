import { request } from 'node:http';
import { sign } from '@tianman/signer';
import { describe, expect, inject, it } from 'vitest';
import { SYNC_PATH, validBody } from './helpers.js';

// The Content-Type check on the shared mock, through a raw request so the header can be left
// out or written in forms `fetch` would not send.

const body = JSON.stringify(validBody);

async function send(contentType: string | undefined) {
  const { authorization } = await sign({ ...inject('mockCredentials'), body });
  const url = new URL(SYNC_PATH, inject('mockUrl'));
  return new Promise<{ status: number; reason: string | undefined; json: unknown }>(
    (resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            authorization,
            'content-length': Buffer.byteLength(body),
            ...(contentType === undefined ? {} : { 'content-type': contentType }),
          },
          agent: false,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              reason: res.headers['x-mock-reason'] as string | undefined,
              json: JSON.parse(text),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
}

function refusal(shown: string) {
  return {
    errCode: '9001',
    errInfo: `请求报文格式错误: Content-Type must be application/json (UTF-8); got ${shown}`,
  };
}

describe('Content-Type', () => {
  it('missing on a body: 400 content-type, showing an empty value', async () => {
    const answer = await send(undefined);
    expect(answer).toEqual({ status: 400, reason: 'content-type', json: refusal('""') });
  });

  it('a charset after another parameter still counts', async () => {
    const contentType = 'application/json; foo=bar; charset=latin1';
    const answer = await send(contentType);
    expect(answer).toEqual({
      status: 400,
      reason: 'content-type',
      json: refusal(JSON.stringify(contentType)),
    });
  });

  it.each(['application/json; charset="latin1"x', 'application/json; charset="utf-8"x'])(
    'a charset with text after its closing quote is not UTF-8: %s',
    async (contentType) => {
      const answer = await send(contentType);
      expect(answer).toEqual({
        status: 400,
        reason: 'content-type',
        json: refusal(JSON.stringify(contentType)),
      });
    },
  );

  it('a UTF-8 charset after another parameter passes', async () => {
    const answer = await send('application/json; foo=bar; charset=utf-8');
    expect(answer.status).toBe(200);
  });
});
