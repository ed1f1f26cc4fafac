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
 * Opens a pool on a `postgres://` URL and applies migrations/postgres. The tables and drizzle's
 * migration record both live in the connection's current schema (`public`, or the first of a
 * search_path given by `schema` or by the URL's `options`), so tests can each own one schema of
 * a shared database. The generated migrations name no schema for that reason (`npm run
 * db:generate` strips drizzle-kit's "public.").
 */
export async function openPostgres(url: string, opts: { schema?: string } = {}): Promise<PgDatabase> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new Error(`not a plain schema name: ${opts.schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // A server that goes away surfaces as a failed query, not an unhandled 'error' event.
  pool.on("error", () => {});
  try {
    if (opts.schema) await pool.query(`create schema if not exists ${opts.schema}`);
    const current = (await pool.query<{ s: string | null }>("select current_schema() as s")).rows[0]?.s;
    if (!current) throw new Error("no schema on the search_path exists");
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder: postgresMigrations, migrationsSchema: current });
    return { db, pool, schema: current, close: () => pool.end() };
  } catch (e) {
    await pool.end();
    throw e;
  }
}
