import type Database from "better-sqlite3";
import type pg from "pg";

/** What the parity test compares of one database, dialect-free. */
export interface Shape {
  tables: Record<string, TableShape>;
}
interface TableShape {
  columns: Record<string, { family: string; notNull: boolean }>;
  primaryKey: string[];
  /** Each index and unique constraint as "unique? (columns)", sorted; names differ between dialects. */
  indexes: string[];
  /** "column -> table.column", sorted. */
  foreignKeys: string[];
}

const indexKey = (unique: boolean, columns: string[]) => `${unique ? "unique " : ""}(${columns.join(",")})`;

export function sqliteShape(sqlite: Database.Database, declared: Map<string, string>): Shape {
  const names = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'",
    )
    .pluck()
    .all() as string[];
  const tables: Record<string, TableShape> = {};
  for (const name of names.sort()) {
    const info = sqlite.pragma(`table_info(${name})`) as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    const columns: TableShape["columns"] = {};
    for (const c of info) {
      const storage = c.type.toLowerCase();
      const meant = declared.get(`${name}.${c.name}`);
      const family =
        meant === "boolean" && storage === "integer"
          ? "boolean"
          : meant === "json" && storage === "text"
            ? "json"
            : storage;
      // SQLite lets an INTEGER PRIMARY KEY be declared without NOT NULL; it is never null.
      columns[c.name] = { family, notNull: c.notnull === 1 || (c.pk > 0 && storage === "integer") };
    }
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const indexes = (
      sqlite.pragma(`index_list(${name})`) as { name: string; unique: number; origin: string }[]
    )
      .filter((i) => i.origin !== "pk")
      .map((i) =>
        indexKey(
          i.unique === 1,
          (sqlite.pragma(`index_info(${i.name})`) as { seqno: number; name: string }[])
            .sort((a, b) => a.seqno - b.seqno)
            .map((c) => c.name),
        ),
      )
      .sort();
    const foreignKeys = (
      sqlite.pragma(`foreign_key_list(${name})`) as { table: string; from: string; to: string }[]
    )
      .map((f) => `${f.from} -> ${f.table}.${f.to}`)
      .sort();
    tables[name] = { columns, primaryKey, indexes, foreignKeys };
  }
  return { tables };
}

const PG_FAMILY: Record<string, string> = {
  integer: "integer",
  bigint: "integer",
  smallint: "integer",
  text: "text",
  "double precision": "real",
  real: "real",
  boolean: "boolean",
  json: "json",
  jsonb: "json",
};

export async function pgShape(pool: pg.Pool, schema: string): Promise<Shape> {
  const q = async <T extends pg.QueryResultRow>(text: string) => (await pool.query<T>(text, [schema])).rows;
  const cols = await q<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    "select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = $1 and table_name <> '__drizzle_migrations' order by table_name, ordinal_position",
  );
  const tables: Record<string, TableShape> = {};
  for (const c of cols) {
    tables[c.table_name] ??= { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] };
    const t = tables[c.table_name] as TableShape;
    t.columns[c.column_name] = {
      family: PG_FAMILY[c.data_type] ?? c.data_type,
      notNull: c.is_nullable === "NO",
    };
  }
  // Every index with its columns in order; the primary key's own index is the primary key.
  const idx = await q<{ table: string; columns: string[]; unique: boolean; primary: boolean }>(
    `select t.relname as table, i.indisunique as unique, i.indisprimary as primary,
       array(select a.attname::text from unnest(i.indkey) with ordinality k(n, o)
             join pg_attribute a on a.attrelid = t.oid and a.attnum = k.n order by k.o) as columns
     from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace s on s.oid = t.relnamespace
     where s.nspname = $1 and t.relname <> '__drizzle_migrations'`,
  );
  for (const i of idx) {
    const t = tables[i.table];
    if (!t) continue;
    if (i.primary) t.primaryKey = i.columns;
    else t.indexes.push(indexKey(i.unique, i.columns));
  }
  const fks = await q<{ table: string; from: string; to_table: string; to: string }>(
    `select t.relname as table, a.attname as from, ft.relname as to_table, fa.attname as to
     from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace s on s.oid = t.relnamespace
       join pg_class ft on ft.oid = c.confrelid
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
     where c.contype = 'f' and s.nspname = $1`,
  );
  for (const f of fks) tables[f.table]?.foreignKeys.push(`${f.from} -> ${f.to_table}.${f.to}`);
  for (const t of Object.values(tables)) {
    t.indexes.sort();
    t.foreignKeys.sort();
  }
  return { tables: Object.fromEntries(Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
