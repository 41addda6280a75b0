/**
 * WAL checkpoints on a thread of their own. SQLite checkpoints a WAL database from inside a commit
 * once the WAL passes wal_autocheckpoint pages (1,000 by default): it copies the pages back into
 * the database file and, with synchronous=NORMAL, waits for two fsyncs. On the server's one thread
 * that stopped every request meanwhile: storage.pushMutations took 0.30 ms of wall time for
 * 0.11 ms of CPU, and 0.14 ms with no checkpoints at all (one edit per push, this machine).
 *
 * A checkpoint only moves committed pages from the WAL into the database file: a commit is as
 * durable before it as after (in the WAL, handed to the kernel). So a worker thread with its own
 * connection runs a PASSIVE checkpoint (it never waits for or blocks a writer) every `everyMs`,
 * and the main connection keeps its own automatic checkpoint at `fallbackPages`, far beyond what the
 * worker lets the WAL reach, in case the worker cannot keep up or has stopped.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Plain CommonJS, run with `eval`: no file to find beside the source or the compiled server. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy (another checkpoint under way, a migration): the next turn does it.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpoints {
  /** Stops the thread after a last checkpoint; resolves once it has closed its connection. */
  stop(): Promise<void>;
}

export const CHECKPOINT_EVERY_MS = 100;
/** The main connection's own automatic checkpoint while the worker runs (pages of 4 KiB: 40 MiB). */
export const FALLBACK_CHECKPOINT_PAGES = 10_000;

/** Starts checkpointing the WAL database at `path` (already created) on a worker thread. */
export function startBackgroundCheckpoints(path: string, everyMs = CHECKPOINT_EVERY_MS): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, everyMs } });
  // It never keeps the process alive: a process that ends without close() loses no commit.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => { resolve(); }));
  // An error in the thread (the file gone): the main connection's automatic checkpoint remains.
  worker.on('error', () => undefined);
  return {
    stop: () => {
      // Held until it has closed: an unreferenced thread alone would let the process end first.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
