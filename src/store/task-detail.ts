import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Q } from "./context.ts";

/** One live task with its section, as the console's task page shows it; undefined when unknown. */
async function taskById(q: Q, taskId: number) {
  const { tasks, sections } = q.t;
  const [row] = await q.db
    .select({ task: tasks, section: { numeral: sections.numeral, title: sections.title } })
    .from(tasks)
    .innerJoin(sections, eq(sections.id, tasks.sectionId))
    .where(and(eq(tasks.id, taskId), isNull(tasks.archivedAt)))
    .limit(1);
  return row;
}

/**
 * The agencies holding a task (leads first, in the plan's order), with their assignment's role
 * and its own date when an approved extension gave it one (null: the task's date).
 */
async function taskAgencies(q: Q, taskId: number) {
  const { assignments, agencies } = q.t;
  return q.db
    .select({
      agencyId: agencies.id,
      name: agencies.name,
      role: assignments.role,
      ownDue: assignments.dueOverride,
    })
    .from(assignments)
    .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
    .where(and(eq(assignments.taskId, taskId), isNull(assignments.archivedAt)))
    .orderBy(asc(assignments.role), asc(assignments.id));
}

/** Who the plan names as a task's partners (agencies or groups), in the document's order. */
async function taskPartnerNames(q: Q, taskId: number): Promise<string[]> {
  const { taskPartners: tp, agencies, agencyGroups } = q.t;
  const rows = await q.db
    .select({ agency: agencies.name, group: agencyGroups.name })
    .from(tp)
    .leftJoin(agencies, eq(agencies.id, tp.agencyId))
    .leftJoin(agencyGroups, eq(agencyGroups.id, tp.groupId))
    .where(eq(tp.taskId, taskId))
    .orderBy(asc(tp.position));
  return rows.map((r) => r.agency ?? r.group ?? "");
}

/**
 * Every report ever filed on a task, newest first: replaced ones (with when they were replaced)
 * and partners' included, with who filed each. Unlike /task's last 15, the whole history.
 */
async function taskReports(q: Q, taskId: number) {
  const { reports: r, agencies, assignments, contacts } = q.t;
  return q.db
    .select({
      id: r.id,
      agencyName: agencies.name,
      role: assignments.role,
      period: r.period,
      status: r.status,
      percent: r.percent,
      description: r.description,
      evidence: r.evidence,
      count: r.count,
      reporter: contacts.name,
      submittedAt: r.submittedAt,
      supersededAt: r.supersededAt,
    })
    .from(r)
    .innerJoin(agencies, eq(agencies.id, r.agencyId))
    .innerJoin(assignments, eq(assignments.id, r.assignmentId))
    .leftJoin(contacts, eq(contacts.id, r.contactId))
    .where(eq(r.taskId, taskId))
    .orderBy(desc(r.id));
}

export const taskDetail = { taskById, taskAgencies, taskPartnerNames, taskReports };
