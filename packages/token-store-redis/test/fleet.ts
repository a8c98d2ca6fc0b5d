import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('./fleet-worker.mjs', import.meta.url));

/** What one process reported after a burst of calls. */
export interface Report {
  failures: string[];
  warnings: string[];
}

/** Where the fleet's processes send their calls and keep their token. */
export interface FleetOptions {
  baseUrl: string;
  appId: string;
  appKey: string;
  /** One entry per process: its Redis library, or `'none'` for no store. */
  libraries: ('node-redis' | 'ioredis' | 'none')[];
  redisUrl?: string;
  storeModule?: string;
  timeoutMs?: number;
}

/** Processes started and ready (clients created, Redis connected), driven together. */
export interface Fleet {
  /** Every process runs `count` concurrent calls at once; resolves with their reports. */
  burst(count: number): Promise<Report[]>;
  close(): Promise<void>;
}

function next(child: ChildProcess, type: string, stderr: () => string): Promise<Report> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string } & Report): void => {
      if (message.type !== type) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message);
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`fleet process exited (${code}) before '${type}':\n${stderr()}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts one `node` process per entry of `libraries` and waits until all are ready. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const children = options.libraries.map((library) => {
    let stderr = '';
    const child = fork(worker, [], {
      env: {
        ...process.env,
        FLEET_BASE_URL: options.baseUrl,
        FLEET_APP_ID: options.appId,
        FLEET_APP_KEY: options.appKey,
        FLEET_LIBRARY: library,
        FLEET_REDIS_URL: options.redisUrl ?? '',
        FLEET_STORE_MODULE: options.storeModule ?? '',
        FLEET_TIMEOUT_MS: String(options.timeoutMs ?? 10_000),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    return { child, stderr: () => stderr, ready: next(child, 'ready', () => stderr) };
  });
  const close = async (): Promise<void> => {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (child.connected) child.send({ type: 'exit' });
            else child.kill('SIGKILL');
          }),
      ),
    );
  };
  try {
    await Promise.all(children.map((c) => c.ready));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    async burst(count) {
      const done = children.map(({ child, stderr }) => next(child, 'done', stderr));
      for (const { child } of children) child.send({ type: 'calls', count });
      return Promise.all(done);
    },
    close,
  };
}
