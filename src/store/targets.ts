import { and, desc, eq, sql } from "drizzle-orm";
import { type Q, raw, statement, transaction } from "./context.ts";
import { flows } from "./flows.ts";

const p = (name: string) => sql.placeholder(name);

/** An Annex I target as the /kpi conversation shows it. */
export interface TrackedTarget {
  id: number;
  /** The plan whose rules (deadline day) a value reported now follows. */
  planId: string;
  ref: string;
  title: string;
  unit: string;
  t2026: string;
  v2026: number | null;
  t2030: string;
}

// PostgreSQL wants a DISTINCT query's ORDER BY in its select list, hence `position`.
const tracked = raw<TrackedTarget & { position: number }>(
  `select distinct t.id as "id", t.plan_id as "planId", t.ref as "ref", t.title as "title", t.unit as "unit",
          t.target_2026_text as "t2026", t.target_2026_value as "v2026", t.target_2030_text as "t2030",
          t.position as "position"
   from targets t join target_trackers tt on tt.target_id = t.id
   where t.archived_at is null
     and (tt.agency_id = ? or tt.group_id in (select group_id from group_members where agency_id = ?))
   order by t.position`,
);

/** Annex I targets the agency tracks, named outright or through a group it belongs to. */
async function trackedBy(q: Q, agencyId: string): Promise<TrackedTarget[]> {
  const rows = await tracked(q).all(agencyId, agencyId);
  return rows.map(({ position: _position, ...t }) => ({
    ...t,
    v2026: t.v2026 === null ? null : Number(t.v2026),
  }));
}

const lastValue = statement("targets_last_value", (q) => {
  const r = q.t.targetReports;
  return q.db
    .select({ v: r.valueText })
    .from(r)
    .where(and(eq(r.targetId, p("targetId")), eq(r.agencyId, p("agencyId"))))
    .orderBy(desc(r.id))
    .limit(1)
    .prepare();
});

/** The value the agency last reported for a target, as typed. */
async function lastReported(q: Q, targetId: number, agencyId: string): Promise<string | undefined> {
  const [row] = await lastValue(q).execute({ targetId, agencyId });
  return row?.v;
}

export interface NewTargetReport {
  targetId: number;
  agencyId: string;
  period: string;
  valueText: string;
  value: number | null;
  contactId: number | null;
  chatId: string;
}

const insertReport = statement("targets_report_insert", (q) => {
  const names = [
    "targetId",
    "agencyId",
    "period",
    "valueText",
    "value",
    "contactId",
    "chatId",
    "submittedAt",
  ];
  return q.db
    .insert(q.t.targetReports)
    .values(Object.fromEntries(names.map((n) => [n, p(n)])) as never)
    .returning({ id: q.t.targetReports.id })
    .prepare();
});

/** Stores a reported value (every submission is kept); the chat's conversation ends in the same commit. */
async function save(q: Q, report: NewTargetReport, at: Date): Promise<number> {
  return transaction(q, async (tx) => {
    const [row] = await insertReport(tx).execute({ ...report, submittedAt: at.toISOString() });
    await flows.clear(tx, report.chatId);
    return (row as { id: number }).id;
  });
}

export const targets = { trackedBy, lastReported, save };
