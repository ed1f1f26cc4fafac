import { describe, expect, it } from "vitest";
import { openStoreFor } from "../../src/store/open.ts";
import { emptySchemaUrl } from "../helpers/pg.ts";
import { startService } from "../helpers/service.ts";

const started = (l: { msg: string }) => l.msg === "started";

describe("npm start on PostgreSQL (DATABASE_URL)", () => {
  it("migrates an empty database, loads the shipped directory and plan, and says which engine it runs on", async () => {
    const url = await emptySchemaUrl();
    const s = startService({ DATABASE_URL: url });
    const open = await s.waitForLog((l) => l.msg === "storage open", "storage open");
    expect(open.engine).toBe("postgres");
    await s.waitForLog(started, "started");
    s.child.kill("SIGTERM");
    expect(await s.exited(20_000)).toBe(0);

    const { store, close } = await openStoreFor({ postgres: url });
    try {
      const planId = await store.catalog.planId();
      expect(planId).toBeDefined();
      expect((await store.catalog.liveCounts(planId as string)).tasks).toBe(62);
      expect(await store.catalog.agencyCount()).toBeGreaterThan(100);
    } finally {
      await close();
    }
    // No SQLite file was made beside the PostgreSQL one.
    expect(s.logs().some((l) => l.msg === "imported the shipped plan")).toBe(true);
  }, 90_000);

  it("two instances starting together on an empty database both come up, with the plan loaded once", async () => {
    const url = await emptySchemaUrl();
    const a = startService({ DATABASE_URL: url });
    const b = startService({ DATABASE_URL: url });
    await Promise.all([a.waitForLog(started, "a started"), b.waitForLog(started, "b started")]);
    for (const s of [a, b]) s.child.kill("SIGTERM");
    expect(await a.exited(20_000)).toBe(0);
    expect(await b.exited(20_000)).toBe(0);
    const { store, close } = await openStoreFor({ postgres: url });
    try {
      const planId = (await store.catalog.planId()) as string;
      expect((await store.catalog.liveCounts(planId)).tasks).toBe(62);
    } finally {
      await close();
    }
  }, 90_000);

  it("a server that does not answer is one plain line naming the address without its password, and exit 1", async () => {
    const s = startService({ DATABASE_URL: "postgres://nhacviec:s3cret@127.0.0.1:1/nhacviec" });
    expect(await s.exited(30_000)).toBe(1);
    const out = s.lines.join("\n");
    expect(out).toContain("postgres://nhacviec@127.0.0.1:1/nhacviec");
    expect(out).toContain("PostgreSQL");
    expect(out).not.toContain("s3cret");
    expect(out).not.toMatch(/\n\s+at /);
  }, 60_000);
});
