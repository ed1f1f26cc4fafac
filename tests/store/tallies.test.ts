import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tally } from "../../src/domain/tally.ts";
import { engines, report, type Seeded } from "./engines.ts";

async function leadOf(o: Seeded, agencyId: string, ref: string): Promise<number> {
  const [row] = await o.q.db
    .select({ id: o.q.t.assignments.id })
    .from(o.q.t.assignments)
    .innerJoin(o.q.t.tasks, eq(o.q.t.tasks.id, o.q.t.assignments.taskId))
    .where(and(eq(o.q.t.assignments.agencyId, agencyId), eq(o.q.t.tasks.ref, ref)));
  if (!row) throw new Error(`no assignment ${agencyId} ${ref}`);
  return row.id;
}

describe.each(engines())("store: tallies ($name)", (engine) => {
  let o: Seeded;
  let v6: number;
  let vii4: number;
  beforeAll(async () => {
    o = await engine.seeded();
    v6 = await leadOf(o, "so-y-te", "V.6");
    vii4 = await leadOf(o, "so-y-te", "VII.4");
    // V.6 (due 31/12/2026): done in November, the report edited in December; the edit supersedes it.
    await report(o.q, v6, {
      period: "2026-11",
      status: "done",
      at: "2026-11-25T03:00:00.000Z",
      superseded: true,
    });
    await report(o.q, v6, { period: "2026-11", status: "done", at: "2026-12-02T03:00:00.000Z" });
    // VII.4 (due 28/02/2027): in progress in November, done in March 2027.
    await report(o.q, vii4, { period: "2026-11", status: "in_progress" });
    await report(o.q, vii4, { period: "2027-02", status: "done", at: "2027-03-03T03:00:00.000Z" });
  });

  it("reads every live lead assignment of the plan with its effective due and all its reports", async () => {
    const { items, changes } = await o.store.tallies.inputs(o.planId);
    expect(changes).toEqual([]);
    const mine = items.filter((i) => i.agencyId === "so-y-te");
    expect(mine).toHaveLength(9);
    const byId = new Map(mine.map((i) => [i.assignmentId, i]));
    expect(byId.get(v6)).toMatchObject({ kind: "year", due: "2026-12-31", section: "V" });
    expect(byId.get(v6)?.reports).toEqual([
      { status: "done", submittedAt: "2026-11-25T03:00:00.000Z" },
      { status: "done", submittedAt: "2026-12-02T03:00:00.000Z" },
    ]);
    expect(byId.get(vii4)?.reports.map((r) => r.status)).toEqual(["in_progress", "done"]);
    expect(mine.filter((i) => i.kind === "recurring").every((i) => i.due === null)).toBe(true);
    expect(items.every((i) => typeof i.assignmentId === "number" && typeof i.taskId === "number")).toBe(true);
  });

  it("reads the reports up to a month only when asked, and a coordinator's date over the document's", async () => {
    const { items } = await o.store.tallies.inputs(o.planId, { upToPeriod: "2026-12" });
    expect(items.find((i) => i.assignmentId === vii4)?.reports.map((r) => r.status)).toEqual(["in_progress"]);
    await o.store.catalog.setDueOverride("VII.4", "2027-03-31");
    const moved = await o.store.tallies.inputs(o.planId);
    expect(moved.items.find((i) => i.assignmentId === vii4)?.due).toBe("2027-03-31");
    await o.q.db.update(o.q.t.tasks).set({ dueOverride: null }).where(eq(o.q.t.tasks.ref, "VII.4"));
  });

  it("gives the tally its four counts from what was saved", async () => {
    const input = await o.store.tallies.inputs(o.planId);
    const mine = { items: input.items.filter((i) => i.agencyId === "so-y-te"), changes: [] };
    const december = tally(mine, { at: new Date("2026-12-10T03:00:00Z") });
    expect(december.total).toEqual({ doneOnTime: 1, doneLate: 0, openInTime: 1, openLate: 0, outside: 7 });
    const later = tally(mine, { at: new Date("2027-04-01T03:00:00Z") });
    expect(later.total).toEqual({ doneOnTime: 1, doneLate: 1, openInTime: 0, openLate: 0, outside: 7 });
  });

  it("reads the deadline history: a date before the first change, and each change as it was made", async () => {
    await o.store.dueChanges.setTaskDue("VII.4", "2027-03-15", {
      source: "setdue",
      at: "2027-02-20T02:00:00.000Z",
    });
    const id = await o.store.extensions.request({
      assignmentId: vii4,
      taskId:
        (await o.store.tallies.inputs(o.planId)).items.find((i) => i.assignmentId === vii4)?.taskId ?? 0,
      agencyId: "so-y-te",
      requestedBy: 1,
      requestedAt: "2027-03-01T02:00:00.000Z",
      oldDue: "2027-03-15",
      newDue: "2027-04-30",
      reason: "cho huong dan",
      late: false,
    });
    await o.store.extensions.decide(id ?? 0, {
      status: "approved",
      by: 2,
      at: "2027-03-02T02:00:00.000Z",
      due: "2027-04-30",
    });
    const input = await o.store.tallies.inputs(o.planId);
    const item = input.items.find((i) => i.assignmentId === vii4);
    // The document's date before the coordinator's change; both changes in the order made.
    expect(item?.due).toBe("2027-02-28");
    const mine = input.changes.filter((c) => c.taskId === item?.taskId);
    expect(mine.map((c) => [c.assignmentId, c.newDue])).toEqual([
      [null, "2027-03-15"],
      [vii4, "2027-04-30"],
    ]);
    // Done on 03/03/2027: late against 28/02 alone, on time against the extension approved the day before.
    const just = { items: [item].filter((i) => i !== undefined), changes: mine };
    expect(tally(just, { at: new Date("2027-04-01T03:00:00Z") }).total.doneOnTime).toBe(1);
    expect(tally({ ...just, changes: [] }, { at: new Date("2027-04-01T03:00:00Z") }).total.doneLate).toBe(1);
  });
});
