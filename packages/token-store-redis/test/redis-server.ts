import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real redis-server on a free loopback port, in a temporary directory. */
export interface RedisServer {
  port: number;
  url: string;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `redis-server` (no persistence, loopback only) and resolves once it accepts
 * connections. `scripts/ensure-redis.sh` installs it when missing.
 */
export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tianman-redis-'));
  // The port may be taken between freePort() and redis-server's bind: try a few.
  for (let tries = 1; ; tries++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const ready = await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new Error(`cannot run redis-server (${error.message}): run scripts/ensure-redis.sh`),
        );
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) {
      child.stdout?.resume();
      child.stderr?.resume();
      const kill = async (): Promise<void> => {
        child.kill('SIGKILL');
        await exited(child);
      };
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        kill,
        async stop() {
          await kill();
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await exited(child);
    if (tries >= 3) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}:\n${output.slice(-2000)}`);
    }
  }
}
