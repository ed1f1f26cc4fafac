import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { openPostgres, type PgDatabase } from "../../src/db/postgres.ts";

/**
 * The tests' PostgreSQL (database `test`, trust auth on loopback), never a developer's
 * DATABASE_URL. Each test gets its own schema, dropped at the end of the file; no other
 * schema is ever touched, so tests of several engineers share the server safely.
 */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const schemas: string[] = [];
const pools: PgDatabase[] = [];
afterAll(async () => {
  // Pools first: a schema drop waits for nobody, but an open pool would then query nothing.
  for (const p of pools.splice(0)) await p.close();
  const names = schemas.splice(0);
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`drop schema if exists ${name} cascade`);
  } finally {
    await client.end();
  }
});

/** A fresh schema name (`t_` and random hex) that nothing uses yet, dropped after the test file. */
export function tempSchemaName(): string {
  const name = `t_${randomBytes(6).toString("hex")}`;
  schemas.push(name);
  return name;
}

/** The URL of the tests' database with every connection inside `schema` (what `db copy --to` takes). */
export function schemaUrl(schema: string): string {
  return `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** A PostgreSQL database in its own fresh schema with migrations/postgres applied. */
export async function tempPostgres(): Promise<PgDatabase> {
  const pgdb = await openPostgres(TEST_PG_URL, { schema: tempSchemaName() });
  pools.push(pgdb);
  return pgdb;
}

/**
 * An empty schema of its own and the URL that puts every connection in it: what a process
 * started with DATABASE_URL gets (the schema must exist before a search_path can name it).
 */
export async function emptySchemaUrl(): Promise<string> {
  const name = tempSchemaName();
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`create schema ${name}`);
  } finally {
    await client.end();
  }
  return schemaUrl(name);
}
