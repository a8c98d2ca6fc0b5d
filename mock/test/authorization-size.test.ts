import { connect } from 'node:net';
import { sign } from '@tianman/signer';
import { describe, expect, inject, it } from 'vitest';
import { rawCall, SYNC_PATH, validBody } from './helpers.js';

// An Authorization header is about 200 characters. The gate refuses one over 4 KiB before
// parsing anything (412, 1000: the header is what is wrong), and Node's own limit on all headers
// (16 KiB) still answers 431 before the gate runs.

const body = JSON.stringify(validBody);
const LIMIT = 4096;

/** A header signed over `body`, padded with blanks before the first pair to `length`. */
async function paddedHeader(length: number): Promise<string> {
  const { authorization } = await sign({ ...inject('mockCredentials'), body });
  const [scheme, pairs] = authorization.split(' ', 2) as [string, string];
  return `${scheme}${' '.repeat(length - authorization.length + 1)}${pairs}`;
}

describe('an oversized Authorization header', () => {
  it(`a real header padded to exactly ${LIMIT} characters is read and accepted`, async () => {
    const authorization = await paddedHeader(LIMIT);
    expect(authorization).toHaveLength(LIMIT);
    const answer = await rawCall(body, { authorization });
    expect(answer.status, answer.text).toBe(200);
  });

  it(`one character more is refused before parsing: 412, 1000, reason authorization-too-large`, async () => {
    const answer = await rawCall(body, { authorization: await paddedHeader(LIMIT + 1) });
    expect(answer.status, answer.text).toBe(412);
    expect(answer.headers.get('x-mock-reason')).toBe('authorization-too-large');
    expect(answer.body).toEqual({
      errCode: '1000',
      errInfo: `认证失败: Authorization header is ${LIMIT + 1} characters; the gateway reads at most ${LIMIT} (a real one is about 200)`,
    });
  });

  it('is refused on the token endpoint too, before Prism sees it', async () => {
    const answer = await rawCall('{}', {
      path: '/v1/token/access',
      authorization: `Bearer ${'x'.repeat(LIMIT)}`,
    });
    expect(answer.status, answer.text).toBe(412);
    expect(answer.headers.get('x-mock-reason')).toBe('authorization-too-large');
  });

  it('12 KiB of blanks, or blanks around a real pair, are refused at once without being parsed', async () => {
    const blanks = ' \t'.repeat(6 * 1024);
    for (const authorization of [`x${blanks}y`, `OPEN-BODY-SIG${blanks}AppId="a"${blanks}`]) {
      const answer = await rawCall(body, { authorization });
      expect(answer.status, answer.text).toBe(412);
      expect(answer.headers.get('x-mock-reason')).toBe('authorization-too-large');
    }
  });

  it("past Node's 16 KiB header limit, Node itself answers 431 and the gate never runs", async () => {
    const socket = connect(Number(new URL(inject('mockUrl')).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.write(
      `POST ${SYNC_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Authorization: OPEN-BODY-SIG ${' '.repeat(20 * 1024)}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await expect.poll(() => text, { timeout: 5000 }).toMatch(/^HTTP\/1\.1 431 /);
    socket.destroy();
  });
});
