import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openPostgres } from "../../src/db/postgres.ts";
import { agencies } from "../../src/db/schema-pg.ts";
import { TEST_PG_URL, tempPostgres } from "../helpers/pg.ts";

describe("PostgreSQL connection", () => {
  it("migrates a schema once and works inside it, booleans and JSON as drizzle gives them on SQLite", async () => {
    const first = await tempPostgres();
    await first.db.insert(agencies).values({ id: "so-y-te", name: "Sở Y tế", kind: "department" });
    const again = await openPostgres(TEST_PG_URL, { schema: first.schema });
    try {
      const { rows } = await again.pool.query("select count(*)::int as n from __drizzle_migrations");
      // Each migration applied once, however many the release has.
      expect(rows[0].n).toBe(journalEntries());
      expect(await again.db.select().from(agencies)).toEqual([
        { id: "so-y-te", name: "Sở Y tế", kind: "department", needsReview: false },
      ]);
    } finally {
      await again.close();
    }
    await expect(openPostgres(TEST_PG_URL, { schema: "x; drop schema public" })).rejects.toThrow(
      /schema name/,
    );
  });

  it("DATABASE_URL: config takes a postgres:// URL only", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h:5432/db" }).DATABASE_URL).toBe(
      "postgres://u@h:5432/db",
    );
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: "mysql://u@h/db" })).toThrow(/DATABASE_URL/);
  });
});

function journalEntries(): number {
  const journal = new URL("../../migrations/postgres/meta/_journal.json", import.meta.url);
  return (JSON.parse(readFileSync(journal, "utf8")) as { entries: unknown[] }).entries.length;
}
