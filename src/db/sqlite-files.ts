import Database from "better-sqlite3";

/**
 * The SQLite file operations ops/ needs (backup, restore, checks of a file), kept here because
 * they are the storage engine's own business: ops/ decides when and why, this file knows how.
 */

/** One open SQLite file, as ops/ passes it around without using it directly. */
export type SqliteConnection = Database.Database;

/** Opens a database file read-only, for looking without changing. */
export function openReadOnly(file: string): SqliteConnection {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * Copies `source` through SQLite's online backup API into `tmp`, then makes that copy one
 * self-contained file (in WAL mode even a read-only look would leave -wal and -shm beside it).
 * `allAtOnce` copies in one step inside one read transaction; otherwise 256 pages a step.
 */
export async function backupInto(
  source: SqliteConnection,
  tmp: string,
  allAtOnce: boolean,
): Promise<{ pages: number }> {
  const progress = await source.backup(tmp, { progress: () => (allAtOnce ? 0x7fffffff : 256) });
  const copy = new Database(tmp);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  return { pages: progress.totalPages };
}

/** SQLite's own verdict on the file ("ok" or the damaged pages, one per line); throws if it cannot look. */
export function integrityCheck(db: SqliteConnection): string {
  return String(db.pragma("integrity_check", { simple: true }));
}

/** The names of the file's tables. */
export function tableNames(db: SqliteConnection): Set<string> {
  const rows = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  return new Set(rows.map((t) => t.name));
}

/** How many reports the file holds (all of them, superseded too). */
export function reportCount(db: SqliteConnection): number {
  return (db.prepare("select count(*) as n from reports").get() as { n: number }).n;
}

/**
 * An exclusive lock on the file, or undefined when another connection has it open: every
 * connection to a WAL database holds a shared lock for as long as it is open. The connection
 * holding the lock is returned for the caller to close when done.
 */
export function lockExclusively(path: string): SqliteConnection | undefined {
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

/** A complete, checkpointed copy of the database at `file`, taken through `db`. */
export function vacuumInto(db: SqliteConnection, file: string): void {
  db.exec(`vacuum into '${file.replaceAll("'", "''")}'`);
}
