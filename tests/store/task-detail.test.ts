import { eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engines, person, type Seeded } from "./engines.ts";

const at = (day: number) => new Date(Date.UTC(2026, 11, day, 3));

describe.each(engines())("store: a task's page ($name)", (engine) => {
  let o: Seeded;
  let focal: number;
  beforeAll(async () => {
    o = await engine.seeded();
    focal = await person(o.q, { agency: "so-y-te", role: "focal", chat: "tg:71", name: "Hoa" });
  });

  it("reads a task with its section, its agencies leads first and the partners the plan names", async () => {
    const [withPartner] = await o.q.db
      .select({ taskId: o.q.t.taskPartners.taskId })
      .from(o.q.t.taskPartners)
      .where(isNotNull(o.q.t.taskPartners.agencyId))
      .limit(1);
    const taskId = withPartner?.taskId as number;
    const task = await o.store.catalog.taskById(taskId);
    expect(task?.task.id).toBe(taskId);
    expect(task?.section.numeral).toMatch(/^[IVX]+$/);
    const partners = await o.store.catalog.taskPartnerNames(taskId);
    expect(partners.length).toBeGreaterThan(0);
    expect(partners.every((n) => n.length > 0)).toBe(true);
    const agencies = await o.store.catalog.taskAgencies(taskId);
    const roles = agencies.map((a) => a.role);
    expect(roles[0]).toBe("lead");
    expect(roles).toEqual([...roles].sort());
    expect(await o.store.catalog.taskById(999_999)).toBeUndefined();
  });

  it("lists every report on a task, replaced ones included, newest first, with who filed it", async () => {
    const [a] = await o.store.reports.assignmentsOf("so-y-te");
    if (!a) throw new Error("no assignment");
    const base = { assignmentId: a.assignmentId, taskId: a.taskId, agencyId: "so-y-te", period: "2026-11" };
    const who = { contactId: focal, chatId: "tg:71", channel: "telegram" };
    const evidence = [{ kind: "link", url: "https://so-y-te.example.vn/bao-cao" }];
    // Seventeen reports: more than /task's fifteen, all on the page.
    for (let i = 1; i <= 17; i++)
      await o.store.reports.save({ ...base, ...who, status: "in_progress", percent: i, evidence }, at(i));
    const rows = await o.store.catalog.taskReports(a.taskId);
    expect(rows).toHaveLength(17);
    expect(rows.map((r) => r.percent)).toEqual(Array.from({ length: 17 }, (_, i) => 17 - i));
    expect(rows[0]).toMatchObject({ reporter: "Hoa", role: "lead", supersededAt: null, evidence });
    expect(rows[1]?.supersededAt).toBe(at(17).toISOString());
    expect(await o.store.catalog.taskReports(999_999)).toEqual([]);
    const live = await o.q.db.select().from(o.q.t.reports).where(eq(o.q.t.reports.taskId, a.taskId));
    expect(live).toHaveLength(17);
  });
});
