import type Database from "better-sqlite3";

/** A live lead assignment with its task and latest status: what the rules chase. */
export interface WorkItem {
  assignmentId: number;
  taskId: number;
  planId: string;
  agencyId: string;
  role: "lead" | "partner";
  ref: string;
  title: string;
  section: string;
  kind: string;
  due: string | null;
  indicative: boolean;
  milestones: string[] | null;
  /** Latest status across all periods, if any report exists. */
  status: string | null;
}

type TaskFields = Pick<WorkItem, "ref" | "title" | "section" | "kind" | "due" | "indicative" | "milestones">;

/** Latest status of every assignment that has a report. */
export function readLatestStatuses(sqlite: Database.Database): Map<number, string> {
  const rows = sqlite
    .prepare(
      `select r.assignment_id, r.status from reports r
       join (select max(id) id from reports where superseded_at is null group by assignment_id) m on m.id = r.id`,
    )
    .raw()
    .all() as [number, string][];
  return new Map(rows);
}

/** A plan's live tasks by id, read once and shared by all their assignments. */
function readTasks(sqlite: Database.Database, planId: string): Map<number, TaskFields> {
  const rows = sqlite
    .prepare(
      `select t.id id, t.ref ref, t.title title, s.numeral section, t.deadline_kind kind,
              coalesce(t.due_override, t.due_date) due, t.indicative indicative, t.milestones milestones
       from tasks t join sections s on s.id = t.section_id where t.plan_id = ? and t.archived_at is null`,
    )
    .all(planId) as (Omit<TaskFields, "indicative" | "milestones"> & {
    id: number;
    indicative: number;
    milestones: string | null;
  })[];
  return new Map(
    rows.map(({ id, ...t }) => [
      id,
      {
        ...t,
        indicative: t.indicative === 1,
        milestones: t.milestones ? (JSON.parse(t.milestones) as string[]) : null,
      },
    ]),
  );
}

/** Every live lead assignment of a plan, in the document's order, with `latest` status. */
export function readLeadWork(
  sqlite: Database.Database,
  planId: string,
  latest: Map<number, string>,
): WorkItem[] {
  const tasks = readTasks(sqlite, planId);
  const rows = sqlite
    .prepare(
      `select a.id, a.task_id, a.agency_id from assignments a join tasks t on t.id = a.task_id
       where t.plan_id = ? and a.role = 'lead' and a.archived_at is null and t.archived_at is null
       order by t.position, a.agency_id`,
    )
    .raw()
    .all(planId) as [number, number, string][];
  const out: WorkItem[] = [];
  for (const [assignmentId, taskId, agencyId] of rows) {
    const t = tasks.get(taskId);
    if (!t) continue;
    out.push({
      assignmentId,
      taskId,
      planId,
      agencyId,
      role: "lead",
      ref: t.ref,
      title: t.title,
      section: t.section,
      kind: t.kind,
      due: t.due,
      indicative: t.indicative,
      milestones: t.milestones,
      status: latest.get(assignmentId) ?? null,
    });
  }
  return out;
}
