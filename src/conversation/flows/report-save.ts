import { reportData } from "../../choice-data.ts";
import { prepared } from "../../db/statements.ts";
import { periodLabel } from "../../domain/period.ts";
import type { Reply } from "../../messages.ts";
import { countReport } from "../../metrics.ts";
import type { Turn } from "../context.ts";
import { deadlineLabel, periodNow } from "../cycle.ts";
import type { OpenAssignment } from "../queries.ts";
import type { S } from "./report-questions.ts";

/**
 * The confirmed answers become the period's report on that assignment (an earlier one for the
 * same period is superseded, not deleted), and the flow ends in the same commit.
 */
export function saveReport(turn: Turn, s: S, a: OpenAssignment): Reply[] {
  const { sqlite } = turn.deps.database;
  const contact = turn.actor?.contacts.find((c) => c.id === s.contactId);
  if (!contact || contact.agencyId !== s.data.agencyId) return [{ text: turn.t("err-not-allowed") }];
  const period = periodNow(turn, a.planId);
  const at = turn.now.toISOString();
  sqlite.transaction(() => {
    prepared(
      sqlite,
      "update reports set superseded_at = ? where assignment_id = ? and period = ? and superseded_at is null",
    ).run(at, a.assignmentId, period);
    prepared(
      sqlite,
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, description, count, evidence,
           contact_id, chat_id, channel, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      a.assignmentId,
      a.taskId,
      s.data.agencyId,
      period,
      s.data.status,
      s.data.percent ?? null,
      s.data.description ?? null,
      s.data.count ?? null,
      s.data.evidence?.length ? JSON.stringify(s.data.evidence) : null,
      contact.id,
      turn.incoming.chatId,
      turn.incoming.channel,
      at,
    );
    // The flow ends in the same commit as the report it produced.
    turn.flows.clear(turn.incoming.chatId);
  })();
  countReport("task", turn.incoming.channel);
  return [
    {
      text: turn.t("report-saved", {
        ref: a.ref,
        period: periodLabel(period),
        deadline: deadlineLabel(turn, a.planId, period),
      }),
      choices: [[{ label: turn.t("report-another"), data: reportData() }]],
    },
  ];
}
