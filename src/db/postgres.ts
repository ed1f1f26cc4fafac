import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { postgresMigrations } from "./migrations-folders.ts";
import * as schema from "./schema-pg.ts";

export type PgDb = NodePgDatabase<typeof schema>;
export interface PgDatabase {
  db: PgDb;
  pool: pg.Pool;
  /** The schema the tables live in: `public` unless one was asked for. */
  schema: string;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pool on a `postgres://` URL and applies migrations/postgres. With `schema`, every
 * connection works inside that schema (search_path), drizzle's migration record included, so
 * tests can each own one schema of a shared database. The generated migrations name no schema
 * (`npm run db:generate` strips drizzle-kit's "public".) for that reason.
 */
export async function openPostgres(url: string, opts: { schema?: string } = {}): Promise<PgDatabase> {
  const name = opts.schema ?? "public";
  if (!SCHEMA_NAME.test(name)) throw new Error(`not a plain schema name: ${name}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    ...(opts.schema ? { options: `-c search_path=${name}` } : {}),
  });
  // A server that goes away surfaces as a failed query, not an unhandled 'error' event.
  pool.on("error", () => {});
  try {
    const db = drizzle(pool, { schema });
    if (opts.schema) await pool.query(`create schema if not exists ${name}`);
    await migrate(db, {
      migrationsFolder: postgresMigrations,
      ...(opts.schema ? { migrationsSchema: name } : {}),
    });
    return { db, pool, schema: name, close: () => pool.end() };
  } catch (e) {
    await pool.end();
    throw e;
  }
}
