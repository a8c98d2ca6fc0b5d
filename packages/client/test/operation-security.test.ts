import { describe, expect, it, vi } from 'vitest';
import { APP_ID, APP_KEY, serve, usageError, validBody } from './helpers.js';

// The contract's one operation accepts both auth modes; a contract may also have operations that
// accept one. This adds such an operation to the generated table.
vi.mock('../src/generated/operations.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/generated/operations.js')>();
  return {
    ...original,
    operationTable: {
      ...original.operationTable,
      signedOnly: { ...original.operationTable.syncPayScoreOrder, security: ['signature'] },
    },
  };
});

const { createTianmanClient } = await import('../src/index.js');

describe("an operation the client's auth mode does not fit", () => {
  it('is refused before anything is sent, naming what the contract allows', async () => {
    const server = await serve((_r, res) => {
      res.end();
    });
    const client = createTianmanClient({
      appId: APP_ID,
      appKey: APP_KEY,
      baseUrl: server.url,
      auth: 'token',
    }) as unknown as Record<string, (body: unknown) => Promise<unknown>>;
    await expect(client.signedOnly?.(validBody)).rejects.toThrow(
      usageError(
        'ERR_AUTH_MODE',
        "signedOnly does not accept auth: 'token' (the contract allows signature)",
      ),
    );
    expect(server.connections).toBe(0);
  });
});
