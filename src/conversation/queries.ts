import type Database from "better-sqlite3";
import { prepared } from "../db/statements.ts";
import { isClosed } from "../domain/closed.ts";

export interface OpenAssignment {
  assignmentId: number;
  taskId: number;
  /** The plan whose rules (deadline day) a report on this assignment follows. */
  planId: string;
  ref: string;
  title: string;
  role: "lead" | "partner";
  kind: string;
  due: string | null;
  indicative: number;
  quota: string | null;
  status: string | null;
  percent: number | null;
}

/** The latest current report of each assignment, one index seek per row (reports_latest). */
const LATEST = `left join reports ls on ls.id = (
  select max(r.id) from reports r where r.assignment_id = a.id and r.superseded_at is null
)`;

/** An agency's live assignments with their latest status, leads first, in the plan's order. */
const SELECT = `select a.id assignmentId, t.id taskId, t.plan_id planId, t.ref ref, t.title title, a.role role, t.deadline_kind kind,
       coalesce(t.due_override, t.due_date) due, t.indicative indicative, t.quota quota, ls.status status, ls.percent percent
  from assignments a join tasks t on t.id = a.task_id ${LATEST}
  where a.agency_id = ? and a.archived_at is null and t.archived_at is null`;

export function assignmentsOf(sqlite: Database.Database, agencyId: string): OpenAssignment[] {
  return prepared(sqlite, `${SELECT} order by case a.role when 'lead' then 0 else 1 end, t.position`).all(
    agencyId,
  ) as OpenAssignment[];
}

/** One live assignment, only if it belongs to that agency: every button is checked here. */
export function assignmentFor(
  sqlite: Database.Database,
  agencyId: string,
  assignmentId: number,
): OpenAssignment | undefined {
  return prepared(sqlite, `${SELECT} and a.id = ?`).get(agencyId, assignmentId) as OpenAssignment | undefined;
}

export function isOpen(a: OpenAssignment): boolean {
  return !isClosed(a);
}
