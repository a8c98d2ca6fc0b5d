import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { RedisClientLike } from '../src/index.js';

/** A connected client of either library, and a way to close it. */
export interface Connected {
  name: 'node-redis' | 'ioredis';
  client: RedisClientLike;
  close(): Promise<void>;
}

/** Connects to `url` with node-redis or ioredis. */
export async function connect(name: Connected['name'], url: string): Promise<Connected> {
  if (name === 'node-redis') {
    const client = createClient({ url });
    client.on('error', () => {});
    await client.connect();
    // Type-checked: a node-redis client is accepted as it is, without a cast.
    const accepted: RedisClientLike = client;
    return { name, client: accepted, close: async () => void client.destroy() };
  }
  const client = new Redis(url, { lazyConnect: true });
  client.on('error', () => {});
  await client.connect();
  // Type-checked: an ioredis client is accepted as it is, without a cast.
  const accepted: RedisClientLike = client;
  return { name, client: accepted, close: async () => void client.disconnect() };
}

/** Both client libraries, for `describe.each`. */
export const LIBRARIES = ['node-redis', 'ioredis'] as const;
