import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startCheckpointer } from "../../src/db/checkpointer.ts";
import { tempDatabase } from "../helpers/db.ts";
import { until } from "../helpers/redis.ts";

/** About 2 MB in one commit: under the 1,000-page default, so SQLite alone leaves it in the log. */
function writeTwoMegabytes(sqlite: ReturnType<typeof tempDatabase>["sqlite"]) {
  sqlite.exec("create table blobs (b blob)");
  const insert = sqlite.prepare("insert into blobs (b) values (?)");
  sqlite.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run(Buffer.alloc(4000, i));
  })();
}

describe("the background checkpointer", () => {
  it("folds the log into the database file from its own thread, and hands the default back on stop", async () => {
    const { sqlite, path } = tempDatabase();
    const checkpointer = startCheckpointer(sqlite, { intervalMs: 20 });
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(20_000);
    const before = statSync(path).size;
    writeTwoMegabytes(sqlite);
    await until(() => statSync(path).size > before + 1_500_000, "database file grown by the checkpoint");
    await checkpointer?.stop();
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect((sqlite.prepare("select count(*) n from blobs").get() as { n: number }).n).toBe(500);
  });

  it("is not what grows the file: without it the same commit stays in the log", async () => {
    const { sqlite, path } = tempDatabase();
    const before = statSync(path).size;
    writeTwoMegabytes(sqlite);
    await new Promise((r) => setTimeout(r, 200));
    expect(statSync(path).size).toBeLessThan(before + 1_500_000);
  });
});
