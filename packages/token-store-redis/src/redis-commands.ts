/**
 * The four Redis commands the store needs, over node-redis or ioredis. The two libraries spell
 * them differently; the client is recognised by its API shape, so neither library is imported
 * and neither has to be installed.
 */

/**
 * A connected node-redis (`redis` v5+, `createClient()` or `createCluster()`) or ioredis
 * (`new Redis()` or `new Cluster()`) client. Only `get`, `set` and `eval` are called.
 */
export interface RedisClientLike {
  get(key: string): Promise<unknown>;
  // Each library's own, much richer signature; checked at run time by `redisCommands`.
  set(...args: never[]): Promise<unknown>;
  eval(...args: never[]): Promise<unknown>;
}

/** What the store sends to Redis, whichever library carries it. */
export interface RedisCommands {
  /** GET: the string value, or `undefined`. */
  get(key: string): Promise<string | undefined>;
  /** SET key value PX ms: whether the key was written. */
  setPx(key: string, value: string, ms: number): Promise<boolean>;
  /** EVAL script 1 key args…. */
  eval(script: string, key: string, ...args: string[]): Promise<unknown>;
}

interface IoRedis {
  get(key: string): Promise<string | Uint8Array | null>;
  set(...args: (string | number)[]): Promise<string | null>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

interface NodeRedis {
  get(key: string): Promise<string | Uint8Array | null>;
  set(
    key: string,
    value: string,
    options: { expiration: { type: 'PX'; value: number } },
  ): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

const decoder = new TextDecoder();

// A client set up to return buffers (ioredis `getBuffer`, node-redis type mapping) still works.
function text(value: string | Uint8Array | null): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : decoder.decode(value);
}

const has = (value: object, name: string): boolean =>
  typeof (value as Record<string, unknown>)[name] === 'function';

/**
 * The commands over `redis`: ioredis has `call` and a `status`; node-redis has `sendCommand` and
 * no `call`. Anything else is refused, naming what was expected.
 */
export function redisCommands(redis: RedisClientLike): RedisCommands {
  const r: object = Object(redis);
  const basics = has(r, 'get') && has(r, 'set') && has(r, 'eval');
  if (basics && has(r, 'call') && 'status' in r) {
    const io = r as unknown as IoRedis;
    return {
      get: async (key) => text(await io.get(key)),
      setPx: async (key, value, ms) => (await io.set(key, value, 'PX', ms)) === 'OK',
      eval: (script, key, ...args) => io.eval(script, 1, key, ...args),
    };
  }
  if (basics && has(r, 'sendCommand') && !has(r, 'call')) {
    const node = r as unknown as NodeRedis;
    return {
      get: async (key) => text(await node.get(key)),
      setPx: async (key, value, ms) =>
        (await node.set(key, value, { expiration: { type: 'PX', value: ms } })) === 'OK',
      eval: (script, key, ...args) => node.eval(script, { keys: [key], arguments: args }),
    };
  }
  throw new TypeError(
    '@tianman/token-store-redis: expected a node-redis (redis v5+, createClient()) or ioredis (new Redis()) client',
  );
}
