import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_VECTORS,
  TOKEN_VECTOR,
  UPPER_CASE_DIGEST_SIGNATURE,
  V1,
  V1_AUTHORIZATION,
} from './fixtures/vectors.js';
import { IMPLEMENTATIONS } from './implementations.js';

describe.each(IMPLEMENTATIONS)('known answers (%s)', (_, signer) => {
  describe.each(SIGNATURE_VECTORS)('$name', (vector) => {
    const { appId, appKey, timestamp, nonce, body } = vector;

    it('signs the body given as a string to the known signature', async () => {
      const result = await signer.sign({ appId, appKey, timestamp, nonce, body });
      expect(result.signature).toBe(vector.signature);
      expect(result.authorization).toBe(
        `OPEN-BODY-SIG AppId="${appId}",Timestamp="${timestamp}",Nonce="${nonce}",Signature="${vector.signature}"`,
      );
    });

    it('signs the same bytes given as a Uint8Array to the known signature', async () => {
      const bytes = new TextEncoder().encode(body);
      const result = await signer.sign({ appId, appKey, timestamp, nonce, body: bytes });
      expect(result.signature).toBe(vector.signature);
    });

    const { digest } = vector;
    if (digest !== undefined) {
      it('digests the body to the known digest', async () => {
        expect(await signer.bodyDigest(body)).toBe(digest);
      });
    }

    it('verifies its own header at the moment it was signed', async () => {
      const { authorization } = await signer.sign({ appId, appKey, timestamp, nonce, body });
      const now = signer.parseTimestamp(timestamp);
      expect(await signer.verify({ authorization, body, appKey, now })).toEqual({
        ok: true,
        appId,
        timestamp,
        nonce,
      });
    });
  });

  it('produces the header the platform page shows for V1', async () => {
    const { appId, appKey, timestamp, nonce, body } = V1;
    const result = await signer.sign({ appId, appKey, timestamp, nonce, body });
    expect(result).toEqual({
      authorization: V1_AUTHORIZATION,
      appId,
      timestamp,
      nonce,
      signature: V1.signature,
    });
  });

  it('rejects the upper-case-digest signature of V1 (the classic mistake)', async () => {
    const header = V1_AUTHORIZATION.replace(V1.signature, UPPER_CASE_DIGEST_SIGNATURE);
    const result = await signer.verify({
      authorization: header,
      body: V1.body,
      appKey: V1.appKey,
      now: signer.parseTimestamp(V1.timestamp),
    });
    expect(result).toMatchObject({ ok: false, reason: 'signature' });
    const { appId, appKey, timestamp, nonce, body } = V1;
    expect((await signer.sign({ appId, appKey, timestamp, nonce, body })).signature).not.toBe(
      UPPER_CASE_DIGEST_SIGNATURE,
    );
  });

  it('signs the access-token request to the known signature, without the key', async () => {
    const { appId, appKey, timestamp, nonce } = TOKEN_VECTOR;
    const result = await signer.signTokenRequest({ appId, appKey, timestamp, nonce });
    expect(result).toEqual({
      appId: TOKEN_VECTOR.appId,
      timestamp: TOKEN_VECTOR.timestamp,
      nonce: TOKEN_VECTOR.nonce,
      signMethod: 'SHA256',
      signature: TOKEN_VECTOR.signature,
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN_VECTOR.appKey);
  });
});

// The counter-example is only worth something if it really is what an upper-case digest gives:
// recompute it with raw node:crypto, independently of the code under test.
it('the counter-example is V1 signed over an upper-case digest', () => {
  const digest = createHash('sha256').update(V1.body).digest('hex');
  expect(digest).toBe(V1.digest);
  const upper = createHmac('sha256', V1.appKey)
    .update(V1.appId + V1.timestamp + V1.nonce + digest.toUpperCase())
    .digest('base64');
  expect(upper).toBe(UPPER_CASE_DIGEST_SIGNATURE);
});
