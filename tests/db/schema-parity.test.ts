import { SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "../../src/db/schema.ts";
import { tempDatabase } from "../helpers/db.ts";
import { tempPostgres } from "../helpers/pg.ts";
import { pgShape, type Shape, sqliteShape } from "./introspect.ts";

/**
 * Each dialect has its own schema and migrations; what keeps them one schema is this test:
 * both databases, migrated from scratch, must show the same tables, columns, type families,
 * nullability, keys and indexes. A column added to one dialect only fails here.
 */
describe("SQLite and PostgreSQL schemas", () => {
  it("migrate to the same tables, columns, keys and indexes", async () => {
    const lite = tempDatabase();
    const pgdb = await tempPostgres();
    const sqlite = sqliteShape(lite.sqlite, declaredFamilies());
    const postgres = await pgShape(pgdb.pool, pgdb.schema);
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(20);
    expect(postgres).toEqual(sqlite);
  });

  it("tells a column present in one dialect only", async () => {
    const lite = tempDatabase();
    const pgdb = await tempPostgres();
    lite.sqlite.exec("alter table reports add column reviewer text");
    const sqlite: Shape = sqliteShape(lite.sqlite, declaredFamilies());
    expect(await pgShape(pgdb.pool, pgdb.schema)).not.toEqual(sqlite);
    await pgdb.pool.query("alter table reports add column reviewer text");
    expect(await pgShape(pgdb.pool, pgdb.schema)).toEqual(sqlite);
  });
});

/**
 * SQLite stores booleans as integers and JSON as text: the drizzle schema says which columns
 * are meant as such, and the database must still hold them in that storage type.
 */
function declaredFamilies(): Map<string, "boolean" | "json"> {
  const out = new Map<string, "boolean" | "json">();
  for (const table of Object.values(sqliteSchema)) {
    if (!(table instanceof SQLiteTable)) continue;
    const config = sqliteTableConfig(table);
    for (const c of config.columns) {
      if (c.columnType === "SQLiteBoolean") out.set(`${config.name}.${c.name}`, "boolean");
      if (c.columnType === "SQLiteTextJson") out.set(`${config.name}.${c.name}`, "json");
    }
  }
  return out;
}
