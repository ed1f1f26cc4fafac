import { reportData } from "../../choice-data.ts";
import type { ReportStatus } from "../../db/schema.ts";
import { periodLabel } from "../../domain/period.ts";
import type { Reply } from "../../messages.ts";
import { countReport } from "../../metrics.ts";
import type { Turn } from "../context.ts";
import { deadlineLabel, periodNow } from "../cycle.ts";
import type { OpenAssignment } from "../queries.ts";
import { answeredByReport } from "./clarify.ts";
import type { S } from "./report-questions.ts";

/**
 * The confirmed answers become the period's report on that assignment (an earlier one for the
 * same period is superseded, not deleted), and the flow ends in the same commit.
 */
export async function saveReport(turn: Turn, s: S, a: OpenAssignment): Promise<Reply[]> {
  const contact = turn.actor?.contacts.find((c) => c.id === s.contactId);
  if (!contact || contact.agencyId !== s.data.agencyId) return [{ text: turn.t("err-not-allowed") }];
  const period = periodNow(turn, a.planId);
  const { store } = turn.deps;
  const reportId = await store.reports.save(
    {
      assignmentId: a.assignmentId,
      taskId: a.taskId,
      agencyId: s.data.agencyId,
      period,
      // The summary that confirms is only shown once a status is picked.
      status: s.data.status as ReportStatus,
      percent: s.data.percent,
      description: s.data.description,
      count: s.data.count,
      evidence: s.data.evidence,
      contactId: contact.id,
      chatId: turn.incoming.chatId,
      channel: turn.incoming.channel,
      // A deputy's report says for whom it was made, and the flow ends, in the same commit.
      day: turn.deps.calendar.localDate(turn.now),
    },
    turn.now,
  );
  countReport("task", turn.incoming.channel);
  const answered =
    s.data.clarificationId === undefined
      ? ""
      : await answeredByReport(turn, s.data.clarificationId, {
          id: reportId,
          contactId: contact.id,
          description: s.data.description ?? null,
        });
  return [
    {
      text: [
        turn.t("report-saved", {
          ref: a.ref,
          period: periodLabel(period),
          deadline: deadlineLabel(turn, a.planId, period),
        }),
        answered,
      ]
        .filter(Boolean)
        .join("\n"),
      choices: [[{ label: turn.t("report-another"), data: reportData() }]],
    },
  ];
}
