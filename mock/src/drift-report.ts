import { type FileHandle, open, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DriftEntry } from './drift-entry.js';

/** The drift report: one JSON line per disagreement, in the order the answers came back. */
export interface DriftReport {
  /** Absolute path of the report's file; `undefined` when there is none (`report: false`). */
  readonly file: string | undefined;
  /** Appends the entries; resolves once they are written. */
  record(entries: readonly DriftEntry[]): Promise<void>;
  /** Waits for pending writes and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens the report's file, emptied: a report is one run's, so that with no drift it is empty
 * rather than holding an older run's lines. `false` keeps no file (the log still names each
 * disagreement). Writes are queued, one after the other, so concurrent answers never interleave
 * inside a line.
 */
export async function openDriftReport(file: string | false): Promise<DriftReport> {
  if (file === false) {
    return { file: undefined, record: async () => {}, close: async () => {} };
  }
  const path = resolve(file);
  await writeFile(path, '');
  const handle: FileHandle = await open(path, 'a');
  let queue: Promise<void> = Promise.resolve();
  let closed: Promise<void> | undefined;
  return {
    file: path,
    record(entries) {
      if (entries.length === 0) return Promise.resolve();
      const lines = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
      const written = queue.then(() => handle.appendFile(lines, 'utf8'));
      // The next write waits for this one, whether it failed or not.
      queue = written.catch(() => {});
      return written;
    },
    close() {
      closed ??= queue.then(() => handle.close());
      return closed;
    },
  };
}
