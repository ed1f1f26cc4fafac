import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engines, type Seeded } from "./engines.ts";

const now = new Date("2026-12-10T03:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

describe.each(engines())("store: what doctor checks ($name)", (engine) => {
  let o: Seeded;
  beforeAll(async () => {
    o = await engine.seeded();
  });

  it("finds the plan and counts its tasks that are not archived", async () => {
    const plan = await o.store.checks.firstPlan();
    expect(plan?.id).toBe(o.planId);
    const tasks = await o.q.db.select({ id: o.q.t.tasks.id }).from(o.q.t.tasks);
    expect(await o.store.checks.openTaskCount(o.planId)).toBe(tasks.length);
    const first = tasks[0]?.id as number;
    await o.q.db.update(o.q.t.tasks).set({ archivedAt: now.toISOString() }).where(eq(o.q.t.tasks.id, first));
    expect(await o.store.checks.openTaskCount(o.planId)).toBe(tasks.length - 1);
    expect(await o.store.checks.openTaskCount("no-such-plan")).toBe(0);
  });

  it("lists the agencies that lead open work, once each, by id", async () => {
    const { assignments: a } = o.q.t;
    const rows = await o.q.db.select({ id: a.agencyId, role: a.role, archivedAt: a.archivedAt }).from(a);
    const expected = [
      ...new Set(rows.filter((r) => r.role === "lead" && !r.archivedAt).map((r) => r.id)),
    ].sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(await o.store.checks.leadAgencies()).toEqual(expected);
  });

  it("counts recent failures and what is due but unsent", async () => {
    const row = (key: string, state: string, createdAt: string, sendAfter = createdAt) => ({
      dedupeKey: key,
      chatId: "tg:1",
      kind: "manual-remind",
      text: "x",
      state: state as never,
      sendAfter,
      createdAt,
    });
    await o.q.db
      .insert(o.q.t.outbox)
      .values([
        row("f1", "failed", daysAgo(1)),
        row("f2", "failed", daysAgo(8)),
        row("u1", "unreachable", daysAgo(2)),
        row("p1", "pending", daysAgo(1)),
        row("p2", "sending", daysAgo(1)),
        row("p3", "pending", daysAgo(1), daysAgo(-1)),
        row("s1", "sent", daysAgo(1)),
      ]);
    expect(await o.store.checks.outboxHealth(new Date(daysAgo(7)), now)).toEqual({
      failed: 1,
      unreachable: 1,
      pending: 2,
    });
  });
});
