import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { engines, type Seeded } from "./engines.ts";

/**
 * Extension requests and the deadline history on both engines: one open request per assignment
 * (the database refuses a second), a decision taken once, and an approval that moves the date
 * every reader sees for that agency and no other.
 */
describe.each(engines())("store: extensions and due changes ($name)", (engine) => {
  let o: Seeded;
  let v6: { id: number; taskId: number };
  beforeAll(async () => {
    o = await engine.seeded();
    const { assignments: a, tasks: t } = o.q.t;
    const [row] = await o.q.db
      .select({ id: a.id, taskId: a.taskId })
      .from(a)
      .innerJoin(t, eq(t.id, a.taskId))
      .where(and(eq(t.ref, "V.6"), eq(a.agencyId, "so-y-te")));
    if (!row) throw new Error("no V.6 for Sở Y tế in the seed");
    v6 = row;
  });

  const ask = (newDue: string, requestedAt = "2026-12-03T02:00:00.000Z") =>
    o.store.extensions.request({
      assignmentId: v6.id,
      taskId: v6.taskId,
      agencyId: "so-y-te",
      requestedBy: 7,
      requestedAt,
      oldDue: "2026-12-31",
      newDue,
      reason: "chờ hướng dẫn",
      late: false,
    });

  it("opens one request per assignment, approves it once and moves only that agency's date", async () => {
    const id = await ask("2027-01-20");
    expect(id).toEqual(expect.any(Number));
    expect(await ask("2027-02-01")).toBeUndefined();
    expect((await o.store.extensions.openFor(v6.id))?.id).toBe(id);
    const decided = await o.store.extensions.decide(id ?? -1, {
      status: "approved",
      by: 9,
      at: "2026-12-04T02:00:00.000Z",
      due: "2027-01-20",
    });
    expect(decided).toMatchObject({ status: "approved", decidedBy: 9, decidedDue: "2027-01-20" });
    // A second answer finds nothing open and changes nothing.
    expect(
      await o.store.extensions.decide(id ?? -1, {
        status: "rejected",
        by: 10,
        at: "2026-12-05T02:00:00.000Z",
      }),
    ).toBeUndefined();
    expect(await o.store.extensions.openFor(v6.id)).toBeUndefined();
    const mine = (await o.store.reports.assignmentsOf("so-y-te")).find((a) => a.ref === "V.6");
    expect(mine?.due).toBe("2027-01-20");
    const work = await o.store.snapshot.work(o.planId);
    expect(work.find((w) => w.assignmentId === v6.id)?.due).toBe("2027-01-20");
    const others = work.filter((w) => w.ref === "V.6" && w.assignmentId !== v6.id).map((w) => w.due);
    expect(new Set(others)).toEqual(new Set(others.length ? ["2026-12-31"] : []));
    const due = await o.store.catalog.tasksDueBefore({ before: "2027-01-10", agencyId: "so-y-te" });
    expect(due.map((t) => t.ref)).not.toContain("V.6");
    expect(await o.store.dueChanges.dueHistory(v6.taskId)).toMatchObject([
      {
        assignmentId: v6.id,
        oldDue: "2026-12-31",
        newDue: "2027-01-20",
        source: "extension",
        requestedBy: 7,
        approvedBy: 9,
        reason: "chờ hướng dẫn",
      },
    ]);
    // Closed, the assignment may have a new open request.
    expect(await ask("2027-02-10", "2027-01-05T02:00:00.000Z")).toEqual(expect.any(Number));
  });

  it("keeps a task-wide row for each task a coordinator's date changes", async () => {
    expect(
      await o.store.transaction((tx) =>
        tx.dueChanges.setTaskDue("II.1", "2027-03-31", {
          source: "web",
          at: "2026-12-06T02:00:00.000Z",
          approvedBy: 9,
          reason: "họp",
        }),
      ),
    ).toBe(1);
    const task = await o.store.catalog.liveTask("II.1");
    expect(task?.dueOverride).toBe("2027-03-31");
    const [row] = await o.store.dueChanges.dueHistory(task?.id ?? -1);
    expect(row).toMatchObject({
      assignmentId: null,
      newDue: "2027-03-31",
      source: "web",
      approvedBy: 9,
      reason: "họp",
    });
    expect(
      await o.store.dueChanges.setTaskDue("XX.9", "2027-03-31", {
        source: "setdue",
        at: "2026-12-06T02:00:00.000Z",
      }),
    ).toBe(0);
  });
});
