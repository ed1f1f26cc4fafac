import type pg from "pg";
import type { Q } from "./context.ts";
import { answerColumns } from "./report-columns.ts";
import type { NewReport } from "./reports.ts";

/** The report, the supersede of the one it replaces and the end of the flow: one statement. */
const SAVE_SQL = `with old as (
    update reports set superseded_at = $1
    where assignment_id = $2 and period = $3 and superseded_at is null
  ), gone as (delete from flows where chat_id = $4)
  insert into reports (assignment_id, task_id, agency_id, period, status, percent, description,
    count, evidence, contact_id, chat_id, channel, submitted_at)
  values ($2, $5, $6, $3, $7, $8, $9, $10, $11, $12, $4, $13, $1)
  returning id`;

const PERIOD = /^\d{4}-\d{2}$/;

/**
 * `reports.save` on PostgreSQL in three round trips instead of six. BEGIN and the lock on the
 * assignment's month go as one text (the lock's key is an integer and a checked period, so it
 * is written into it), then the statement above, then COMMIT. The lock is the one `serialize`
 * takes, so a save in another transaction waits for this one. It comes before the statement:
 * a statement reads as of its start, and one waiting on a row lock inside it would still miss
 * a report another save added meanwhile.
 */
export async function saveOnPostgres(q: Q, report: NewReport, at: string): Promise<number> {
  if (!Number.isInteger(report.assignmentId) || !PERIOD.test(report.period))
    throw new Error("store: a report needs an integer assignment and a yyyy-mm period");
  const pool = (q.db as unknown as { session: { client: pg.Pool } }).session.client;
  const client = await pool.connect();
  try {
    await client.query(
      `begin; select pg_advisory_xact_lock(hashtext('report:${report.assignmentId}:${report.period}'))`,
    );
    const answers = answerColumns(report);
    const { rows } = await client.query<{ id: number }>(SAVE_SQL, [
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
    ]);
    await client.query("commit");
    client.release();
    return (rows[0] as { id: number }).id;
  } catch (e) {
    // A connection that cannot even roll back is not handed to the next caller.
    const failed = await client.query("rollback").then(
      () => undefined,
      (err: Error) => err,
    );
    client.release(failed);
    throw e;
  }
}
