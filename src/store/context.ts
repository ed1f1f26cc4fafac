import type Database from "better-sqlite3";
import { is, Param, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import pg from "pg";
import type { Db } from "../db/connection.ts";
import type { PgDb } from "../db/postgres.ts";
import * as schema from "../db/schema.ts";
import * as pgSchema from "../db/schema-pg.ts";
import { Gate } from "./gate.ts";
import { fastPostgres } from "./pg-prepared.ts";
import { fastSqlite } from "./sqlite-prepared.ts";

export { Gate };

/** The tables of one dialect; both dialects name them and their columns alike (tests/db prove it). */
export type Tables = typeof schema;

/**
 * What every store function receives: a Drizzle handle, that dialect's tables, and the dialect.
 * Store functions are written once against Drizzle's query builder and run on either engine;
 * the SQLite types stand for both (a PostgreSQL handle and its tables are cast to them in one
 * place, when the store is opened), so a store function must only use what both dialects have:
 * `await` a query or `execute()` a prepared one, never `.get()`, `.all()` or `.run()`.
 */
export interface Q {
  db: Db;
  t: Tables;
  dialect: "sqlite" | "postgres";
  /** The SQLite connection under `db`, for BEGIN/COMMIT: the one place the store opens a transaction. */
  sqlite?: Database.Database;
  /** Holds other store callers while a SQLite transaction is open. */
  gate?: Gate;
  /** True for the handle a transaction's body gets: store calls on it join that transaction. */
  inTx?: boolean;
  /** The store call this handle serves, outside any transaction: the gate counts it (gate.ts). */
  call?: { counted: boolean };
}

/** PostgreSQL's handle and tables stand in for SQLite's: the names agree (tests/db/schema-parity). */
export function postgresQ(db: PgDb): Q {
  return { db: db as unknown as Db, t: pgSchema as unknown as Tables, dialect: "postgres" };
}

export function sqliteQ(db: Db, sqlite: Database.Database): Q {
  // Every key set, in one order: the copies the gate and transactions make share one shape.
  return { db, t: schema, dialect: "sqlite", sqlite, gate: new Gate(), inTx: false, call: undefined };
}

/**
 * Runs `body` in one transaction: a store function that writes several rows that stand or fall
 * together calls this with its `q` and uses the `q` it gets back. Inside a transaction already,
 * the body simply joins it.
 */
export function transaction<T>(q: Q, body: (q: Q) => Promise<T>): Promise<T> {
  if (q.inTx) return body(q);
  if (q.dialect === "postgres")
    return q.db.transaction((tx) => body({ ...q, db: tx as unknown as Db, inTx: true }));
  if (!q.gate) throw new Error("store: a SQLite handle needs its gate");
  return q.gate.run(q, () => body({ ...q, inTx: true }));
}

const advisoryLock = raw("select pg_advisory_xact_lock(hashtext(?))");

/**
 * For a transaction that reads and then writes on what it read (supersede the current report,
 * then add one): it holds other transactions about the same `key` until it ends. SQLite's gate
 * already lets one transaction through at a time; PostgreSQL's transactions run side by side,
 * and each would act on what it read before the other committed.
 */
export async function serialize(q: Q, key: string): Promise<void> {
  if (q.dialect !== "postgres") return;
  if (!q.inTx) throw new Error("store: serialize holds its lock until a transaction ends; call it in one");
  await advisoryLock(q).get(key);
}

const cache = new WeakMap<object, Map<unknown, unknown>>();

/**
 * A query prepared once per connection. Building a Drizzle query costs ~160 µs on this machine,
 * running a prepared one ~8 µs: a conversation step runs a handful, so every query that runs per
 * message goes through here. `build` gets placeholders (`sql.placeholder("name")`) for its values.
 * On SQLite the prepared query then runs straight on its better-sqlite3 statement (sqlite-prepared.ts),
 * on PostgreSQL straight on its client (pg-prepared.ts).
 */
export function statement<P>(name: string, build: (q: Q) => P): (q: Q) => P {
  return (q) => {
    let perDb = cache.get(q.db);
    if (!perDb) {
      perDb = new Map();
      cache.set(q.db, perDb);
    }
    let stmt = perDb.get(build) as P | undefined;
    if (stmt === undefined) {
      const built = build(q);
      stmt = (q.dialect === "sqlite" ? fastSqlite(built) : fastPostgres(built)) ?? built;
      perDb.set(build, stmt);
    }
    void name; // PostgreSQL names its prepared statements; SQLite caches them by identity
    return stmt;
  };
}

/**
 * Text ordered by code point, as SQLite's BINARY collation orders it. PostgreSQL orders text by
 * the database's locale (en_US puts "a" before "Z" and "Ấp" among the A's), so ids, names and
 * chat ids would come back in another order than on SQLite. `codeOrder` is the same for `raw` text.
 */
export function inCodeOrder<C extends SQLWrapper>(q: Q, column: C): C | SQL {
  return q.dialect === "postgres" ? sql`${column} collate "C"` : column;
}

export const codeOrder = (dialect: Q["dialect"]): string => (dialect === "postgres" ? ' collate "C"' : "");

export interface RawStatement<R> {
  all(...params: unknown[]): Promise<R[]>;
  get(...params: unknown[]): Promise<R | undefined>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(...params: unknown[]): Promise<number>;
}

/**
 * A hand-written query for what the builder says badly (set-based reads with subqueries,
 * aggregates): `?` placeholders, SQL that both engines accept (or a function of the dialect
 * where they differ, as in `codeOrder`), prepared once per SQLite connection. On PostgreSQL the text is cut at each `?` and run through Drizzle with the values
 * as parameters, so it joins the transaction it is called in.
 */
export function raw<R = Record<string, unknown>>(
  text: string | ((dialect: Q["dialect"]) => string),
): (q: Q) => RawStatement<R> {
  const textOf = (d: Q["dialect"]) => (typeof text === "string" ? text : text(d));
  const prepared = new WeakMap<Database.Database, Database.Statement>();
  const pgText = numberedPlaceholders(textOf("postgres"));
  return (q) => {
    if (q.dialect === "postgres") {
      const rows = (params: unknown[]) => pgQuery<R>(q, pgText, params.map(driverValue));
      return {
        all: async (...params) => (await rows(params)).rows,
        get: async (...params) => (await rows(params)).rows[0],
        run: async (...params) => (await rows(params)).rowCount ?? 0,
      };
    }
    const sqlite = q.sqlite as Database.Database;
    let stmt = prepared.get(sqlite);
    if (!stmt) {
      stmt = sqlite.prepare(textOf("sqlite"));
      prepared.set(sqlite, stmt);
    }
    const s = stmt;
    return {
      all: async (...params) => s.all(...params) as R[],
      get: async (...params) => s.get(...params) as R | undefined,
      run: async (...params) => s.run(...params).changes,
    };
  };
}

/** A value for the driver: arrays go whole (as PostgreSQL arrays), as `sql.param` sends them. */
function driverValue(v: unknown): unknown {
  return is(v, Param) ? v.encoder.mapToDriverValue(v.value) : v;
}

/** `?` placeholders as PostgreSQL's `$1, $2…`, in order (the texts hold no `?` of their own). */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** What node-postgres's pool and a transaction's client both answer. */
interface PgClient {
  query<R>(config: PgConfig, values: unknown[]): Promise<PgResult<R>>;
}
interface PgConfig {
  text: string;
  types: unknown;
}
interface PgResult<R> {
  rows: R[];
  rowCount: number | null;
}

/** Dates and instants stay text, as Drizzle reads them (ours are ISO text already). */
const keptAsText = (v: string) => v;
const PG_TYPES = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    TEXT_KEPT.has(oid) ? keptAsText : pg.types.getTypeParser(oid, format),
};
const TEXT_KEPT = new Set([1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231]);

/**
 * One config per text, the values passed beside it: the client names it once (db/pg-named.ts
 * keeps its named copy by identity) instead of copying a new object on every call. The texts
 * are the store's constants.
 */
const configs = new Map<string, PgConfig>();

/**
 * A statement sent straight to the client under the handle (the pool, or the connection of the
 * transaction the handle belongs to): Drizzle would build the text and its tracing spans again
 * on every call, and a conversation step runs several.
 */
export function pgQuery<R>(q: Q, text: string, values: unknown[]): Promise<PgResult<R>> {
  const client = (q.db as unknown as { session: { client: PgClient } }).session.client;
  let config = configs.get(text);
  if (config === undefined) {
    config = { text, types: PG_TYPES };
    if (configs.size < 10_000) configs.set(text, config);
  }
  return client.query<R>(config, values);
}
