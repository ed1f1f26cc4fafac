import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Q } from "../../src/store/context.ts";
import { engines, type Seeded } from "./engines.ts";

/** The lead assignment of `ref` at `agencyId`, with its task. */
async function lead(q: Q, ref: string, agencyId: string) {
  const { assignments: a, tasks: t } = q.t;
  const [row] = await q.db
    .select({ id: a.id, taskId: a.taskId })
    .from(a)
    .innerJoin(t, eq(t.id, a.taskId))
    .where(and(eq(t.ref, ref), eq(a.agencyId, agencyId)));
  if (!row) throw new Error(`no ${ref} for ${agencyId} in the seed`);
  return row;
}

/**
 * What the tick relies on, on both engines: a message chasing a date is out of date once the
 * date moves, and a request nobody answered is listed, then closed as expired only while open.
 */
describe.each(engines())("store: moved dates and unanswered requests ($name)", (engine) => {
  let o: Seeded;
  let v6: { id: number; taskId: number };
  beforeEach(async () => {
    o = await engine.seeded();
    v6 = await lead(o.q, "V.6", "so-y-te");
  });

  const ask = (newDue: string) =>
    o.store.extensions.request({
      assignmentId: v6.id,
      taskId: v6.taskId,
      agencyId: "so-y-te",
      requestedBy: 7,
      requestedAt: "2026-12-17T02:00:00.000Z",
      oldDue: "2026-12-31",
      newDue,
      reason: "chờ hướng dẫn",
      late: false,
    });

  it("finds a message out of date once an extension or a coordinator's date moves what it chased", async () => {
    const guard = { assignments: [v6.id], dues: { [v6.id]: "2026-12-31" } };
    expect(await o.store.engine.dueMovedReason(guard)).toBeNull();
    expect(await o.store.engine.settledReason(guard)).toBeNull();
    // Without the dates chased (a nudge, an old row), nothing is out of date.
    expect(await o.store.engine.dueMovedReason({ assignments: [v6.id] })).toBeNull();

    const id = await ask("2027-01-20");
    await o.store.extensions.decide(id ?? -1, {
      status: "approved",
      by: 9,
      at: "2026-12-18T02:00:00.000Z",
      due: "2027-01-20",
    });
    const moved = "stale: due date moved from 2026-12-31 to 2027-01-20";
    expect(await o.store.engine.dueMovedReason(guard)).toBe(moved);
    expect(await o.store.engine.settledReason(guard)).toBe(moved);
    expect(
      await o.store.engine.dueMovedReason({ assignments: [v6.id], dues: { [v6.id]: "2027-01-20" } }),
    ).toBeNull();

    // A coordinator's /dathan moves the task for every agency without an extension of its own.
    const { assignments: a, tasks: t } = o.q.t;
    const [v7] = await o.q.db
      .select({ id: a.id, due: t.dueDate })
      .from(a)
      .innerJoin(t, eq(t.id, a.taskId))
      .where(and(eq(t.ref, "V.7"), eq(a.role, "lead")))
      .limit(1);
    const before = { assignments: [v7?.id ?? -1], dues: { [v7?.id ?? -1]: "2026-12-31" } };
    expect(v7?.due).toBe("2026-12-31");
    expect(await o.store.engine.dueMovedReason(before)).toBeNull();
    await o.store.dueChanges.setTaskDue("V.7", "2027-03-31", {
      source: "setdue",
      at: "2026-12-18T03:00:00.000Z",
    });
    expect(await o.store.engine.dueMovedReason(before)).toBe(
      "stale: due date moved from 2026-12-31 to 2027-03-31",
    );
    // One moved date is enough: the message would chase it.
    expect(
      await o.store.engine.dueMovedReason({
        assignments: [v6.id, v7?.id ?? -1],
        dues: { [v6.id]: "2027-01-20", ...before.dues },
      }),
    ).toBe("stale: due date moved from 2026-12-31 to 2027-03-31");
  });

  it("lists open requests with the date in force, and expires one only while it is open", async () => {
    const id = (await ask("2027-01-20")) as number;
    expect((await o.store.extensions.waiting()).map((r) => [r.request.id, r.ref, r.due])).toEqual([
      [id, "V.6", "2026-12-31"],
    ]);
    const closed = await o.store.extensions.expire(id, "2027-01-21T00:05:00.000Z");
    expect(closed).toMatchObject({
      status: "expired",
      decidedAt: "2027-01-21T00:05:00.000Z",
      decidedBy: null,
    });
    expect(await o.store.extensions.expire(id, "2027-01-21T00:10:00.000Z")).toBeUndefined();
    expect(await o.store.extensions.waiting()).toEqual([]);
    expect(await o.store.extensions.openFor(v6.id)).toBeUndefined();
    // No longer open: the agency may ask again, and an answer to the old one changes nothing.
    const again = await ask("2027-02-10");
    expect(again).toEqual(expect.any(Number));
    expect(
      await o.store.extensions.decide(id, {
        status: "approved",
        by: 9,
        at: "2027-01-22T02:00:00.000Z",
        due: "2027-01-20",
      }),
    ).toBeUndefined();
    expect((await o.store.extensions.byId(id))?.request.status).toBe("expired");
    const [a] = await o.q.db
      .select({ due: o.q.t.assignments.dueOverride })
      .from(o.q.t.assignments)
      .where(eq(o.q.t.assignments.id, v6.id));
    expect(a?.due).toBeNull();
  });
});
