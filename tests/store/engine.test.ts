import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Q } from "../../src/store/context.ts";
import type { Guard } from "../../src/store/outbox.ts";
import { engines, person, report, unreachable } from "./engines.ts";

const now = new Date("2026-12-01T03:00:00.000Z");

/** Live assignments of the plan: `n` leads of tasks that can close, and one of a recurring task. */
async function assignments(q: Q, planId: string, n: number) {
  const { assignments: a, tasks: t } = q.t;
  const rows = await q.db
    .select({ id: a.id, kind: t.deadlineKind })
    .from(a)
    .innerJoin(t, eq(t.id, a.taskId))
    .where(and(eq(t.planId, planId), eq(a.role, "lead")))
    .orderBy(a.id);
  const closable = rows.filter((r) => r.kind !== "recurring").map((r) => r.id);
  const recurring = rows.find((r) => r.kind === "recurring")?.id as number;
  return { ids: closable.slice(0, n), recurring };
}

/** Guards and what they should say, once reports are in (see `settle`). */
async function guards(q: Q, planId: string): Promise<[Guard | null, string | null][]> {
  const { ids, recurring } = await assignments(q, planId, 4);
  const [a, b, c, d] = ids as [number, number, number, number];
  await report(q, a, { period: "2026-11", status: "in_progress" });
  await report(q, b, { period: "2026-11", status: "done" });
  await report(q, c, { period: "2026-11", status: "done", superseded: true });
  await report(q, c, { period: "2026-10", status: "done" });
  await report(q, d, { period: "2026-10", status: "done" });
  await report(q, d, { period: "2026-11", status: "in_progress" });
  await report(q, recurring, { period: "2026-11", status: "done" });
  const reported = "settled: reported for 2026-11 before sending";
  const closed = "settled: closed before sending";
  return [
    [null, null],
    [{ period: "2026-11", assignments: [] }, null],
    [{ period: "2026-11", assignments: [a, b] }, reported],
    [{ period: "2026-11", assignments: [a, c] }, null], // c's report for November was replaced
    [{ period: "2026-11", assignments: [a, a] }, null],
    [{ period: "2026-11", assignments: [a, 999_999] }, null],
    [{ assignments: [b, c] }, closed],
    [{ assignments: [b, b, c] }, closed],
    [{ assignments: [b, d] }, null], // d reopened in November
    [{ assignments: [b, recurring] }, null], // recurring tasks never close
    [{ assignments: [b, 999_999] }, null],
  ];
}

describe.each(engines())("store: engine ($name)", (engine) => {
  it("tells a guard's message is settled: reported in its period, or every assignment closed", async () => {
    const { store, q, planId } = await engine.seeded();
    for (const [guard, reason] of await guards(q, planId))
      expect([guard, await store.engine.settledReason(guard)]).toEqual([guard, reason]);
  });

  it("finds the coordinators' reachable chats, but the one given", async () => {
    const { store, q } = await engine.seeded();
    const pc = await person(q, { agency: "cong-an-tinh", role: "coordinator", chat: "tg:2001" });
    await person(q, { agency: "cong-an-tinh", role: "coordinator", chat: "zalo:c", name: "C" });
    await person(q, { agency: "cong-an-tinh", role: "coordinator", chat: "tg:2009", removed: true });
    await person(q, { agency: "cong-an-tinh", role: "coordinator", chat: "tg:2008" });
    await person(q, { agency: "so-y-te", role: "focal", chat: "tg:1001" });
    await unreachable(q, "tg:2008");
    const all = await store.engine.coordinators();
    expect(all.map((c) => c.chatId).sort()).toEqual(["tg:2001", "zalo:c"]);
    expect(await store.engine.coordinators("zalo:c")).toEqual([
      { contactId: pc, chatId: "tg:2001", lang: "vi" },
    ]);
  });

  it("marks a gone chat once, stops what waits for it, and names its owner", async () => {
    const { store, q } = await engine.seeded();
    await person(q, { agency: "so-y-te", role: "focal", chat: "tg:1001", name: "Đầu mối" });
    await store.outbox.add(
      [1, 2].map((i) => ({
        dedupeKey: `k${i}`,
        chatId: "tg:1001",
        kind: "t",
        text: "x",
        sendAfter: now.toISOString(),
      })),
    );
    const reason = "blocked ".repeat(40);
    expect(await store.engine.chatGone("tg:1001", reason, now)).toEqual({
      since: now.toISOString(),
      stopped: 2,
    });
    const later = new Date(now.getTime() + 60_000);
    expect(await store.engine.chatGone("tg:1001", "again", later)).toEqual({
      since: now.toISOString(),
      stopped: 0,
    });
    const [chat] = await q.db.select().from(q.t.chats).where(eq(q.t.chats.id, "tg:1001"));
    expect(chat).toMatchObject({ unreachableAt: now.toISOString(), unreachableReason: reason.slice(0, 200) });
    expect((await store.outbox.list()).map((r) => [r.state, r.lastError])).toEqual([
      ["unreachable", reason],
      ["unreachable", reason],
    ]);
    expect(await store.engine.chatOwner("tg:1001")).toEqual({ name: "Đầu mối", agency: "Sở Y tế" });

    // A chat never seen before is recorded as it goes.
    expect(await store.engine.chatGone("zalo:new", "gone", now)).toEqual({
      since: now.toISOString(),
      stopped: 0,
    });
    expect(await store.engine.chatOwner("zalo:new")).toBeUndefined();
  });

  it("moves the last tick forward only", async () => {
    const { store } = await engine.open();
    expect(await store.engine.lastTickAt()).toBeUndefined();
    await store.engine.recordLastTick(now);
    await store.engine.recordLastTick(new Date(now.getTime() - 1000));
    expect(await store.engine.lastTickAt()).toEqual(now);
    const later = new Date(now.getTime() + 1000);
    await store.engine.recordLastTick(later);
    expect(await store.engine.lastTickAt()).toEqual(later);
  });
});
