import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { UserError } from "../errors.ts";
import { sqliteMigrations } from "./migrations-folders.ts";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle; catalog writers accept either so they compose inside larger transactions. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export interface Database_ {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** Opens (creating if needed) the SQLite file, sets the pragmas we rely on, and applies migrations. */
export function openDatabase(path: string): Database_ {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  checkIntact(sqlite, path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: sqliteMigrations });
  return { db, sqlite, close: () => sqlite.close() };
}

/**
 * A damaged page must stop the start, not surface weeks later as a lost report: quick_check
 * reads every page (tens of milliseconds on a year of data) and SQLite answers "ok" or what
 * it found. A file that is not a database at all fails the same way.
 */
function checkIntact(sqlite: Database.Database, path: string): void {
  let problems: string[];
  try {
    problems = (sqlite.pragma("quick_check(5)") as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string" || !/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw e;
    problems = [e instanceof Error ? e.message : code];
  }
  if (problems.length === 1 && problems[0] === "ok") return;
  sqlite.close();
  throw new UserError("start-db-corrupt", { file: path, reason: problems.join("; ").slice(0, 300) });
}
