import { pgQuery, type Q } from "./context.ts";
import { standingInForSql } from "./leave.ts";
import { answerColumns } from "./report-columns.ts";
import type { NewReport } from "./reports.ts";

/**
 * The report, the supersede of the one it replaces, the end of the flow and, for a deputy,
 * whom it was made for (the person on leave `leave.standingInFor` finds on that day): one
 * statement. The insert reads from `old` so the supersede runs first: a WITH part nobody reads
 * runs after the main statement, and the new report would meet the one it replaces in the
 * unique index.
 */
const SAVE_SQL = `with old as (
    update reports set superseded_at = $1
    where assignment_id = $2 and period = $3 and superseded_at is null
    returning id
  ), gone as (delete from flows where chat_id = $4),
  saved as (
    insert into reports (assignment_id, task_id, agency_id, period, status, percent, description,
      count, evidence, contact_id, chat_id, channel, submitted_at)
    select $2, $5, $6, $3, $7, $8, $9, $10, $11, $12, $4, $13, $1 from (select count(*) from old) superseded
    returning id
  ), principal as (
    select contact_id from (${standingInForSql("$12", "$6", "$14")}) standing
    where contact_id <> $12
  ), behalf as (
    insert into report_on_behalf (report_id, on_behalf_of_contact_id)
    select saved.id, principal.contact_id from saved, principal
  )
  select id from saved`;

/** How often a save is tried again after another save of the same month committed first. */
const ATTEMPTS = 5;

/**
 * `reports.save` on PostgreSQL: one statement, committed on its own, one round trip.
 * Two saves of the same assignment and month at once both read before either commits; the
 * second then meets the first's report in the unique index `reports_one_current`, fails
 * whole (its flow is still there, nothing half-written), and is tried again, when it reads
 * the first's report and supersedes it as any later save would.
 */
export async function saveOnPostgres(q: Q, report: NewReport, at: string): Promise<number> {
  const answers = answerColumns(report);
  const values = [
    at,
    report.assignmentId,
    report.period,
    report.chatId,
    report.taskId,
    report.agencyId,
    report.status,
    answers.percent,
    answers.description,
    answers.count,
    answers.evidence,
    report.contactId,
    report.channel,
    report.day ?? null,
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await pgQuery<{ id: number }>(q, SAVE_SQL, values);
      return (rows[0] as { id: number }).id;
    } catch (e) {
      if (attempt >= ATTEMPTS || !isOneCurrentConflict(e)) throw e;
    }
  }
}

function isOneCurrentConflict(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string };
  return err.code === "23505" && err.constraint === "reports_one_current";
}
