import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { postgresMigrations } from "./migrations-folders.ts";
import { NamingClient } from "./pg-named.ts";
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
export async function openPostgres(
  url: string,
  opts: { schema?: string; poolSize?: number } = {},
): Promise<PgDatabase> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new Error(`not a plain schema name: ${opts.schema}`);
  const pool = newPool(url, opts.poolSize ?? 4, opts.schema);
  try {
    if (opts.schema) await pool.query(`create schema if not exists ${opts.schema}`);
    const current = (await pool.query<{ s: string | null }>("select current_schema() as s")).rows[0]?.s;
    if (!current) throw new Error("no schema on the search_path exists");
    await migrateOnce(pool, current);
    return { db: drizzle(pool, { schema }), pool, schema: current, close: () => pool.end() };
  } catch (e) {
    await pool.end();
    throw unavailable(e, url);
  }
}

/**
 * A pool on an existing database without migrating it: for doctor, which must change nothing.
 * Fails as PostgresUnavailable when the server does not accept us.
 */
export async function connectPostgres(url: string): Promise<PgDatabase> {
  const pool = newPool(url, 2);
  try {
    const current = (await pool.query<{ s: string | null }>("select current_schema() as s")).rows[0]?.s;
    return { db: drizzle(pool, { schema }), pool, schema: current ?? "", close: () => pool.end() };
  } catch (e) {
    await pool.end();
    throw unavailable(e, url);
  }
}

/**
 * The one place a pool is made, so every caller (the service, db copy, doctor) prepares its
 * statements once per connection (NamingClient) and survives a server that goes away.
 */
function newPool(url: string, max: number, schemaName?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    Client: NamingClient,
    max,
    // node-postgres closes a connection idle for 10 s by default. Each new one starts a backend
    // and prepares every statement again, planning each of them afresh for its first five runs
    // (~1.4 ms apiece for a conversation's turn query, against ~0.2 ms once it keeps its generic
    // plan): a bot's traffic comes in bursts, and every lull would pay that again. So the
    // connections stay (0: no idle timer either, one less per statement), and being idle they
    // do not keep a finished command's process alive.
    idleTimeoutMillis: 0,
    allowExitOnIdle: true,
    ...(schemaName ? { options: `-c search_path=${schemaName}` } : {}),
  });
  // A server that goes away surfaces as a failed query, not an unhandled 'error' event.
  pool.on("error", () => {});
  return pool;
}

/** Errors that mean "no server to talk to" rather than a fault in our SQL. */
const CANNOT_CONNECT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "28P01",
  "28000",
  "3D000",
]);

/** What the caller gets for a failed connection: PostgresUnavailable when there was no server to talk to. */
function unavailable(e: unknown, url: string): unknown {
  const code = e instanceof Error ? ((e as { code?: string }).code ?? "") : "";
  // The code says why (ECONNREFUSED, 28P01 a wrong password, 3D000 no such database); the URL where.
  return CANNOT_CONNECT.has(code) ? new PostgresUnavailable(`${redactPostgresUrl(url)} (${code})`) : e;
}

/** The server did not accept us; the message is the URL without its password and the error code, for the operator. */
export class PostgresUnavailable extends Error {}

/** A postgres:// URL fit for a log or a terminal: no user password, no query options. */
export function redactPostgresUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    return `${u.protocol}//${u.username ? `${u.username}@` : ""}${u.host}${u.pathname}`;
  } catch {
    return "(DATABASE_URL: not a valid URL, not shown)";
  }
}

/**
 * Applies the migrations on one connection holding an advisory lock: several instances starting
 * together would otherwise each try to create the same tables, and all but one would fail.
 */
async function migrateOnce(pool: pg.Pool, schemaName: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [`nhacviec:migrate:${schemaName}`]);
    try {
      await migrate(drizzle(client, { schema }), {
        migrationsFolder: postgresMigrations,
        migrationsSchema: schemaName,
      });
    } finally {
      await client.query("select pg_advisory_unlock(hashtext($1))", [`nhacviec:migrate:${schemaName}`]);
    }
  } finally {
    client.release();
  }
}
