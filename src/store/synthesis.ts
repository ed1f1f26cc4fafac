import type { ReportStatus } from "../db/schema.ts";
import { type Q, raw } from "./context.ts";

/**
 * The reads behind the monthly synthesis (reports/synthesis.ts): a fixed handful of set-based
 * queries per export. Aliases are snake_case (PostgreSQL folds unquoted names) and renamed here.
 */

const sectionRows = raw<{ numeral: string; title: string }>(
  "select numeral, title from sections where plan_id = ? and annex = 'tasks' order by position",
);

/** The plan's task sections (Annex II) in the document's order. */
async function taskSections(q: Q, planId: string) {
  return (await sectionRows(q).all(planId)).map((r) => ({ numeral: r.numeral, title: r.title }));
}

const deadlineRows = raw<{ id: number; deadline_text: string }>(
  "select id, deadline_text from tasks where plan_id = ?",
);

/** Each task's deadline as the document words it, by task id. */
async function deadlineTexts(q: Q, planId: string): Promise<Map<number, string>> {
  return new Map((await deadlineRows(q).all(planId)).map((r) => [Number(r.id), r.deadline_text]));
}

export interface ReportRow {
  assignmentId: number;
  period: string;
  status: ReportStatus;
  percent: number | null;
  description: string | null;
  evidence: string | null;
  submittedAt: string;
}

const reportRows = raw<{
  assignment_id: number;
  period: string;
  status: ReportStatus;
  percent: number | null;
  description: string | null;
  evidence: string | null;
  submitted_at: string;
}>(
  `select r.assignment_id assignment_id, r.period period, r.status status, r.percent percent,
          r.description description, r.evidence evidence, r.submitted_at submitted_at
   from reports r join tasks t on t.id = r.task_id
   where t.plan_id = ? and r.superseded_at is null and r.period <= ?
   order by r.period, r.id`,
);

/** Current (not superseded) reports of the plan up to a period, oldest first: the last one wins. */
async function reportsUpTo(q: Q, planId: string, period: string): Promise<ReportRow[]> {
  return (await reportRows(q).all(planId, period)).map((r) => ({
    assignmentId: Number(r.assignment_id),
    period: r.period,
    status: r.status,
    percent: r.percent === null ? null : Number(r.percent),
    description: r.description,
    evidence: r.evidence,
    submittedAt: r.submitted_at,
  }));
}

const targetRows = raw<{
  id: number;
  ref: string;
  section: string;
  title: string;
  unit: string;
  target_2026: string;
  target_2030: string;
}>(
  `select tg.id id, tg.ref ref, s.numeral section, tg.title title, tg.unit unit,
          tg.target_2026_text target_2026, tg.target_2030_text target_2030
   from targets tg join sections s on s.id = tg.section_id
   where tg.plan_id = ? and tg.archived_at is null order by s.position, tg.position`,
);

/** The plan's live Annex I targets in the document's order. */
async function liveTargets(q: Q, planId: string) {
  return (await targetRows(q).all(planId)).map((r) => ({
    id: Number(r.id),
    ref: r.ref,
    section: r.section,
    title: r.title,
    unit: r.unit,
    target2026: r.target_2026,
    target2030: r.target_2030,
  }));
}

const targetReportRows = raw<{
  target_id: number;
  agency_id: string;
  period: string;
  value: string;
  submitted_at: string;
}>(
  `select tr.target_id target_id, tr.agency_id agency_id, tr.period period, tr.value_text value,
          tr.submitted_at submitted_at
   from target_reports tr join targets tg on tg.id = tr.target_id
   where tg.plan_id = ? and tr.period <= ? order by tr.submitted_at, tr.id`,
);

/** Target values reported up to a period, oldest first: the last one per target wins. */
async function targetReportsUpTo(q: Q, planId: string, period: string) {
  return (await targetReportRows(q).all(planId, period)).map((r) => ({
    targetId: Number(r.target_id),
    agencyId: r.agency_id,
    period: r.period,
    value: r.value,
    submittedAt: r.submitted_at,
  }));
}

const focalRows = raw<{ id: number; agency_id: string; name: string | null; chat_id: string | null }>(
  `select c.id id, c.agency_id agency_id, c.name name, cc.chat_id chat_id
   from contacts c left join contact_chats cc on cc.contact_id = c.id
   where c.role = 'focal' and c.removed_at is null order by c.id, cc.chat_id`,
);

/** Focal points (people not removed), one row per chat they are reached on, by person. */
async function focalChats(q: Q) {
  return (await focalRows(q).all()).map((r) => ({
    id: Number(r.id),
    agencyId: r.agency_id,
    name: r.name,
    chatId: r.chat_id,
  }));
}

export const synthesis = {
  taskSections,
  deadlineTexts,
  reportsUpTo,
  liveTargets,
  targetReportsUpTo,
  focalChats,
};
