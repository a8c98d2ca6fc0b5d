import {
  createServer,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type RequestListener,
  request,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthContext } from '../src/auth-context.js';
import { SANDBOX_CREDENTIALS } from '../src/credentials.js';
import { createGate, type GateOptions } from '../src/gate.js';
import { NonceCache } from '../src/nonce-cache.js';
import { TokenStore } from '../src/token-store.js';

/** The gate alone, on a free port, in front of a stand-in for Prism the test writes. */
export interface GateHarness {
  /** `http://127.0.0.1:<port>` of the gate. */
  url: string;
  /** `http://127.0.0.1:<port>` of the stand-in. */
  upstreamUrl: string;
  upstream: Server;
  /** The gate itself: `close()` ends its connections to the stand-in only. */
  gate: ReturnType<typeof createGate>;
  close(): Promise<void>;
}

/**
 * Starts the stand-in (`upstream`) and a gate forwarding to it, with the sandbox credentials, a
 * ±300 s window and fresh state unless `auth` says otherwise.
 */
export async function startGateHarness(
  upstream: RequestListener,
  options: Partial<Omit<GateOptions, 'auth' | 'prismUrl'>> & { auth?: Partial<AuthContext> } = {},
): Promise<GateHarness> {
  const stand = createServer(upstream);
  await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', resolve));
  const upstreamUrl = `http://127.0.0.1:${(stand.address() as AddressInfo).port}`;
  const { auth, ...rest } = options;
  const gate = createGate({
    routes: [],
    ...rest,
    prismUrl: upstreamUrl,
    auth: {
      credentials: { ...SANDBOX_CREDENTIALS },
      now: () => Date.now(),
      toleranceSeconds: 300,
      maxLiveTokens: 10,
      nonces: new NonceCache(),
      tokens: new TokenStore(3600, 10),
      ...auth,
    },
  });
  const front = createServer(gate.handle);
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    upstreamUrl,
    upstream: stand,
    gate,
    async close() {
      gate.close();
      front.closeAllConnections();
      stand.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      await new Promise((resolve) => stand.close(resolve));
    },
  };
}

/** A POST on a connection of its own (no agent), any header as given; the answer as text. */
export function post(
  url: string,
  path: string,
  body: string,
  headers: OutgoingHttpHeaders,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: 'POST', path, headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
