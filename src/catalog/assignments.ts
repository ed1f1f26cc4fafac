import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/connection.ts";
import { agencies, assignments, groupMembers, taskLeads, taskPartners, tasks } from "../db/schema.ts";

type Role = "lead" | "partner";
interface Wanted {
  role: Role;
  viaGroupId: string | null;
}

/**
 * Brings the plan's assignments in line with its tasks and the current group memberships.
 * An agency named outright keeps the role it was named with; a group adds only its members
 * not already named (so "Công an tỉnh" as partner is not made lead by "các sở, ngành tỉnh").
 * External bodies are never assigned: they are listed, not reminded. Rows are archived,
 * never deleted, because reports point at them.
 */
export function syncAssignments(db: DbOrTx, planId: string, now = new Date().toISOString()): void {
  const planTasks = db
    .select({ id: tasks.id, archivedAt: tasks.archivedAt })
    .from(tasks)
    .where(eq(tasks.planId, planId))
    .all();
  if (planTasks.length === 0) return;
  const taskIds = planTasks.map((t) => t.id);
  const wanted = wantedAssignments(db, planTasks);
  const existing = db.select().from(assignments).where(inArray(assignments.taskId, taskIds)).all();
  for (const row of existing) {
    const w = wanted.get(row.taskId)?.get(row.agencyId);
    if (!w) {
      if (!row.archivedAt)
        db.update(assignments).set({ archivedAt: now }).where(eq(assignments.id, row.id)).run();
      continue;
    }
    wanted.get(row.taskId)?.delete(row.agencyId);
    if (row.role !== w.role || row.viaGroupId !== w.viaGroupId || row.archivedAt) {
      db.update(assignments)
        .set({ role: w.role, viaGroupId: w.viaGroupId, archivedAt: null })
        .where(eq(assignments.id, row.id))
        .run();
    }
  }
  const fresh = [...wanted].flatMap(([taskId, map]) =>
    [...map].map(([agencyId, w]) => ({ taskId, agencyId, role: w.role, viaGroupId: w.viaGroupId })),
  );
  for (let i = 0; i < fresh.length; i += 500)
    db.insert(assignments)
      .values(fresh.slice(i, i + 500))
      .run();
}

/** Per live task, the agencies it should be assigned to and how. */
function wantedAssignments(
  db: DbOrTx,
  planTasks: { id: number; archivedAt: string | null }[],
): Map<number, Map<string, Wanted>> {
  const taskIds = planTasks.map((t) => t.id);
  const external = new Set(
    db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.kind, "external"))
      .all()
      .map((a) => a.id),
  );
  const members = new Map<string, string[]>();
  for (const m of db.select().from(groupMembers).all()) {
    members.set(m.groupId, [...(members.get(m.groupId) ?? []), m.agencyId]);
  }
  const parties = (table: typeof taskLeads | typeof taskPartners) =>
    db.select().from(table).where(inArray(table.taskId, taskIds)).orderBy(table.taskId, table.position).all();
  const byRole = [
    [parties(taskLeads), "lead"],
    [parties(taskPartners), "partner"],
  ] as const;

  const wanted = new Map<number, Map<string, Wanted>>();
  for (const t of planTasks) if (!t.archivedAt) wanted.set(t.id, new Map());
  const add = (taskId: number, agencyId: string, w: Wanted) => {
    const map = wanted.get(taskId);
    if (map && !map.has(agencyId) && !external.has(agencyId)) map.set(agencyId, w);
  };
  // Named agencies first (leads, then partners), then group members (leads, then partners).
  for (const [rows, role] of byRole) {
    for (const r of rows) if (r.agencyId) add(r.taskId, r.agencyId, { role, viaGroupId: null });
  }
  for (const [rows, role] of byRole) {
    for (const r of rows) {
      if (!r.groupId) continue;
      for (const agencyId of members.get(r.groupId) ?? [])
        add(r.taskId, agencyId, { role, viaGroupId: r.groupId });
    }
  }
  return wanted;
}

/** Live assignments of one agency, for reminders and /tasks. */
export function activeAssignmentsOf(db: DbOrTx, agencyId: string) {
  return db
    .select()
    .from(assignments)
    .where(and(eq(assignments.agencyId, agencyId), isNull(assignments.archivedAt)))
    .all();
}
