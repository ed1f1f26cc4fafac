import { join } from "node:path";
import pg from "pg";
import { afterAll } from "vitest";
import type { Config } from "../../src/config.ts";
import { buildCore, type Core, coreOnStore } from "../../src/core.ts";
import { openDatabase } from "../../src/db/connection.ts";
import { copySqliteToPostgres } from "../../src/db/copy.ts";
import { openPostgres } from "../../src/db/postgres.ts";
import { numberedPlaceholders, postgresQ } from "../../src/store/context.ts";
import { openStore } from "../../src/store/index.ts";
import { config, seededCopy, tempDir } from "./db.ts";
import { schemaUrl, TEST_PG_URL, tempSchemaName } from "./pg.ts";

/**
 * The engine the service-level suites run on: SQLite by default, PostgreSQL with
 * TEST_DB=postgres (`npm run test:pg` runs the tick, delivery, conversation and one end-to-end
 * file per channel that way). Fixtures ask here instead of opening a file themselves.
 */
export const TEST_DB: "sqlite" | "postgres" = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";

const pools = new Map<string, pg.Pool>();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const pool of pools.values()) await pool.end();
  pools.clear();
});

/**
 * Where a seeded database for a core, an app or a process lives: the SQLite file at DB_PATH,
 * or, on PostgreSQL, a schema of its own holding a copy of the same seed (DATABASE_URL), with
 * DB_PATH left for the files written beside the database (charts, exports).
 */
export async function seededTarget(): Promise<{ DB_PATH: string; DATABASE_URL?: string }> {
  const path = seededCopy();
  if (TEST_DB === "sqlite") return { DB_PATH: path };
  const schema = tempSchemaName();
  const pgdb = await openPostgres(TEST_PG_URL, { schema });
  const seed = openDatabase(path);
  try {
    await copySqliteToPostgres(seed.sqlite, pgdb.pool);
  } finally {
    seed.close();
    await pgdb.close();
  }
  return { DB_PATH: join(tempDir(), "files.db"), DATABASE_URL: schemaUrl(schema) };
}

/** A core on the test engine over the shipped agencies and plan, closed after the file. */
export async function seededCore(env: Partial<Config> = {}): Promise<Core> {
  const target = await seededTarget();
  const settings = { ...config, ...env, ...target };
  if (!target.DATABASE_URL) {
    const core = buildCore(settings, openDatabase(target.DB_PATH));
    closers.push(() => core.close());
    return core;
  }
  const pgdb = await openPostgres(target.DATABASE_URL);
  const core = coreOnStore(settings, openStore(postgresQ(pgdb.db)), () => pgdb.close());
  closers.push(() => core.close());
  return core;
}

export type Rows = <T = Record<string, unknown>>(text: string, ...params: unknown[]) => Promise<T[]>;

/**
 * Reads for a test's own checks of what was saved, on whichever engine the core runs: `?`
 * placeholders, counts as numbers on both. JSON columns come back as text on SQLite and as
 * values on PostgreSQL: `jsonValue` reads either.
 */
export function rowsOf(core: Pick<Core, "database" | "config">): Rows {
  const sqlite = core.database?.sqlite;
  if (sqlite)
    return async <T>(text: string, ...params: unknown[]) => {
      // A write returns no rows, as on PostgreSQL (better-sqlite3 refuses `all` on it).
      const statement = sqlite.prepare(text);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    };
  const url = core.config.DATABASE_URL;
  if (!url) throw new Error("rowsOf: a core with neither an SQLite database nor a DATABASE_URL");
  let pool = pools.get(url);
  if (!pool) {
    // Counts (bigint) as numbers, as SQLite gives them; only this pool, never the app's.
    const types = {
      getTypeParser: (oid: number, format?: "text" | "binary") =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format),
    };
    pool = new pg.Pool({ connectionString: url, max: 2, types: types as never });
    pools.set(url, pool);
  }
  const p = pool;
  return async <T>(text: string, ...params: unknown[]) =>
    (await p.query(numberedPlaceholders(text), params)).rows as T[];
}

/** A JSON column as a value, whichever engine read it. */
export function jsonValue<T = unknown>(column: unknown): T {
  return (typeof column === "string" ? JSON.parse(column) : column) as T;
}

/** The SQLite database under a core, for tests about SQLite itself; fails on PostgreSQL. */
export function sqliteOf(core: Pick<Core, "database">): NonNullable<Core["database"]> {
  if (!core.database) throw new Error("this test reads SQLite directly: it runs on SQLite only");
  return core.database;
}

/**
 * What a process started beside a core needs to reach the same data: its DB_PATH and, on
 * PostgreSQL, its DATABASE_URL (an empty one would not parse, so none at all on SQLite).
 */
export function databaseEnv(core: Pick<Core, "config">): { DB_PATH: string; DATABASE_URL?: string } {
  const { DB_PATH, DATABASE_URL } = core.config;
  return DATABASE_URL ? { DB_PATH, DATABASE_URL } : { DB_PATH };
}
