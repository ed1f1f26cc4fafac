import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/connection.ts";
import { agencies, assignments, tasks } from "../db/schema.ts";

/** The date reminders use: a coordinator's /setdue wins over the document. */
export const effectiveDue = sql<string | null>`coalesce(${tasks.dueOverride}, ${tasks.dueDate})`;

/** Live tasks with a due date strictly before `before`, earliest first, with their lead agencies. */
export function tasksDueBefore(db: DbOrTx, opts: { before: string; agencyId?: string; planId?: string }) {
  const filters = [isNull(tasks.archivedAt), isNotNull(effectiveDue), lt(effectiveDue, opts.before)];
  if (opts.planId) filters.push(eq(tasks.planId, opts.planId));
  if (opts.agencyId) {
    const mine = db
      .select({ id: assignments.taskId })
      .from(assignments)
      .where(and(eq(assignments.agencyId, opts.agencyId), isNull(assignments.archivedAt)));
    filters.push(inArray(tasks.id, mine));
  }
  const rows = db
    .select({
      id: tasks.id,
      ref: tasks.ref,
      title: tasks.title,
      due: effectiveDue,
      indicative: tasks.indicative,
      kind: tasks.deadlineKind,
    })
    .from(tasks)
    .where(and(...filters))
    .orderBy(asc(effectiveDue), asc(tasks.position))
    .all();
  const leads = db
    .select({ taskId: assignments.taskId, name: agencies.name })
    .from(assignments)
    .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
    .where(and(eq(assignments.role, "lead"), isNull(assignments.archivedAt)))
    .all();
  return rows.map((r) => ({ ...r, leads: leads.filter((l) => l.taskId === r.id).map((l) => l.name) }));
}
