import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from './constants.js';

/** The client went away before the body was complete. */
export class ClientClosedError extends Error {
  constructor() {
    super('the client closed the connection before sending the whole body');
  }
}

/**
 * Reads the whole body as received: the signature covers these exact bytes. `undefined` when it
 * is larger than {@link MAX_BODY_BYTES}. Rejects with a {@link ClientClosedError} when the client
 * leaves before the end.
 */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      // Keep draining so the client sees the 400 instead of a reset connection.
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    // An aborted upload surfaces as 'error' ("aborted") or only as 'close' without 'end'; either
    // way the client left, which is no failure of the mock.
    // Stryker disable next-line StringLiteral,ArrowFunction: an aborted upload emits both 'error' and 'close' without 'end', so either listener alone rejects; both stay as a guard across Node versions
    req.on('error', () => reject(new ClientClosedError()));
    // Stryker disable next-line StringLiteral,BlockStatement: see 'error' above: either listener alone rejects an aborted upload
    req.on('close', () => {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: 'close' after 'end' finds the promise settled, so rejecting then is a no-op; without 'end', 'error' rejects too
      if (!req.complete) reject(new ClientClosedError());
    });
  });
}
