import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engines, unreachable } from "./engines.ts";

const now = new Date("2026-12-01T03:00:00.000Z");
const msg = (key: string, chatId: string) => ({
  dedupeKey: key,
  chatId,
  kind: "t",
  text: "x",
  sendAfter: now.toISOString(),
});

describe.each(engines())("store: health ($name)", (engine) => {
  it("records when a scheduled tick ran, earlier instants included", async () => {
    const { store } = await engine.open();
    expect(await store.health.lastTickRan()).toBeUndefined();
    await store.health.recordTickRan(now);
    const earlier = new Date(now.getTime() - 60_000);
    await store.health.recordTickRan(earlier);
    expect(await store.health.lastTickRan()).toEqual(earlier);
    // The tick's own instant is another key.
    expect(await store.engine.lastTickAt()).toBeUndefined();
  });

  it("counts outbox rows in every state", async () => {
    const { store } = await engine.open();
    expect(await store.health.outboxCounts()).toEqual({
      pending: 0,
      sending: 0,
      sent: 0,
      failed: 0,
      unreachable: 0,
      skipped: 0,
    });
    const [a] = (await store.outbox.add([msg("a", "tg:1"), msg("b", "tg:1"), msg("c", "tg:2")])) as number[];
    await store.outbox.claim("tg:2", now.toISOString());
    await store.outbox.markFailed(a as number, "x");
    expect(await store.health.outboxCounts()).toMatchObject({ pending: 1, sending: 1, failed: 1, sent: 0 });
  });

  it("counts unreachable chats by channel", async () => {
    const { store, q } = await engine.open();
    expect(await store.health.unreachableByChannel()).toEqual(new Map());
    for (const id of ["tg:1", "tg:2", "tg:3", "zalo:a", "console:x", "odd"])
      await q.db.insert(q.t.chats).values({ id, createdAt: now.toISOString() });
    for (const id of ["tg:1", "tg:2", "zalo:a", "odd"]) await unreachable(q, id);
    expect(await store.health.unreachableByChannel()).toEqual(
      new Map([
        ["tg", 2],
        ["zalo", 1],
        ["", 1],
      ]),
    );
  });

  it("probes a write and leaves nothing behind", async () => {
    const { store, q, sqlite } = await engine.open();
    await store.health.probeWrite();
    expect(await q.db.select().from(q.t.engineState).where(eq(q.t.engineState.key, "readyz-probe"))).toEqual(
      [],
    );
    if (sqlite) expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
  });
});

describe("store: health on SQLite", () => {
  it("fails the probe quickly while another process holds the write lock", async () => {
    const [engine] = engines();
    const { store, sqlite } = (await engine?.open()) ?? {};
    if (!store || !sqlite) throw new Error("a SQLite engine is needed");
    const other = new Database(sqlite.name);
    other.exec("begin immediate");
    try {
      const started = Date.now();
      await expect(store.health.probeWrite()).rejects.toThrow(/locked|busy/i);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      other.exec("rollback");
      other.close();
    }
    await store.health.probeWrite();
  });
});
