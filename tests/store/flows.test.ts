import { describe, expect, it } from "vitest";
import { openPostgres } from "../../src/db/postgres.ts";
import { pgQuery, postgresQ, sqliteQ, transaction } from "../../src/store/context.ts";
import { flows } from "../../src/store/flows.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { tempDatabase } from "../helpers/db.ts";
import { TEST_PG_URL, tempPostgres, tempSchemaName } from "../helpers/pg.ts";

function sqliteStore(): Store {
  const d = tempDatabase();
  return openStore(sqliteQ(d.db, d.sqlite));
}

const engines: [string, () => Promise<Store>][] = [
  ["sqlite", async () => sqliteStore()],
  ["postgres", async () => openStore(postgresQ((await tempPostgres()).db))],
];

const now = new Date("2026-12-01T03:00:00Z");

describe.each(engines)("store: flows (%s)", (_name, open) => {
  it("keeps a flow per chat, its answers, its offered choices, and forgets it after 24 hours", async () => {
    const store = await open();
    const state = await store.flows.start("tg:1", null, "report", "task", { ref: "II.1" }, now);
    await store.flows.offer("tg:1", state.nonce, [
      { label: "Đang thực hiện", data: `f:${state.nonce}:in_progress` },
    ]);
    await store.flows.offer("tg:1", "other", [{ label: "stale", data: "x" }]);
    const read = await store.flows.get("tg:1", now);
    expect(read).toMatchObject({ kind: "report", step: "task", data: { ref: "II.1" }, nonce: state.nonce });
    expect(read?.choices).toEqual([{ label: "Đang thực hiện", data: `f:${state.nonce}:in_progress` }]);

    // A new step forgets the previous question's choices.
    await store.flows.save({ ...state, step: "status" }, now);
    expect((await store.flows.get("tg:1", now))?.choices).toBeUndefined();

    expect(await store.flows.get("tg:1", new Date(now.getTime() + 86_400_000))).toBeUndefined();
    expect(await store.flows.clear("tg:1")).toBe(false);
  });

  it("stores a step's choices with its state in one save, and none when it gives none", async () => {
    const store = await open();
    const state = await store.flows.start("tg:2", 7, "report", "status", { page: 0 }, now);
    const offered = [{ label: "Xong", data: `f:${state.nonce}:sdn` }];
    await store.flows.save({ ...state, step: "percent" }, now, offered);
    expect(await store.flows.get("tg:2", now)).toMatchObject({
      step: "percent",
      contactId: 7,
      data: { page: 0 },
      choices: offered,
    });
    await store.flows.save({ ...state, step: "description" }, now);
    const read = await store.flows.get("tg:2", now);
    expect(read?.step).toBe("description");
    expect(read?.choices).toBeUndefined();
  });

  it("finds the flows of a kind left at a step within a window of their last step, oldest first", async () => {
    const store = await open();
    const at = (min: number) => new Date(now.getTime() + min * 60_000);
    const offered = [{ label: "Gửi", data: "f:x:ok" }];
    const late = await store.flows.start("tg:3", 9, "report", "task", { assignmentId: 4 }, at(0));
    await store.flows.save({ ...late, step: "confirm" }, at(30), offered);
    const early = await store.flows.start("tg:4", 8, "report", "task", {}, at(0));
    await store.flows.save({ ...early, step: "confirm" }, at(10));
    await store.flows.start("tg:5", 7, "report", "status", {}, at(20));
    await store.flows.start("tg:6", 6, "kpi", "confirm", {}, at(20));
    const found = await store.flows.idleAt("report", "confirm", at(0), at(30));
    expect(found.map((f) => f.chatId)).toEqual(["tg:4", "tg:3"]);
    expect(found[1]).toMatchObject({
      contactId: 9,
      nonce: late.nonce,
      data: { assignmentId: 4 },
      choices: offered,
      updatedAt: at(30).toISOString(),
      expiresAt: at(30 + 24 * 60).toISOString(),
    });
    // The window is (after, until]: a step exactly at `after` belongs to the window before.
    expect((await store.flows.idleAt("report", "confirm", at(10), at(29))).map((f) => f.chatId)).toEqual([]);
  });

  it("remembers the menu of a message outside any flow", async () => {
    const store = await open();
    expect(await store.flows.menu("zalo:a")).toEqual([]);
    await store.flows.setMenu("zalo:a", [{ label: "Báo cáo", data: "rp" }], now);
    await store.flows.setMenu("zalo:a", [{ label: "Báo cáo II.1", data: "rp:7" }], now);
    expect(await store.flows.menu("zalo:a")).toEqual([{ label: "Báo cáo II.1", data: "rp:7" }]);
  });
});

describe("store: transactions (SQLite)", () => {
  // PostgreSQL isolates transactions itself; the gate is SQLite's.
  it("holds other callers until the transaction ends, and a rollback takes only its own writes", async () => {
    const store = sqliteStore();
    const order: string[] = [];
    let letGo = () => {};
    const waiting = new Promise<void>((r) => {
      letGo = r;
    });
    let wrote = () => {};
    const written = new Promise<void>((r) => {
      wrote = r;
    });
    const failing = store
      .transaction(async (tx) => {
        await tx.flows.start("tg:tx", null, "report", "task", {}, now);
        order.push("tx wrote");
        wrote();
        await waiting;
        throw new Error("boom");
      })
      .catch((e: Error) => e.message);
    await written;
    // Another request arrives while the transaction is open.
    const outside = store.flows
      .start("tg:other", null, "report", "task", {}, now)
      .then(() => order.push("other wrote"));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(["tx wrote"]);
    letGo();
    expect(await failing).toBe("boom");
    await outside;
    expect(order).toEqual(["tx wrote", "other wrote"]);
    expect(await store.flows.get("tg:tx", now)).toBeUndefined();
    expect(await store.flows.get("tg:other", now)).toBeDefined();
  });

  it("begins a transaction only after the calls already running, so its rollback keeps their writes", async () => {
    const store = sqliteStore();
    // Four statements with awaits between: a transaction opened meanwhile would have taken the last ones.
    const running = store.catalog.createReviewAgency({ name: "Ban X", key: "ban x", base: "ban-x" });
    const failing = store
      .transaction(async (tx) => {
        await tx.flows.start("tg:1", null, "report", "task", {}, now);
        throw new Error("boom");
      })
      .catch((e: Error) => e.message);
    expect(await running).toBe("ban-x");
    expect(await failing).toBe("boom");
    expect(await store.catalog.agency("ban-x")).toMatchObject({ id: "ban-x", needsReview: true });
    expect(await store.flows.get("tg:1", now)).toBeUndefined();
  });

  it("refuses the outer store inside a transaction instead of waiting for itself", async () => {
    const store = sqliteStore();
    const result = await store
      .transaction(async () => {
        await store.flows.get("tg:1", now);
      })
      .catch((e: Error) => e.message);
    expect(result).toMatch(/use the store it hands you/);
  });

  it("refuses it in every transaction, and lets it through between them", async () => {
    // The check is switched on only while a transaction is open (gate.ts): it must come back.
    const store = sqliteStore();
    const refused = () =>
      store
        .transaction(async (tx) => {
          await tx.flows.start("tg:1", null, "report", "task", {}, now);
          await store.flows.get("tg:1", now);
        })
        .catch((e: Error) => e.message);
    expect(await refused()).toMatch(/use the store it hands you/);
    await store.flows.start("tg:2", null, "report", "task", {}, now);
    expect(await refused()).toMatch(/use the store it hands you/);
    expect(await store.flows.get("tg:1", now)).toBeUndefined();
    expect((await store.flows.get("tg:2", now))?.step).toBe("task");
  });

  it("runs transactions started together one after another, each whole", async () => {
    const store = sqliteStore();
    const chats = ["tg:p", "tg:q", "tg:r"];
    await Promise.all(
      chats.map((chat) =>
        store.transaction(async (tx) => {
          await tx.flows.start(chat, null, "report", "task", {}, now);
          await tx.flows.setMenu(chat, [{ label: chat, data: "rp" }], now);
        }),
      ),
    );
    for (const chat of chats) expect(await store.flows.menu(chat)).toEqual([{ label: chat, data: "rp" }]);
  });

  it("commits what the body wrote", async () => {
    const store = sqliteStore();
    await store.transaction(async (tx) => {
      await tx.flows.start("tg:a", null, "kpi", "target", {}, now);
      await tx.transaction(async (inner) => inner.flows.setMenu("tg:a", [{ label: "x", data: "rp" }], now));
    });
    expect(await store.flows.get("tg:a", now)).toBeDefined();
    expect(await store.flows.menu("tg:a")).toHaveLength(1);
  });
});

describe.each(engines)("store: a transaction stands or falls whole (%s)", (_name, open) => {
  it("keeps nothing of a body that fails, and everything of one that succeeds", async () => {
    const store = await open();
    const failed = await store
      .transaction(async (tx) => {
        await tx.flows.start("tg:x", null, "report", "task", {}, now);
        await tx.flows.setMenu("tg:x", [{ label: "a", data: "rp" }], now);
        throw new Error("boom");
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe("boom");
    expect(await store.flows.get("tg:x", now)).toBeUndefined();
    expect(await store.flows.menu("tg:x")).toEqual([]);
    await store.transaction(async (tx) => {
      await tx.flows.start("tg:x", null, "report", "task", {}, now);
      await tx.flows.setMenu("tg:x", [{ label: "a", data: "rp" }], now);
    });
    expect(await store.flows.get("tg:x", now)).toBeDefined();
    expect(await store.flows.menu("tg:x")).toHaveLength(1);
  });
});

describe("store: a flow's commit on PostgreSQL", () => {
  // A flow saved on its own skips the WAL flush (flows.ts); nothing else may lose it.
  const setting = async (q: import("../../src/store/context.ts").Q) =>
    (await pgQuery<{ s: string }>(q, "select current_setting('synchronous_commit') s", [])).rows[0]?.s;

  it("skips the flush for that statement alone: the connection's next statement commits durably", async () => {
    const pgdb = await openPostgres(TEST_PG_URL, { schema: tempSchemaName(), poolSize: 1 });
    try {
      const store = openStore(postgresQ(pgdb.db));
      const state = await store.flows.start("tg:1", 7, "report", "task", { page: 0 }, now);
      await store.flows.save({ ...state, step: "status" }, now, [{ label: "Xong", data: "x" }]);
      // One connection in the pool: the one that just saved.
      expect(await setting(postgresQ(pgdb.db))).toBe("on");
      expect(await store.flows.get("tg:1", now)).toMatchObject({
        step: "status",
        contactId: 7,
        data: { page: 0 },
        choices: [{ label: "Xong", data: "x" }],
      });
    } finally {
      await pgdb.close();
    }
  });

  it("inside a transaction takes that transaction's durable commit", async () => {
    const q = postgresQ((await tempPostgres()).db);
    const seen = await transaction(q, async (tx) => {
      await flows.start(tx, "tg:2", null, "report", "task", {}, now);
      return setting(tx);
    });
    expect(seen).toBe("on");
    expect((await flows.get(q, "tg:2", now))?.step).toBe("task");
  });
});
