import { describe, expect, it } from "vitest";
import { openStoreFor } from "../../src/store/open.ts";
import { tempDatabase } from "../helpers/db.ts";
import { TEST_PG_URL, tempSchemaName } from "../helpers/pg.ts";

const now = new Date("2026-12-01T03:00:00Z");
const menu = [{ label: "Báo cáo", data: "rp" }];

describe("openStoreFor", () => {
  it("stores in the SQLite database it is given, and leaves that database open to its opener", async () => {
    const d = tempDatabase();
    const opened = await openStoreFor({ sqlite: d });
    expect(opened.store.dialect).toBe("sqlite");
    await opened.store.flows.setMenu("tg:1", menu, now);
    await opened.close();
    expect(d.sqlite.open).toBe(true);
    expect(d.sqlite.prepare("select chat_id from chat_menus").pluck().all()).toEqual(["tg:1"]);
  });

  it("opens PostgreSQL from a URL with its migrations applied, and ends the pool on close", async () => {
    const schema = tempSchemaName();
    const opened = await openStoreFor({ postgres: TEST_PG_URL, schema });
    try {
      expect(opened.store.dialect).toBe("postgres");
      await opened.store.flows.setMenu("tg:1", menu, now);
      expect(await opened.store.flows.menu("tg:1")).toEqual(menu);
    } finally {
      await opened.close();
      await opened.close();
    }
    await expect(opened.store.flows.menu("tg:1")).rejects.toThrow();
  });

  it("refuses a target that is not a postgres:// URL, without echoing it", async () => {
    await expect(openStoreFor({ postgres: "mysql://u:secret@h/db" })).rejects.toThrow(
      /^store: a PostgreSQL target needs a postgres:\/\/ URL$/,
    );
  });
});
