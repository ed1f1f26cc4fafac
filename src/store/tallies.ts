import type { TallyInput, TallyItem } from "../domain/tally.ts";
import { codeOrder, type Q, raw } from "./context.ts";

/**
 * The one read behind the on-time tallies (domain/tally.ts): a plan's live lead assignments with
 * their due date, every report of them (superseded ones too: the first "done" counts), and the
 * deadline history. Three set-based queries whatever the plan's size.
 */

const leadRows = raw<{
  id: number;
  task_id: number;
  agency_id: string;
  section: string;
  kind: string;
  due: string | null;
}>(
  (d) => `select a.id id, a.task_id task_id, a.agency_id agency_id, s.numeral section,
          t.deadline_kind kind, coalesce(a.due_override, t.due_override, t.due_date) due
   from assignments a join tasks t on t.id = a.task_id join sections s on s.id = t.section_id
   where t.plan_id = ? and a.role = 'lead' and a.archived_at is null and t.archived_at is null
   order by t.position, a.agency_id${codeOrder(d)}`,
);

const reportRows = raw<{ assignment_id: number; status: string; submitted_at: string }>(
  `select r.assignment_id assignment_id, r.status status, r.submitted_at submitted_at
   from reports r join tasks t on t.id = r.task_id
   where t.plan_id = ? and r.period <= ? order by r.id`,
);

const changeRows = raw<{
  assignment_id: number | null;
  task_id: number;
  old_due: string | null;
  new_due: string;
  changed_at: string;
}>(
  `select c.assignment_id assignment_id, c.task_id task_id, c.old_due old_due, c.new_due new_due,
          c.changed_at changed_at
   from due_changes c join tasks t on t.id = c.task_id
   where t.plan_id = ? order by c.changed_at, c.id`,
);

/**
 * What a tally of the plan reads. `upToPeriod` keeps only reports for that month or earlier, as the
 * monthly synthesis reads them; the domain function drops reports submitted after its instant.
 */
async function inputs(q: Q, planId: string, opts: { upToPeriod?: string } = {}): Promise<TallyInput> {
  const byAssignment = new Map<number, TallyItem>();
  const items: TallyItem[] = [];
  for (const a of await leadRows(q).all(planId)) {
    const item: TallyItem = {
      assignmentId: Number(a.id),
      taskId: Number(a.task_id),
      agencyId: a.agency_id,
      section: a.section,
      kind: a.kind,
      due: a.due,
      reports: [],
    };
    items.push(item);
    byAssignment.set(item.assignmentId, item);
  }
  // "9999-12" reads every month: periods are "YYYY-MM" and compare as text.
  for (const r of await reportRows(q).all(planId, opts.upToPeriod ?? "9999-12"))
    byAssignment
      .get(Number(r.assignment_id))
      ?.reports.push({ status: r.status, submittedAt: r.submitted_at });
  const rows = await changeRows(q).all(planId);
  const changes: TallyInput["changes"] = rows.map((c) => ({
    assignmentId: c.assignment_id === null ? null : Number(c.assignment_id),
    taskId: Number(c.task_id),
    newDue: c.new_due,
    changedAt: c.changed_at,
  }));
  // The date in force before the first recorded change is that change's old date; with no change
  // recorded (or one older than the history), the date in force now stands for every day.
  for (const item of items) {
    const first = rows.find((c) =>
      c.assignment_id === null
        ? Number(c.task_id) === item.taskId
        : Number(c.assignment_id) === item.assignmentId,
    );
    if (first?.old_due) item.due = first.old_due;
  }
  return { items, changes };
}

export const tallies = { inputs };
