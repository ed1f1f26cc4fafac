import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Config } from "../src/config.ts";
import { buildCore, type Core, coreOnStore } from "../src/core.ts";
import { startCheckpointer } from "../src/db/checkpointer.ts";
import { openDatabase } from "../src/db/connection.ts";
import { copySqliteToPostgres } from "../src/db/copy.ts";
import { openPostgres } from "../src/db/postgres.ts";
import { numberedPlaceholders, postgresQ } from "../src/store/context.ts";
import { openStore } from "../src/store/index.ts";

/**
 * Where a benchmark's core keeps its data: the SQLite file at DB_PATH, or, with
 * BENCH_DATABASE_URL, a schema of its own in that PostgreSQL database, filled from the same
 * SQLite file the way an operator moves (`db copy`) and dropped afterwards.
 */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL;

export interface BenchStorage {
  core: Core;
  engine: "sqlite" | "postgres";
  /** PostgreSQL's pool, for what a benchmark does to its connections (pinning their backends). */
  pool?: pg.Pool;
  /** A read for the benchmark's own checks, `?` placeholders on either engine. */
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function engineLabel(): string {
  return BENCH_DATABASE_URL ? "postgres" : "sqlite";
}

/** The core on the benchmark's engine; `config.DB_PATH` is the SQLite file, or the seed of PostgreSQL's copy. */
export async function benchStorage(config: Config): Promise<BenchStorage> {
  if (!BENCH_DATABASE_URL) {
    const core = buildCore(config);
    // As the service runs it: checkpoints off the main thread.
    const checkpointer = startCheckpointer(core.database.sqlite);
    return {
      core,
      engine: "sqlite",
      rows: async <T>(sql: string, ...params: unknown[]) =>
        core.database.sqlite.prepare(sql).all(...params) as T[],
      close: async () => {
        await checkpointer?.stop();
        await core.close();
      },
    };
  }
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const pgdb = await openPostgres(BENCH_DATABASE_URL, { schema, poolSize: config.DATABASE_POOL_SIZE });
  const seed = openDatabase(config.DB_PATH);
  try {
    await copySqliteToPostgres(seed.sqlite, pgdb.pool);
  } finally {
    seed.close();
  }
  await sayIfNoAutovacuum(pgdb.pool);
  const core = coreOnStore(config, openStore(postgresQ(pgdb.db)));
  return {
    core,
    engine: "postgres",
    pool: pgdb.pool,
    rows: async <T>(sql: string, ...params: unknown[]) =>
      (await pgdb.pool.query(numberedPlaceholders(sql), params)).rows as T[],
    close: async () => {
      await pgdb.close();
      // BENCH_KEEP_SCHEMA=1 leaves the last run's data to EXPLAIN or pgbench against.
      if (process.env.BENCH_KEEP_SCHEMA) console.log(`storage: kept schema ${schema}`);
      else await dropSchema(BENCH_DATABASE_URL, schema);
    },
  };
}

let warned = false;

/**
 * A server without autovacuum (this machine's test server runs so) keeps every dead row: the
 * catalogs of the schemas each test and run creates and drops, a flow row written thousands
 * of times. A deployment's server vacuums; without it the catalogs here held 730,000 dead
 * rows against 5,000 live ones, and figures taken so may be slower than a deployment's.
 */
async function sayIfNoAutovacuum(pool: pg.Pool): Promise<void> {
  if (warned) return;
  warned = true;
  const { rows } = await pool.query<{ autovacuum: string }>("show autovacuum");
  if (rows[0]?.autovacuum === "off")
    console.log(
      "storage: autovacuum is off on this PostgreSQL server: nothing vacuums dead rows during the runs",
    );
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
