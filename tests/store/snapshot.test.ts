import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DigestScope } from "../../src/db/schema.ts";
import { Snapshot } from "../../src/engine/snapshot.ts";
import type { Q } from "../../src/store/context.ts";
import { engines, person, report, unreachable } from "./engines.ts";

/** The first live partner assignment of a task that can close (or of a recurring one), and its agency. */
async function closablePartner(q: Q, planId: string, recurring = false) {
  const { assignments: a, tasks: t } = q.t;
  const [row] = await q.db
    .select({ id: a.id, agencyId: a.agencyId })
    .from(a)
    .innerJoin(t, eq(t.id, a.taskId))
    .where(
      and(
        eq(t.planId, planId),
        eq(a.role, "partner"),
        recurring ? eq(t.deadlineKind, "recurring") : ne(t.deadlineKind, "recurring"),
      ),
    )
    .orderBy(a.id)
    .limit(1);
  if (!row) throw new Error("the shipped plan has partners");
  return row;
}

/** People, reports and a subscription on the shipped plan; returns the lead work it reported on. */
async function cast(q: Q, planId: string, work: { assignmentId: number }[]) {
  await person(q, { agency: "so-y-te", role: "focal", chat: "tg:1001", name: "Đầu mối" });
  await person(q, { agency: "so-y-te", role: "head", chat: "tg:1002" });
  await person(q, { agency: "so-y-te", role: "focal", chat: "zalo:yt", name: "Đầu mối" });
  await person(q, { agency: "cong-an-tinh", role: "coordinator", chat: "tg:2001", name: "PC06" });
  await person(q, { agency: "so-y-te", role: "focal", chat: "tg:9", removed: true });
  await person(q, { agency: "so-y-te", role: "head", chat: "tg:8" });
  await unreachable(q, "tg:8");
  const [a1, a2] = work.map((w) => w.assignmentId) as [number, number];
  await report(q, a1, { period: "2026-10", status: "done", at: "2026-10-28T03:00:00.000Z" });
  await report(q, a1, { period: "2026-11", status: "in_progress", superseded: true });
  // Reported twice in November: the later report superseded the first, as a save does.
  await report(q, a2, { period: "2026-11", status: "in_progress", superseded: true });
  await report(q, a2, { period: "2026-11", status: "blocked" });
  await report(q, (await closablePartner(q, planId)).id, { period: "2026-11", status: "not_applicable" });
  // A recurring task never closes, whatever its partner says.
  await report(q, (await closablePartner(q, planId, true)).id, { period: "2026-09", status: "done" });
  const subs: [string, DigestScope][] = [
    ["tg:-500", { kind: "plan" }],
    ["tg:8", { kind: "sections", sections: ["I"] }],
  ];
  for (const [chatId, scope] of subs)
    await q.db
      .insert(q.t.subscriptions)
      .values({ chatId, planId, scope, lang: "vi", createdAt: "2026-11-01T00:00:00.000Z" })
      .onConflictDoNothing();
  return { a1, a2 };
}

async function withChat(q: Q, id: string) {
  await q.db.insert(q.t.chats).values({ id, type: "group", createdAt: "2026-11-01T00:00:00.000Z" });
}

describe.each(engines())("store: snapshot ($name)", (engine) => {
  // Opened once for the file's tests, which read what this setup wrote.
  const ready = (async () => {
    const { store, q, planId } = await engine.seeded();
    await withChat(q, "tg:-500");
    const before = await store.snapshot.work(planId);
    const partner = await closablePartner(q, planId);
    const partnersBefore = await store.snapshot.partnerCounts(planId);
    const ids = await cast(q, planId, before);
    return { store, q, planId, before, partner, partnersBefore, ...ids };
  })();

  it("addresses reachable, current contacts by role and agency, coordinators under one key", async () => {
    const { store } = await ready;
    const r = await store.snapshot.recipients();
    expect([...r.keys()].sort()).toEqual(["coordinator:*", "focal:so-y-te", "head:so-y-te"]);
    expect(r.get("focal:so-y-te")?.map((x) => x.chatId)).toEqual(["tg:1001", "zalo:yt"]);
    expect(r.get("head:so-y-te")?.map((x) => x.chatId)).toEqual(["tg:1002"]);
    expect(r.get("coordinator:*")).toEqual([
      {
        contactId: expect.any(Number),
        chatId: "tg:2001",
        lang: "vi",
        name: "PC06",
        agencyId: "cong-an-tinh",
      },
    ]);
  });

  it("reads the plan's lead work in order, each with its latest current status", async () => {
    const { store, planId, before, a1, a2 } = await ready;
    expect(before.length).toBeGreaterThan(10);
    expect(before.every((w) => w.role === "lead" && w.status === null && w.planId === planId)).toBe(true);
    expect(before.some((w) => w.indicative === true)).toBe(true);
    expect(before.some((w) => Array.isArray(w.milestones) && w.milestones.length > 0)).toBe(true);
    const after = await store.snapshot.work(planId);
    expect(after.map((w) => w.assignmentId)).toEqual(before.map((w) => w.assignmentId));
    const status = new Map(after.map((w) => [w.assignmentId, w.status]));
    expect([status.get(a1), status.get(a2)]).toEqual(["done", "blocked"]);
    const latest = await store.snapshot.latestStatuses();
    expect(latest.get(a1)).toBe("done");
    expect(await store.snapshot.work(planId, latest)).toEqual(after);
    expect(await store.snapshot.work("no-such-plan")).toEqual([]);
  });

  it("counts open partners, less those closed by their latest report", async () => {
    const { store, planId, partner, partnersBefore } = await ready;
    const after = await store.snapshot.partnerCounts(planId);
    const n = partnersBefore.get(partner.agencyId) as number;
    expect(n).toBeGreaterThan(0);
    expect(after.get(partner.agencyId)).toBe(n - 1);
    const closed = await store.snapshot.closedPartners();
    expect([...closed]).toEqual([[`${planId}|${partner.agencyId}`, 1]]);
  });

  it("knows who reported in a period, what was done in a week, and the digest's subscribers", async () => {
    const { store, q, planId, a1, a2 } = await ready;
    expect(await store.snapshot.reportedIn("2026-11", planId)).toEqual(
      new Set([a2, (await closablePartner(q, planId)).id]),
    );
    expect(await store.snapshot.reportedIn("2026-10", planId)).toEqual(new Set([a1]));
    expect(await store.snapshot.reportedIn("2026-10", "other")).toEqual(new Set());
    // The tick reads a period for every plan at once; each plan's part is what reportedIn reads.
    const byPlan = await store.snapshot.reportedByPlan("2026-11");
    expect([...byPlan.keys()]).toEqual([planId]);
    expect(byPlan.get(planId)).toEqual(await store.snapshot.reportedIn("2026-11", planId));
    const done = await store.snapshot.completed(planId, "2026-10-25", "2026-11-01");
    expect(done).toEqual([
      expect.objectContaining({ agencyId: expect.any(String), section: expect.any(String) }),
    ]);
    expect(await store.snapshot.completed(planId, "2026-10-21", "2026-10-28")).toEqual([]);
    expect(await store.snapshot.digestSubscriptions(planId)).toEqual([
      { chatId: "tg:-500", scope: { kind: "plan" }, lang: "vi" },
    ]);
  });

  it("names agencies and kinds, and lists the plans", async () => {
    const { store, planId } = await ready;
    const { names, kinds } = await store.snapshot.agencyDirectory();
    expect(await store.snapshot.agencyNames()).toEqual(names);
    expect(names.get("so-y-te")).toBe("Sở Y tế");
    expect([...kinds.keys()]).toEqual([...names.keys()]);
    expect(kinds.get("so-y-te")).toBe("department");
    expect((await store.snapshot.plans()).map((p) => p.id)).toEqual([planId]);
  });
});

describe("the engine's Snapshot, loaded from the store", () => {
  it("answers what the store reads once loaded, and refuses a read it has not loaded", async () => {
    const [engine] = engines();
    const seeded = await engine?.seeded();
    if (!seeded) throw new Error("a SQLite engine is needed");
    const { store, q, planId } = seeded;
    await withChat(q, "tg:-500");
    await cast(q, planId, await store.snapshot.work(planId));
    const periods = ["2026-10", "2026-11", "2026-12"];
    const snapshot = new Snapshot(store);
    expect(() => snapshot.work(planId)).toThrow(/not loaded/);
    await snapshot.load({ shared: true, plans: true, plan: planId, periods });
    await snapshot.loadPartnerCounts(planId);
    expect(snapshot.recipients()).toEqual(await store.snapshot.recipients());
    const directory = await store.snapshot.agencyDirectory();
    expect(snapshot.agencyNames()).toEqual(directory.names);
    expect(snapshot.agencyKinds()).toEqual(directory.kinds);
    expect(snapshot.work(planId)).toEqual(await store.snapshot.work(planId));
    expect(snapshot.partnerCounts(planId)).toEqual(await store.snapshot.partnerCounts(planId));
    for (const period of periods)
      expect(snapshot.reportedIn(period, planId)).toEqual(await store.snapshot.reportedIn(period, planId));
    expect(snapshot.plans()).toEqual(await store.snapshot.plans());
    expect(() => snapshot.reportedIn("2027-01", planId)).toThrow(/not loaded/);
  });
});
