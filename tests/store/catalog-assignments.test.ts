import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engines } from "./engines.ts";

const at = "2026-12-01T03:00:00.000Z";

describe.each(engines())("store: assignments sync ($name)", (engine) => {
  it("archives a departed member's group assignments, restores them on return, and a second sync finds nothing to do", async () => {
    const o = await engine.seeded();
    const { db, t } = o.q;
    const all = () => db.select().from(t.assignments).orderBy(t.assignments.id);
    const before = await all();
    await o.store.catalog.syncAssignments(o.planId, at);
    expect(await all()).toEqual(before);

    const [member] = await db.select().from(t.groupMembers).where(eq(t.groupMembers.groupId, "departments"));
    if (!member) throw new Error("no member");
    const viaGroup = before.filter((a) => a.agencyId === member.agencyId && a.viaGroupId === "departments");
    expect(viaGroup.length).toBeGreaterThan(0);
    const gone = and(eq(t.groupMembers.groupId, "departments"), eq(t.groupMembers.agencyId, member.agencyId));
    await db.delete(t.groupMembers).where(gone);
    await o.store.catalog.syncAssignments(o.planId, at);
    const live = await o.store.catalog.activeAssignmentsOf(member.agencyId);
    expect(live.some((a) => a.viaGroupId === "departments")).toBe(false);
    expect(live.length).toBe(before.filter((a) => a.agencyId === member.agencyId).length - viaGroup.length);
    const liveRows = and(eq(t.assignments.agencyId, member.agencyId), isNull(t.assignments.archivedAt));
    expect(live).toEqual(await db.select().from(t.assignments).where(liveRows));
    const archived = await db
      .select()
      .from(t.assignments)
      .where(and(eq(t.assignments.agencyId, member.agencyId), eq(t.assignments.archivedAt, at)));
    expect(archived.map((a) => a.id).sort()).toEqual(viaGroup.map((a) => a.id).sort());

    await db.insert(t.groupMembers).values(member);
    await o.store.catalog.syncAssignments(o.planId, at);
    expect(await all()).toEqual(before);
    await o.store.catalog.syncAssignments(o.planId, at);
    expect(await all()).toEqual(before);
    expect(await db.select().from(t.assignments).where(isNull(t.assignments.archivedAt))).toHaveLength(
      before.filter((a) => !a.archivedAt).length,
    );
  });
});
