import { and, asc, desc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/sqlite-core";
import type { ReportStatus } from "../db/schema.ts";
import { type Q, raw, serialize, statement, transaction } from "./context.ts";
import { flows } from "./flows.ts";
import { leave } from "./leave.ts";
import { answerColumns } from "./report-columns.ts";
import { saveOnPostgres } from "./reports-pg.ts";

const p = (name: string) => sql.placeholder(name);

export type Evidence = { kind: string; url?: string; fileId?: string; name?: string };

/**
 * An agency's live assignment with its task and the status of its latest current report;
 * `extra` adds columns of that same report (no further read).
 */
function assignmentQuery<F extends SelectedFields>(q: Q, extra: F) {
  const { assignments: a, tasks: t, reports: r } = q.t;
  return q.db
    .select({
      assignmentId: a.id,
      taskId: t.id,
      planId: t.planId,
      ref: t.ref,
      title: t.title,
      role: a.role,
      kind: t.deadlineKind,
      due: sql<string | null>`coalesce(${a.dueOverride}, ${t.dueOverride}, ${t.dueDate})`,
      indicative: t.indicative,
      quota: t.quota,
      status: r.status,
      percent: r.percent,
      ...extra,
    })
    .from(a)
    .innerJoin(t, eq(t.id, a.taskId))
    .leftJoin(
      r,
      // The latest current report of each assignment: one index seek per row (reports_current).
      eq(
        r.id,
        sql`(select max(x.id) from reports x where x.assignment_id = ${a.id} and x.superseded_at is null)`,
      ),
    );
}

const openOfAgency = statement("reports_open_assignments", (q) => {
  const { assignments: a, tasks: t } = q.t;
  return assignmentQuery(q, {})
    .where(and(eq(a.agencyId, p("agencyId")), isNull(a.archivedAt), isNull(t.archivedAt)))
    .orderBy(sql`case ${a.role} when 'lead' then 0 else 1 end`, asc(t.position))
    .prepare();
});
const oneWhere = (q: Q) =>
  and(
    eq(q.t.assignments.agencyId, p("agencyId")),
    isNull(q.t.assignments.archivedAt),
    isNull(q.t.tasks.archivedAt),
    eq(q.t.assignments.id, p("id")),
  );
const openOne = statement("reports_open_assignment", (q) =>
  assignmentQuery(q, {}).where(oneWhere(q)).prepare(),
);
const openOneWithLast = statement("reports_open_assignment_last", (q) =>
  assignmentQuery(q, {
    lastPeriod: q.t.reports.period,
    lastCount: q.t.reports.count,
    lastDescription: q.t.reports.description,
    lastEvidence: q.t.reports.evidence,
  })
    .where(oneWhere(q))
    .prepare(),
);

export type OpenAssignment = Awaited<ReturnType<ReturnType<typeof openOfAgency>["execute"]>>[number];

/** An agency's live assignments with their latest status, leads first, in the plan's order. */
async function assignmentsOf(q: Q, agencyId: string): Promise<OpenAssignment[]> {
  return openOfAgency(q).execute({ agencyId });
}

/** One live assignment, only if it belongs to that agency: every button is checked here. */
async function assignmentFor(
  q: Q,
  agencyId: string,
  assignmentId: number,
): Promise<OpenAssignment | undefined> {
  const [row] = await openOne(q).execute({ agencyId, id: assignmentId });
  return row;
}

const lastRow = statement("reports_last", (q) => {
  const r = q.t.reports;
  return q.db
    .select({
      period: r.period,
      status: r.status,
      percent: r.percent,
      count: r.count,
      description: r.description,
      evidence: r.evidence,
    })
    .from(r)
    .where(and(eq(r.assignmentId, p("id")), isNull(r.supersededAt)))
    .orderBy(desc(r.id))
    .limit(1)
    .prepare();
});

export type LastReport = NonNullable<Awaited<ReturnType<typeof lastReport>>>;

/**
 * A task picked by button: the assignment as `assignmentFor` checks it, with the answers of
 * its latest current report as `lastReport` reads them, in one read.
 */
async function picked(
  q: Q,
  agencyId: string,
  assignmentId: number,
): Promise<{ assignment: OpenAssignment; last: LastReport | undefined } | undefined> {
  const [row] = await openOneWithLast(q).execute({ agencyId, id: assignmentId });
  if (!row) return undefined;
  const { lastPeriod, lastCount, lastDescription, lastEvidence, ...assignment } = row;
  const last =
    lastPeriod == null || assignment.status == null
      ? undefined
      : {
          period: lastPeriod,
          status: assignment.status,
          percent: assignment.percent,
          count: lastCount,
          description: lastDescription,
          evidence: lastEvidence,
        };
  return { assignment, last };
}

/** The answers of the assignment's latest current report, to start a new one from. */
async function lastReport(q: Q, assignmentId: number) {
  const [row] = await lastRow(q).execute({ id: assignmentId });
  return row;
}

export interface NewReport {
  assignmentId: number;
  taskId: number;
  agencyId: string;
  period: string;
  status: ReportStatus;
  percent?: number | null;
  description?: string | null;
  count?: number | null;
  evidence?: Evidence[] | null;
  contactId: number;
  chatId: string;
  channel: string;
  /**
   * The reporter's local day: when they stand in that day for someone on leave at the agency,
   * the report records for whom (store/leave.ts), in the same commit.
   */
  day?: string;
}

const supersede = statement("reports_supersede", (q) => {
  const r = q.t.reports;
  return q.db
    .update(r)
    .set({ supersededAt: p("at") as never })
    .where(and(eq(r.assignmentId, p("assignmentId")), eq(r.period, p("period")), isNull(r.supersededAt)))
    .prepare();
});
const insertReport = statement("reports_insert", (q) => {
  const names = [
    ...["assignmentId", "taskId", "agencyId", "period", "status", "percent", "description", "count"],
    ...["evidence", "contactId", "chatId", "channel", "submittedAt"],
  ];
  const values = Object.fromEntries(names.map((n) => [n, p(n)]));
  // Through the JSON column a null would be written as the text "null": the caller encodes it.
  values.evidence = sql`${p("evidence")}` as never;
  return q.db
    .insert(q.t.reports)
    .values(values as never)
    .returning({ id: q.t.reports.id })
    .prepare();
});

/**
 * Stores a report, in one transaction: it supersedes the assignment's current report for the
 * same month (kept as history), the chat's conversation ends in the same commit, and a
 * deputy's report says for whom it was made.
 */
async function save(q: Q, report: NewReport, at: Date): Promise<number> {
  const submittedAt = at.toISOString();
  if (q.dialect === "postgres" && !q.inTx) return saveOnPostgres(q, report, submittedAt);
  return transaction(q, async (tx) => {
    await serialize(tx, `report:${report.assignmentId}:${report.period}`);
    await supersede(tx).execute({
      at: submittedAt,
      assignmentId: report.assignmentId,
      period: report.period,
    });
    const [row] = await insertReport(tx).execute({
      ...report,
      ...answerColumns(report),
      submittedAt,
    });
    await flows.clear(tx, report.chatId);
    const id = (row as { id: number }).id;
    const principal =
      report.day && (await leave.standingInFor(tx, report.contactId, report.agencyId, report.day));
    if (principal && principal !== report.contactId) await leave.recordOnBehalf(tx, id, principal);
    return id;
  });
}

export interface HistoryRow {
  agency: string;
  period: string;
  status: ReportStatus;
  percent: number | null;
  description: string | null;
  superseded: string | null;
  role: "lead" | "partner";
  /** A deputy's report: who made it, and for whom (store/leave.ts). */
  principal_id: number | null;
  deputy: string | null;
  principal: string | null;
}

const history = raw<HistoryRow>(
  `select a.name as agency, r.period as period, r.status as status, r.percent as percent,
     r.description as description, r.superseded_at as superseded, s.role as role,
     b.on_behalf_of_contact_id as principal_id,
     case when b.report_id is null then null else d.name end as deputy, f.name as principal
   from reports r join agencies a on a.id = r.agency_id join assignments s on s.id = r.assignment_id
   left join report_on_behalf b on b.report_id = r.id left join contacts d on d.id = r.contact_id
   left join contacts f on f.id = b.on_behalf_of_contact_id
   where r.task_id = ? order by r.id desc limit 15`,
);

/** A task's last 15 reports, newest first, replaced ones and partners' included (/task). */
async function taskHistory(q: Q, taskId: number): Promise<HistoryRow[]> {
  return history(q).all(taskId);
}

const outboxKey = statement("reports_outbox_key", (q) =>
  q.db
    .select({ key: q.t.outbox.dedupeKey })
    .from(q.t.outbox)
    .where(and(eq(q.t.outbox.chatId, p("chatId")), eq(q.t.outbox.platformMessageId, p("messageId"))))
    .prepare(),
);
const outboxParts = statement("reports_outbox_parts", (q) => {
  const o = q.t.outbox;
  return q.db
    .select({ choices: o.choices })
    .from(o)
    .where(
      and(
        eq(o.chatId, p("chatId")),
        isNotNull(o.choices),
        or(eq(o.dedupeKey, p("base")), eq(sql`substr(${o.dedupeKey}, 1, ${p("length")})`, p("prefix"))),
      ),
    )
    .prepare();
});

/**
 * The buttons of a message the bot sent, found by the platform's message id: undefined when the
 * message is unknown, else the choices of each of its parts (a long message is sent as
 * `key#1`, `key#2`…, and only the last part carries the buttons).
 */
async function sentChoices(q: Q, chatId: string, platformMessageId: string) {
  const [row] = await outboxKey(q).execute({ chatId, messageId: platformMessageId });
  if (!row) return undefined;
  const base = row.key.replace(/#\d+$/, "");
  const parts = await outboxParts(q).execute({ chatId, base, length: base.length + 1, prefix: `${base}#` });
  return parts.map((x) => x.choices ?? []);
}

export const reports = { assignmentsOf, assignmentFor, picked, lastReport, save, taskHistory, sentChoices };
