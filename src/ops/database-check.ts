import { existsSync } from "node:fs";
import { type MigrationStatus, migrationStatus, postgresMigrationStatus } from "../db/migration-status.ts";
import { connectPostgres, PostgresUnavailable, redactPostgresUrl } from "../db/postgres.ts";
import { postgresQ } from "../store/context.ts";
import { openStore, type Store } from "../store/index.ts";
import { storeOnConnection } from "../store/open.ts";
import { openReadOnly } from "./backup.ts";
import type { Check } from "./check.ts";

/** The database as doctor found it: the store to check its contents with, when it could be read. */
export interface Opened {
  store?: Store;
  check: Check;
  close(): Promise<void>;
}

const nothing = async () => {};

/**
 * Opens the configured database without changing it (doctor applies no migration): the
 * PostgreSQL server DATABASE_URL names, else the SQLite file at `path`, read-only.
 */
export function openForChecks(opts: { path: string; url?: string }): Promise<Opened> {
  return opts.url ? openPostgresForChecks(opts.url) : Promise.resolve(openSqliteForChecks(opts.path));
}

function verdict(where: string, m: MigrationStatus): Check {
  const check = (status: Check["status"], key: string, count: number): Check => ({
    name: "database",
    status,
    key,
    args: { file: where, count },
  });
  if (m.unknown > 0) return check("problem", "doctor-db-newer", m.unknown);
  if (m.pending > 0) return check("problem", "doctor-db-pending", m.pending);
  return check("ok", "doctor-db-ok", m.applied);
}

const problem = (where: string, key: string, reason = ""): Check => ({
  name: "database",
  status: "problem",
  key,
  args: { file: where, reason },
});

function openSqliteForChecks(path: string): Opened {
  if (!existsSync(path)) return { check: problem(path, "doctor-db-missing"), close: nothing };
  try {
    const db = openReadOnly(path);
    const close = async () => void db.close();
    const quick = String(db.pragma("quick_check", { simple: true }));
    if (quick !== "ok") {
      db.close();
      return { check: problem(path, "doctor-db-corrupt", quick.split("\n")[0] ?? ""), close: nothing };
    }
    const m = migrationStatus(db);
    return { ...(m.applied > 0 ? { store: storeOnConnection(db) } : {}), check: verdict(path, m), close };
  } catch (e) {
    return { check: problem(path, "doctor-db-corrupt", e instanceof Error ? e.message : ""), close: nothing };
  }
}

async function openPostgresForChecks(url: string): Promise<Opened> {
  const where = redactPostgresUrl(url);
  try {
    const pg = await connectPostgres(url);
    const m = await postgresMigrationStatus(pg.pool);
    // No tables yet: nothing to look into.
    return {
      ...(m.applied > 0 ? { store: openStore(postgresQ(pg.db)) } : {}),
      check: verdict(where, m),
      close: pg.close,
    };
  } catch (e) {
    const key = e instanceof PostgresUnavailable ? "doctor-db-unreachable" : "doctor-db-corrupt";
    return { check: problem(where, key, e instanceof Error ? e.message : ""), close: nothing };
  }
}
