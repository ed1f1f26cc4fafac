import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../db/connection.ts";
import { UserError } from "../errors.ts";
import { checkBackupFile } from "./backup.ts";

/**
 * Whether some process has the database open, learnt from SQLite's own locks rather than a pid
 * file: every connection to a WAL database holds a shared lock on it for as long as it is open, so
 * an exclusive lock is refused while the bot (or another CLI command) runs. The locks are the
 * kernel's, so this also sees a bot in another container on the same volume; a pid file would not.
 * Returns the connection holding the lock, for the caller to close when done, or undefined when busy.
 */
export function lockExclusively(path: string): Database.Database | undefined {
  const db = new Database(path, { timeout: 0, fileMustExist: true });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT"); // in exclusive mode the lock outlives the transaction
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === "SQLITE_BUSY") return undefined;
    throw e;
  }
}

export interface RestoreResult {
  reports: number;
  /** The database as it was before, kept beside it; undefined when there was none. */
  previous?: string;
  migrated: number;
}

/**
 * Replaces the database at `target` with the backup `file`, after checking the file, and only while
 * nothing has the database open. The replaced database is kept as `<target>.before-restore-<time>`.
 */
export function restoreDatabase(file: string, target: string, now = new Date()): RestoreResult {
  const from = resolve(file);
  const to = resolve(target);
  if (from === to) throw new UserError("db-restore-same", { file: from });
  const { reports, pendingMigrations } = checkBackupFile(from);
  let previous: string | undefined;
  if (existsSync(to)) {
    const lock = lockExclusively(to);
    if (!lock) throw new UserError("db-restore-running", { file: to });
    try {
      previous = `${to}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
      lock.exec(`vacuum into '${previous.replaceAll("'", "''")}'`);
    } finally {
      lock.close(); // the last connection: SQLite folds the WAL into the file and removes it
    }
  } else {
    mkdirSync(dirname(to), { recursive: true });
  }
  const tmp = `${to}.restoring-${process.pid}`;
  copyFileSync(from, tmp);
  // A log left beside the old file would be replayed onto the restored one.
  for (const suffix of ["-wal", "-shm"]) rmSync(`${to}${suffix}`, { force: true });
  renameSync(tmp, to);
  openDatabase(to).close(); // a backup older than this code gets its migrations now, not at start
  return { reports, previous, migrated: pendingMigrations };
}
