import { describe, expect, it } from "vitest";
import { openStoreFor } from "../../src/store/open.ts";
import { cliAsync } from "../helpers/cli.ts";
import { tempDir } from "../helpers/db.ts";
import { emptySchemaUrl } from "../helpers/pg.ts";

describe("the operator CLI on PostgreSQL (DATABASE_URL)", () => {
  it("imports the plan, links a person and lists them on the server, and the process ends on its own", async () => {
    const url = await emptySchemaUrl();
    // DB_PATH points at a file that must never appear: the CLI works on the server.
    const env = { DATABASE_URL: url, DB_PATH: `${tempDir()}/never.db` };
    const imported = await cliAsync(["plan", "import"], env);
    expect(imported.stderr).not.toMatch(/\n\s+at /);
    expect(imported.code, imported.stderr).toBe(0);
    const added = await cliAsync(
      ["contacts", "add", "--agency", "so y te", "--role", "focal", "--chat", "tg:777", "--name", "Chị Lan"],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const listed = await cliAsync(["contacts", "list", "--json"], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ agencyId: "so-y-te", role: "focal", name: "Chị Lan" }),
    ]);

    const { store, close } = await openStoreFor({ postgres: url });
    try {
      const planId = (await store.catalog.planId()) as string;
      expect((await store.catalog.liveCounts(planId)).tasks).toBe(62);
      expect((await store.people.reachableChats({ agencyId: "so-y-te" })).map((c) => c.chatId)).toEqual([
        "tg:777",
      ]);
    } finally {
      await close();
    }
    const { existsSync } = await import("node:fs");
    expect(existsSync(env.DB_PATH)).toBe(false);
  }, 120_000);
});
