import type Database from "better-sqlite3";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type pg from "pg";
import { UserError } from "../errors.ts";
import * as pgSchema from "./schema-pg.ts";

export interface CopiedTable {
  table: string;
  rows: number;
}

interface TablePlan {
  name: string;
  columns: string[];
  booleans: Set<string>;
  identity: string | undefined;
  parents: string[];
}

/** Rows per INSERT: ~25 columns at most, far below PostgreSQL's 65,535 parameters. */
const BATCH = 500;

/** Every table of the schema, each after the tables its foreign keys point at. */
export function copyOrder(): TablePlan[] {
  const plans = new Map<string, TablePlan>();
  for (const table of Object.values(pgSchema)) {
    if (!(table instanceof PgTable)) continue;
    const c = getTableConfig(table);
    plans.set(c.name, {
      name: c.name,
      columns: c.columns.map((col) => col.name),
      booleans: new Set(c.columns.filter((col) => col.columnType === "PgBoolean").map((col) => col.name)),
      identity: c.columns.find((col) => col.generatedIdentity)?.name,
      parents: c.foreignKeys
        .map((fk) => getTableConfig(fk.reference().foreignTable).name)
        .filter((p) => p !== c.name),
    });
  }
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  const place = (plan: TablePlan) => {
    if (placed.has(plan.name)) return;
    placed.add(plan.name);
    for (const p of plan.parents) place(plans.get(p) as TablePlan);
    ordered.push(plan);
  };
  for (const name of [...plans.keys()].sort()) place(plans.get(name) as TablePlan);
  return ordered;
}

const quote = (name: string) => `"${name}"`;

/**
 * Copies every table of a SQLite database into a freshly migrated, empty PostgreSQL database
 * in one PostgreSQL transaction: it lands whole or not at all. Ids are kept, so every
 * reference stays true, and each identity sequence then starts after the highest id copied.
 */
export async function copySqliteToPostgres(sqlite: Database.Database, pool: pg.Pool): Promise<CopiedTable[]> {
  const tables = copyOrder();
  const client = await pool.connect();
  try {
    await refuseUnlessEmpty(client, tables);
    await client.query("begin");
    // One read snapshot of SQLite for the whole copy, while the bot may go on writing.
    sqlite.exec("begin");
    try {
      const result: CopiedTable[] = [];
      for (const t of tables) result.push({ table: t.name, rows: await copyTable(sqlite, client, t) });
      await checkCounts(sqlite, client, result);
      await client.query("commit");
      return result;
    } catch (e) {
      await client.query("rollback");
      throw e;
    } finally {
      sqlite.exec("commit");
    }
  } finally {
    client.release();
  }
}

async function refuseUnlessEmpty(client: pg.PoolClient, tables: TablePlan[]): Promise<void> {
  const full: string[] = [];
  for (const t of tables) {
    const r = await client.query(`select exists (select 1 from ${quote(t.name)}) as full`);
    if (r.rows[0]?.full) full.push(t.name);
  }
  if (full.length > 0) throw new UserError("db-copy-not-empty", { tables: full.join(", ") });
}

async function copyTable(sqlite: Database.Database, client: pg.PoolClient, t: TablePlan): Promise<number> {
  const read = sqlite.prepare(
    `select rowid as "__rowid", ${t.columns.map(quote).join(", ")} from ${quote(t.name)} where rowid > ? order by rowid limit ${BATCH}`,
  );
  let after = 0;
  let copied = 0;
  for (;;) {
    const rows = read.all(after) as Record<string, unknown>[];
    if (rows.length === 0) break;
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const start = values.length;
      for (const c of t.columns) values.push(t.booleans.has(c) && row[c] !== null ? row[c] === 1 : row[c]);
      return `(${t.columns.map((_, i) => `$${start + i + 1}`).join(", ")})`;
    });
    await client.query(
      `insert into ${quote(t.name)} (${t.columns.map(quote).join(", ")}) values ${tuples.join(", ")}`,
      values,
    );
    copied += rows.length;
    after = Number(rows[rows.length - 1]?.__rowid);
  }
  if (t.identity) {
    // is_called false: the next id handed out is max + 1 (or 1 for an empty table).
    await client.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(t.identity)}), 0) + 1, false) from ${quote(t.name)}`,
      [quote(t.name), t.identity],
    );
  }
  return copied;
}

/** Each table must hold as many rows in PostgreSQL as in the SQLite snapshot, or nothing lands. */
async function checkCounts(
  sqlite: Database.Database,
  client: pg.PoolClient,
  copied: CopiedTable[],
): Promise<void> {
  for (const c of copied) {
    const expected = Number(
      sqlite
        .prepare(`select count(*) from ${quote(c.table)}`)
        .pluck()
        .get(),
    );
    const r = await client.query<{ n: string }>(`select count(*) as n from ${quote(c.table)}`);
    const n = Number(r.rows[0]?.n);
    if (n !== expected || c.rows !== expected)
      throw new UserError("db-copy-mismatch", { table: c.table, rows: expected, copied: n });
  }
}
