import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/**
 * SQLite folds the write-ahead log back into the database file ("checkpoints") inside whichever
 * commit crosses 1,000 pages, fsync included: on the event loop, that is a pause of milliseconds
 * in the middle of someone's report. The service checkpoints from a worker thread on its own
 * connection instead (WAL lets it run beside the writer), every second; the main connection
 * keeps a far higher threshold only as a backstop should the thread ever stop.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("synchronous = NORMAL");
const checkpoint = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (e) { parentPort.postMessage(String((e && e.message) || e)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

const BACKSTOP_PAGES = 20_000; // ~80 MB of log before the main connection checkpoints itself

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  sqlite: Database.Database,
  opts: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer | undefined {
  if (sqlite.memory) return undefined;
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver, path: sqlite.name, intervalMs: opts.intervalMs ?? 1000 },
  });
  worker.unref();
  worker.on("message", (m: string) => opts.onError?.(m));
  worker.on("error", (e) => opts.onError?.(e.message));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const previous = sqlite.pragma("wal_autocheckpoint", { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return {
    stop() {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${previous}`);
      worker.ref(); // unref'd so it never holds the process open, but stop() must see it out
      worker.postMessage("stop"); // ignored by a worker that has already exited
      return exited;
    },
  };
}
