import { renameSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { migrationStatus } from "../db/migration-status.ts";
import {
  backupInto,
  integrityCheck,
  openReadOnly,
  reportCount,
  type SqliteConnection,
  tableNames,
} from "../db/sqlite-files.ts";
import { UserError } from "../errors.ts";

export { openReadOnly };

/** Tables every nhacviec database has; a file without them is someone else's. */
const OUR_TABLES = ["plans", "tasks", "agencies", "reports", "outbox", "__drizzle_migrations"];

/**
 * Copies a live database through SQLite's online backup API into `out` (written beside it first,
 * then renamed, so `out` is never half a file). With `allAtOnce` the copy is one step inside one
 * read transaction: a consistent snapshot even while another process writes (WAL lets it go on
 * writing meanwhile). In steps, writes through this same connection are carried into the copy;
 * the service backs up its own connection that way without holding the event loop.
 */
export async function backupDatabase(
  source: SqliteConnection,
  out: string,
  opts: { allAtOnce?: boolean } = {},
): Promise<{ file: string; pages: number }> {
  const file = resolve(out);
  const tmp = `${file}.partial-${process.pid}`;
  try {
    const { pages } = await backupInto(source, tmp, opts.allAtOnce === true);
    renameSync(tmp, file);
    return { file, pages };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError("db-backup-failed", {
      file,
      reason: e instanceof Error ? e.message : String(e),
    });
  }
}

/**
 * What must hold before a file may replace the live database: SQLite finds it sound, it has our
 * tables, and no migration newer than this code (the code could not read it). Older is fine: the
 * next start migrates it. Throws a UserError naming the first thing wrong.
 */
export function checkBackupFile(file: string): { reports: number; pendingMigrations: number } {
  let db: SqliteConnection;
  try {
    db = openReadOnly(file);
  } catch (e) {
    throw new UserError("db-restore-unreadable", { file, reason: e instanceof Error ? e.message : "" });
  }
  try {
    let integrity: string;
    try {
      integrity = integrityCheck(db);
    } catch (e) {
      throw new UserError("db-restore-corrupt", { file, reason: e instanceof Error ? e.message : "" });
    }
    if (integrity !== "ok") {
      // SQLite lists every damaged page, one per line: the first two say enough on one line.
      const reason = integrity.split("\n").filter(Boolean).slice(0, 2).join("; ").slice(0, 200);
      throw new UserError("db-restore-corrupt", { file, reason });
    }
    const tables = tableNames(db);
    const missing = OUR_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) throw new UserError("db-restore-foreign", { file, tables: missing.join(", ") });
    const status = migrationStatus(db);
    if (status.unknown > 0) throw new UserError("db-restore-newer", { file, count: status.unknown });
    return { reports: reportCount(db), pendingMigrations: status.pending };
  } finally {
    db.close();
  }
}
