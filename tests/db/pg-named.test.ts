import pg from "pg";
import { describe, expect, it } from "vitest";
import { NamingClient } from "../../src/db/pg-named.ts";
import { TEST_PG_URL } from "../helpers/pg.ts";

describe("statements named once per connection", () => {
  it("runs a config passed again and again with its own row mode, types and each call's values", async () => {
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, Client: NamingClient, max: 1 });
    try {
      // As Drizzle passes its prepared queries: one config object, the values beside it.
      const config = {
        text: "select $1::int + 1 as n, $2::text as s, '2026-12-03'::date as d",
        rowMode: "array",
        types: {
          getTypeParser: (oid: number, format?: string) =>
            oid === 1082 ? (v: string) => `day ${v}` : pg.types.getTypeParser(oid, format as "text"),
        },
      };
      const rows = [];
      for (const i of [1, 2, 3]) rows.push((await pool.query(config as never, [i, `x${i}`])).rows);
      expect(rows).toEqual([
        [[2, "x1", "day 2026-12-03"]],
        [[3, "x2", "day 2026-12-03"]],
        [[4, "x3", "day 2026-12-03"]],
      ]);
      const withValues = { text: "select $1::int as n", values: [7] };
      expect((await pool.query(withValues)).rows).toEqual([{ n: 7 }]);
      withValues.values = [8];
      expect((await pool.query(withValues)).rows).toEqual([{ n: 8 }]);
      const prepared = await pool.query("select statement from pg_prepared_statements");
      expect(prepared.rows.map((r) => r.statement).sort()).toEqual([config.text, withValues.text].sort());
      expect(config).not.toHaveProperty("name");
    } finally {
      await pool.end();
    }
  });
});
