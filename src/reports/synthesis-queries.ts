import { TZDate } from "@date-fns/tz";
import type Database from "better-sqlite3";
import { format } from "date-fns";
import type { ReportStatus } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { TargetRow } from "./model.ts";

/** The reads behind the monthly synthesis: a fixed handful of set-based queries per export. */

export interface ReportRow {
  assignmentId: number;
  period: string;
  status: ReportStatus;
  percent: number | null;
  description: string | null;
  evidence: string | null;
  submittedAt: string;
}

/** An instant as local wall time, "YYYY-MM-DDTHH:mm". */
export function localTime(iso: string, zone: string): string {
  return format(new TZDate(Date.parse(iso), zone), "yyyy-MM-dd'T'HH:mm");
}

export function findPlan(sqlite: Database.Database, planId?: string): { id: string; title: string } {
  const plans = sqlite.prepare("select id, title from plans order by imported_at").all() as {
    id: string;
    title: string;
  }[];
  const plan = planId ? plans.find((p) => p.id === planId) : plans[0];
  if (!plan) throw new UserError(planId ? "err-plan-unknown" : "err-no-plan", { plan: planId ?? "" });
  return plan;
}

export function taskSections(sqlite: Database.Database, planId: string) {
  return sqlite
    .prepare("select numeral, title from sections where plan_id = ? and annex = 'tasks' order by position")
    .all(planId) as { numeral: string; title: string }[];
}

export function deadlineTexts(sqlite: Database.Database, planId: string): Map<number, string> {
  const rows = sqlite.prepare("select id, deadline_text from tasks where plan_id = ?").raw().all(planId) as [
    number,
    string,
  ][];
  return new Map(rows);
}

export function agencyRows(sqlite: Database.Database) {
  return sqlite.prepare("select id, name, kind from agencies").all() as {
    id: string;
    name: string;
    kind: string;
  }[];
}

/** Current (not superseded) reports of the plan up to a period, oldest first: the last one wins. */
export function reportsUpTo(sqlite: Database.Database, planId: string, period: string): ReportRow[] {
  return sqlite
    .prepare(
      `select r.assignment_id assignmentId, r.period period, r.status status, r.percent percent,
              r.description description, r.evidence evidence, r.submitted_at submittedAt
       from reports r join tasks t on t.id = r.task_id
       where t.plan_id = ? and r.superseded_at is null and r.period <= ?
       order by r.period, r.id`,
    )
    .all(planId, period) as ReportRow[];
}

function targetRows(sqlite: Database.Database, planId: string) {
  return sqlite
    .prepare(
      `select tg.id id, tg.ref ref, s.numeral section, tg.title title, tg.unit unit,
              tg.target_2026_text target2026, tg.target_2030_text target2030
       from targets tg join sections s on s.id = tg.section_id
       where tg.plan_id = ? and tg.archived_at is null order by s.position, tg.position`,
    )
    .all(planId) as (Omit<TargetRow, "latest"> & { id: number })[];
}

/** Target values reported up to a period, oldest first: the last one per target wins. */
function targetReportsUpTo(sqlite: Database.Database, planId: string, period: string) {
  return sqlite
    .prepare(
      `select tr.target_id targetId, tr.agency_id agencyId, tr.period period, tr.value_text value,
              tr.submitted_at submittedAt
       from target_reports tr join targets tg on tg.id = tr.target_id
       where tg.plan_id = ? and tr.period <= ? order by tr.submitted_at, tr.id`,
    )
    .all(planId, period) as {
    targetId: number;
    agencyId: string;
    period: string;
    value: string;
    submittedAt: string;
  }[];
}

/** Focal points by agency (people not removed), with every chat they are reached on. */
export function focalPoints(
  sqlite: Database.Database,
): Map<string, { name: string | null; chats: string[] }[]> {
  const rows = sqlite
    .prepare(
      `select c.id id, c.agency_id agencyId, c.name name, cc.chat_id chatId
       from contacts c left join contact_chats cc on cc.contact_id = c.id
       where c.role = 'focal' and c.removed_at is null order by c.id, cc.chat_id`,
    )
    .all() as { id: number; agencyId: string; name: string | null; chatId: string | null }[];
  const byContact = new Map<number, { agencyId: string; name: string | null; chats: string[] }>();
  for (const r of rows) {
    const c = byContact.get(r.id) ?? { agencyId: r.agencyId, name: r.name, chats: [] };
    if (r.chatId) c.chats.push(r.chatId);
    byContact.set(r.id, c);
  }
  const out = new Map<string, { name: string | null; chats: string[] }[]>();
  for (const { agencyId, ...c } of byContact.values()) out.set(agencyId, [...(out.get(agencyId) ?? []), c]);
  return out;
}

/** Annex I targets with the latest value reported up to the period, and who reported it. */
export function latestTargets(
  sqlite: Database.Database,
  o: { planId: string; period: string; names: Map<string, string>; zone: string },
): TargetRow[] {
  const latest = new Map(targetReportsUpTo(sqlite, o.planId, o.period).map((r) => [r.targetId, r]));
  return targetRows(sqlite, o.planId).map(({ id, ...t }) => {
    const r = latest.get(id);
    return {
      ...t,
      latest: r
        ? {
            value: r.value,
            agencyId: r.agencyId,
            agencyName: o.names.get(r.agencyId) ?? r.agencyId,
            period: r.period,
            reportedAt: localTime(r.submittedAt, o.zone),
          }
        : null,
    };
  });
}
