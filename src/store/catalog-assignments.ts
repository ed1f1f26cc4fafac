import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Q } from "./context.ts";

type Role = "lead" | "partner";
interface Wanted {
  role: Role;
  viaGroupId: string | null;
}

/** Who each live task of the plan wants: named agencies first, then group members, never external bodies. */
async function wantedOf(q: Q, planTasks: { id: number; archivedAt: string | null }[]) {
  const t = q.t;
  const taskIds = planTasks.map((x) => x.id);
  const externalRows = await q.db
    .select({ id: t.agencies.id })
    .from(t.agencies)
    .where(eq(t.agencies.kind, "external"));
  const external = new Set(externalRows.map((a) => a.id));
  const members = new Map<string, string[]>();
  for (const m of await q.db.select().from(t.groupMembers))
    members.set(m.groupId, [...(members.get(m.groupId) ?? []), m.agencyId]);
  const parties = (table: typeof t.taskLeads | typeof t.taskPartners) =>
    q.db.select().from(table).where(inArray(table.taskId, taskIds)).orderBy(table.taskId, table.position);
  const byRole = [
    [await parties(t.taskLeads), "lead"],
    [await parties(t.taskPartners), "partner"],
  ] as const;
  const wanted = new Map<number, Map<string, Wanted>>();
  for (const x of planTasks) if (!x.archivedAt) wanted.set(x.id, new Map());
  const add = (taskId: number, agencyId: string, w: Wanted) => {
    const map = wanted.get(taskId);
    if (map && !map.has(agencyId) && !external.has(agencyId)) map.set(agencyId, w);
  };
  for (const [rows, role] of byRole)
    for (const r of rows) if (r.agencyId) add(r.taskId, r.agencyId, { role, viaGroupId: null });
  for (const [rows, role] of byRole)
    for (const r of rows)
      for (const agencyId of r.groupId ? (members.get(r.groupId) ?? []) : [])
        add(r.taskId, agencyId, { role, viaGroupId: r.groupId });
  return wanted;
}

/**
 * Brings the plan's assignments in line with its tasks and the current group memberships (see
 * catalog/assignments.ts). Rows are archived, never deleted, because reports point at them.
 * Runs in the caller's transaction (plan or agency import).
 */
async function syncAssignments(q: Q, planId: string, now: string): Promise<void> {
  const { tasks, assignments } = q.t;
  const planTasks = await q.db
    .select({ id: tasks.id, archivedAt: tasks.archivedAt })
    .from(tasks)
    .where(eq(tasks.planId, planId));
  if (planTasks.length === 0) return;
  const wanted = await wantedOf(q, planTasks);
  const taskIds = planTasks.map((x) => x.id);
  for (const row of await q.db.select().from(assignments).where(inArray(assignments.taskId, taskIds))) {
    const w = wanted.get(row.taskId)?.get(row.agencyId);
    if (!w) {
      if (!row.archivedAt)
        await q.db.update(assignments).set({ archivedAt: now }).where(eq(assignments.id, row.id));
      continue;
    }
    wanted.get(row.taskId)?.delete(row.agencyId);
    if (row.role !== w.role || row.viaGroupId !== w.viaGroupId || row.archivedAt)
      await q.db
        .update(assignments)
        .set({ role: w.role, viaGroupId: w.viaGroupId, archivedAt: null })
        .where(eq(assignments.id, row.id));
  }
  const fresh = [...wanted].flatMap(([taskId, map]) =>
    [...map].map(([agencyId, w]) => ({ taskId, agencyId, role: w.role, viaGroupId: w.viaGroupId })),
  );
  for (let i = 0; i < fresh.length; i += 500) await q.db.insert(assignments).values(fresh.slice(i, i + 500));
}

/** Live assignments of one agency, for reminders and /tasks. */
async function activeAssignmentsOf(q: Q, agencyId: string) {
  const a = q.t.assignments;
  return q.db
    .select()
    .from(a)
    .where(and(eq(a.agencyId, agencyId), isNull(a.archivedAt)));
}

export const catalogAssignments = { syncAssignments, activeAssignmentsOf };
