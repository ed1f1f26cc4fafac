import { join } from "node:path";
import { tempDir } from "./db.ts";
import { type Rows, TEST_DB } from "./engine-choice.ts";
import { emptySchemaUrl } from "./pg.ts";

/**
 * An empty database on the test engine for a first start of the app (migrations, the shipped
 * agencies and plan imported by the app itself): a new SQLite file, or on PostgreSQL an empty
 * schema of its own, dropped after the test file, with DB_PATH left for the files written beside it.
 */
export async function freshTarget(name: string): Promise<{ DB_PATH: string; DATABASE_URL?: string }> {
  const DB_PATH = join(tempDir(), `${name}.db`);
  if (TEST_DB === "sqlite") return { DB_PATH };
  return { DB_PATH, DATABASE_URL: await emptySchemaUrl() };
}

/** The `n` of a `select count(*) n …` read through rowsOf, on either engine. */
export async function countOf(rows: Rows, text: string, ...params: unknown[]): Promise<number> {
  const [row] = await rows<{ n: number }>(text, ...params);
  if (row === undefined) throw new Error(`countOf: no row from ${text}`);
  return row.n;
}
