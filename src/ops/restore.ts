import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { openDatabase } from "../db/connection.ts";
import { lockExclusively, vacuumInto } from "../db/sqlite-files.ts";
import { UserError } from "../errors.ts";
import { checkBackupFile } from "./backup.ts";

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
      vacuumInto(lock, previous);
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
