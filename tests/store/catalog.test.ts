import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { aliasKey } from "../../src/catalog/gazetteer.ts";
import { exportPlan } from "../../src/catalog/plan-export.ts";
import { defaultPlanId } from "../../src/people/subscriptions.ts";
import { engines, localeOrdered, type Seeded } from "./engines.ts";

describe.each(engines())("store: catalog look-ups ($name)", (engine) => {
  let o: Seeded;
  beforeAll(async () => {
    o = await engine.seeded();
  });

  it("finds agencies by id and by alias, and lists them all", async () => {
    const c = o.store.catalog;
    expect(await c.agency("so-y-te")).toMatchObject({ id: "so-y-te", name: "Sở Y tế", needsReview: false });
    expect(await c.agency("nobody")).toBeUndefined();
    const [alias] = await o.q.db
      .select()
      .from(o.q.t.aliases)
      .where(eq(o.q.t.aliases.agencyId, "cong-an-tinh"));
    expect(await c.agencyByAlias(alias?.key ?? "")).toMatchObject({ id: "cong-an-tinh" });
    // Group phrases are aliases too, but name no agency.
    expect(await c.agencyByAlias(aliasKey("các sở, ngành tỉnh"))).toBeUndefined();
    const all = await c.agencies();
    expect(all.map((a) => a.id)).toContain("bo-cong-an");
    expect(all.length).toBe((await o.q.db.select().from(o.q.t.agencies)).length);
  });

  it("names the plan and its sections", async () => {
    const c = o.store.catalog;
    expect(await c.planId()).toBe(o.planId);
    expect(await c.planId(o.planId)).toBe(o.planId);
    expect(await c.planId("nope")).toBeUndefined();
    expect(await defaultPlanId(o.store)).toBe(await c.planId());
    const numerals = await c.sectionNumerals(o.planId);
    expect(numerals).toContain("I");
    expect(numerals).toContain("II");
    expect(await c.sectionNumerals("nope")).toEqual([]);
  });

  it("reads a live task and its leads, and sets its due date", async () => {
    const c = o.store.catalog;
    const task = await c.liveTask("II.1");
    expect(task).toMatchObject({ ref: "II.1", archivedAt: null, dueOverride: null });
    expect(await c.liveTask("IX.99")).toBeUndefined();
    const leads = await c.taskLeadNames(task?.id as number);
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.every((n) => n.length > 0)).toBe(true);
    expect(await c.setDueOverride("II.1", "2027-03-31")).toBe(true);
    expect((await c.liveTask("II.1"))?.dueOverride).toBe("2027-03-31");
    expect(await c.setDueOverride("IX.99", "2027-03-31")).toBe(false);
  });

  it("lists tasks due before a day, earliest first, with their leads, as the old query did", async () => {
    const c = o.store.catalog;
    const all = await c.tasksDueBefore({ before: "2027-01-01" });
    expect(all.length).toBeGreaterThan(5);
    const days = all.map((t) => t.due ?? "");
    expect(days).toEqual([...days].sort());
    expect(days.every((d) => d < "2027-01-01")).toBe(true);
    expect(all.some((t) => t.leads.length > 0)).toBe(true);
    const mine = await c.tasksDueBefore({ before: "2027-01-01", agencyId: "so-y-te", planId: o.planId });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    expect(await c.tasksDueBefore({ before: "2027-01-01", planId: "nope" })).toEqual([]);
  });

  it("ranks the agencies with the most live assignments", async () => {
    const top = await o.store.catalog.topAgencies(o.planId);
    expect(top).toHaveLength(5);
    expect(top[0]).toEqual({ id: "cong-an-tinh", name: expect.any(String), count: 58 });
    const counts = top.map((t) => t.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(await o.store.catalog.topAgencies("nope")).toEqual([]);
  });

  it("counts agencies and creates one for review from an unknown name, once", async () => {
    const c = o.store.catalog;
    const before = await c.agencyCount();
    expect(before).toBe((await o.q.db.select().from(o.q.t.agencies)).length);
    const name = "Ban Quản lý Khu kinh tế";
    const input = { name, key: aliasKey(name), base: "so-y-te" };
    const id = await c.createReviewAgency(input);
    expect(id).toBe("so-y-te-2");
    expect(await c.agency("so-y-te-2")).toEqual({ id, name, kind: "other", needsReview: true });
    expect(await c.agencyByAlias(input.key)).toMatchObject({ id });
    expect(await c.createReviewAgency(input)).toBeUndefined();
    expect(await c.agencyCount()).toBe(before + 1);
  });

  it("reads what the plan export prints, in its orders", async () => {
    // A fresh copy: the old export reads the SQLite rows this store holds (or was copied from).
    const f = await engine.seeded();
    await localeOrdered(f, "aliases", "alias");
    const rows = await f.store.catalog.planRows(f.planId);
    expect(await f.store.catalog.planRows("nope")).toBeUndefined();
    if (!rows) throw new Error("no plan");
    const old = await exportPlan(f.store, f.planId);
    expect(rows.plan.id).toBe(old.plan.id);
    expect(rows.sections.map((s) => s.numeral)).toEqual(old.plan.sections.map((s) => s.numeral));
    expect(rows.agencies.map((a) => a.id)).toEqual(old.agencies.map((a) => a.id));
    expect(rows.groups.map((g) => g.id)).toEqual(old.groups.map((g) => g.id));
    expect(rows.tasks.map((t) => t.ref)).toEqual(old.tasks.map((t) => t.ref));
    expect(rows.targets.map((t) => t.ref)).toEqual(old.targets.map((t) => t.ref));
    const parties = (list: typeof rows.leads, id: number) =>
      list.filter((p) => p.taskId === id).map((p) => p.agencyId ?? p.groupId ?? "");
    rows.tasks.forEach((t, i) => {
      expect(parties(rows.leads, t.id)).toEqual(old.tasks[i]?.leads);
      expect(parties(rows.partners, t.id)).toEqual(old.tasks[i]?.partners);
    });
    rows.targets.forEach((t, i) => {
      const trackers = rows.trackers
        .filter((p) => p.targetId === t.id)
        .map((p) => p.agencyId ?? p.groupId ?? "");
      expect(trackers).toEqual(old.targets[i]?.trackers);
    });
    const aliasesOf = (id: string, name: string) =>
      rows.aliases.filter((a) => a.agencyId === id && a.alias !== name).map((a) => a.alias);
    expect(rows.agencies.map((a) => aliasesOf(a.id, a.name))).toEqual(old.agencies.map((a) => a.aliases));
  });
});
