import { and, asc, count, desc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { inCodeOrder, type Q } from "./context.ts";

/**
 * Live tasks with a due date (a coordinator's /setdue wins over the document) strictly before
 * `before`, earliest first, with their lead agencies; only an agency's own when it is named,
 * and then by the date in force for that agency (its approved extension, if any).
 */
async function tasksDueBefore(q: Q, opts: { before: string; agencyId?: string; planId?: string }) {
  const { tasks, assignments, agencies } = q.t;
  const own = opts.agencyId
    ? q.db
        .select({ taskId: assignments.taskId, due: assignments.dueOverride })
        .from(assignments)
        .where(and(eq(assignments.agencyId, opts.agencyId), isNull(assignments.archivedAt)))
        .as("own")
    : undefined;
  const due = own
    ? sql<string | null>`coalesce(${own.due}, ${tasks.dueOverride}, ${tasks.dueDate})`
    : sql<string | null>`coalesce(${tasks.dueOverride}, ${tasks.dueDate})`;
  const filters = [isNull(tasks.archivedAt), isNotNull(due), lt(due, opts.before)];
  if (opts.planId) filters.push(eq(tasks.planId, opts.planId));
  const columns = {
    id: tasks.id,
    ref: tasks.ref,
    title: tasks.title,
    due,
    indicative: tasks.indicative,
    kind: tasks.deadlineKind,
  };
  const from = own
    ? q.db.select(columns).from(tasks).innerJoin(own, eq(own.taskId, tasks.id))
    : q.db.select(columns).from(tasks);
  const rows = await from.where(and(...filters)).orderBy(asc(due), asc(tasks.position));
  const leads = await q.db
    .select({ taskId: assignments.taskId, name: agencies.name })
    .from(assignments)
    .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
    .where(and(eq(assignments.role, "lead"), isNull(assignments.archivedAt)));
  return rows.map((r) => ({ ...r, leads: leads.filter((l) => l.taskId === r.id).map((l) => l.name) }));
}

/** The agencies with the most live assignments in a plan (an import's report), ties by id. */
async function topAgencies(q: Q, planId: string, limit = 5) {
  const { tasks, assignments, agencies } = q.t;
  const n = count(assignments.id);
  return q.db
    .select({ id: agencies.id, name: agencies.name, count: n })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
    .where(and(eq(tasks.planId, planId), isNull(assignments.archivedAt), isNull(tasks.archivedAt)))
    .groupBy(agencies.id, agencies.name)
    .orderBy(desc(n), inCodeOrder(q, agencies.id))
    .limit(limit);
}

/** Live assignments of a plan's tasks (archived tasks included, as `plan import` has always counted). */
async function liveAssignmentCount(q: Q, planId: string): Promise<number> {
  const { tasks, assignments } = q.t;
  const [row] = await q.db
    .select({ n: count() })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .where(and(eq(tasks.planId, planId), isNull(assignments.archivedAt)));
  return Number(row?.n ?? 0);
}

export const catalogTasks = { tasksDueBefore, topAgencies, liveAssignmentCount };
