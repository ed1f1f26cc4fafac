import { reportData } from "../../choice-data.ts";
import { dayLabel } from "../../domain/period.ts";
import type { Reply } from "../../messages.ts";
import { shortTitle } from "../../text/title.ts";
import { isCoordinator, reportingContact } from "../actor.ts";
import type { Turn } from "../context.ts";
import type { OpenAssignment } from "../queries.ts";

/** One assignment as a line: ref, short title, due date (or its kind), latest status. */
export function taskLine(turn: Turn, a: OpenAssignment): string {
  return turn.t("tasks-line", {
    ref: a.ref,
    title: shortTitle(a.title, 90),
    due: a.due ? dayLabel(a.due) : turn.t(`deadline-${a.kind}`),
    status: a.status ? turn.t(`status-${a.status}`) : turn.t("status-none"),
    percent: a.percent ?? "none",
  });
}

/** /tasks: the agency's tasks with their latest status, leads first. */
export async function tasksCommand(turn: Turn): Promise<Reply[]> {
  const contact = turn.actor ? reportingContact(turn.actor) : undefined;
  if (!contact) return [{ text: turn.t("report-not-linked") }];
  const rows = await turn.deps.store.reports.assignmentsOf(contact.agencyId);
  const line = (a: OpenAssignment) => taskLine(turn, a);
  const leads = rows.filter((a) => a.role === "lead").map(line);
  const partners = rows.filter((a) => a.role === "partner").map(line);
  return [
    {
      text: [
        turn.t("tasks-title", { agency: contact.agencyName }),
        [turn.t("tasks-lead", { count: leads.length }), ...leads].join("\n"),
        ...(partners.length
          ? [[turn.t("tasks-partner", { count: partners.length }), ...partners].join("\n")]
          : []),
      ].join("\n\n"),
      choices: [[{ label: turn.t("engine-button-report"), data: reportData() }]],
    },
  ];
}

export function helpCommand(turn: Turn): Reply[] {
  if (!turn.actor) return [{ text: `${turn.t("join-hello")}\n\n${turn.t("join-how")}` }];
  const help = turn.t(isCoordinator(turn.actor) ? "help-coordinator" : "help-focal");
  return [{ text: `${help}\n${turn.t("leave-help")}` }];
}
