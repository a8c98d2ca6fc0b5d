import { describe, expect, it, vi } from 'vitest';
import { APP_ID, APP_KEY, usageError } from './helpers.js';

// The runtime without node:http: `#transport` resolves to the fetch one (the edge/browser build).
vi.mock('#transport', () => import('../src/transport-default-fetch.js'));

const { createTianmanClient } = await import('../src/index.js');

describe('the agent option off Node', () => {
  it('is refused, saying it needs node:http', () => {
    expect(() =>
      createTianmanClient({ appId: APP_ID, appKey: APP_KEY, environment: 'mock', agent: {} }),
    ).toThrow(
      usageError('ERR_INVALID_OPTION', 'agent: needs Node (node:http); this runtime uses fetch'),
    );
  });
});
