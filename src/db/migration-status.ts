import type Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type pg from "pg";
import { postgresMigrations, sqliteMigrations } from "./migrations-folders.ts";

/** Where a database file stands against the migrations this code ships. */
export interface MigrationStatus {
  /** Migrations of this code the file has not had yet (applied at the next start). */
  pending: number;
  /** Migrations the file has that this code does not know: written by a newer release. */
  unknown: number;
  applied: number;
  known: number;
}

/**
 * Reads drizzle's own record (`__drizzle_migrations`: hash and the migration's timestamp) without
 * applying anything, so doctor and restore can look at a file without changing it.
 */
export function migrationStatus(sqlite: Database.Database): MigrationStatus {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  const rows = table
    ? (sqlite.prepare("select hash, created_at as at from __drizzle_migrations").all() as {
        hash: string;
        at: number;
      }[])
    : [];
  return compare(rows, sqliteMigrations);
}

/** The same on PostgreSQL: the record lives in the connection's current schema, as opening put it. */
export async function postgresMigrationStatus(pool: pg.Pool): Promise<MigrationStatus> {
  const found = await pool.query<{ t: string | null }>(
    "select to_regclass(quote_ident(current_schema()) || '.__drizzle_migrations')::text t",
  );
  const rows = found.rows[0]?.t
    ? (await pool.query<{ at: string }>("select created_at::text as at from __drizzle_migrations")).rows
    : [];
  return compare(rows, postgresMigrations);
}

function compare(rows: { at: number | string }[], folder: string): MigrationStatus {
  const known = readMigrationFiles({ migrationsFolder: folder });
  const appliedAt = new Set(rows.map((r) => Number(r.at)));
  const knownAt = new Set(known.map((m) => m.folderMillis));
  return {
    pending: known.filter((m) => !appliedAt.has(m.folderMillis)).length,
    unknown: rows.filter((r) => !knownAt.has(Number(r.at))).length,
    applied: rows.length,
    known: known.length,
  };
}
