import { dayLabel, periodLabel } from "../../domain/period.ts";
import { isClosed, Snapshot } from "../../engine/snapshot.ts";
import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import { defaultPlanId } from "../../people/subscriptions.ts";
import { shortTitle } from "../../text/title.ts";
import type { Turn } from "../context.ts";
import { argRef } from "../input.ts";
import { clarifyLines } from "./clarify.ts";

type HistoryRow = Awaited<ReturnType<Turn["deps"]["store"]["reports"]["taskHistory"]>>[number];

/**
 * /task <ref>: one task, who leads it (as the plan names them), which lead agencies have not
 * finished it (the detail behind a "135 xã, phường" line), and its report history, with
 * replaced reports and partners' reports marked.
 */
export async function taskCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const ref = argRef(arg);
  if (!ref) throw new UserError("usage-task");
  const { store } = turn.deps;
  const task = await store.catalog.liveTask(ref);
  if (!task) throw new UserError("err-task-unknown", { ref });
  const leads = await store.catalog.taskLeadNames(task.id);
  const planId = await defaultPlanId(turn.deps.store);
  const snapshot = await new Snapshot(turn.deps.store).load({ shared: true, plan: planId });
  const names = snapshot.agencyNames();
  const assigned = snapshot.work(planId).filter((w) => w.taskId === task.id && w.role === "lead");
  const open = assigned
    .filter((w) => !isClosed(w))
    .map((w) => names.get(w.agencyId) ?? w.agencyId)
    .sort((a, b) => a.localeCompare(b, "vi"));
  const history = await store.reports.taskHistory(task.id);
  const due = task.dueOverride ?? task.dueDate;
  // Agencies with an approved extension: their own date, which the reminders follow.
  const extended = assigned
    .filter((w) => w.due !== due && w.due !== null)
    .map((w) => `${names.get(w.agencyId) ?? w.agencyId} ${dayLabel(w.due ?? "")}`);
  const marks = (h: HistoryRow) =>
    [
      h.role === "partner" ? turn.t("task-mark-partner") : "",
      h.superseded ? turn.t("task-mark-superseded") : "",
      h.principal_id != null
        ? turn.t("leave-mark-on-behalf", { deputy: h.deputy ?? "—", principal: h.principal ?? "—" })
        : "",
    ]
      .filter(Boolean)
      .map((m) => ` (${m})`)
      .join("");
  return [
    {
      text: [
        `${task.ref} ${task.title}`,
        turn.t("task-leads", { leads: leads.join("; ") || "—", count: assigned.length }),
        turn.t("task-deadline", { text: task.deadlineText, due: due ? dayLabel(due) : "—" }),
        ...(extended.length ? [turn.t("task-extended", { agencies: extended.join(", ") })] : []),
        turn.t("task-output", { output: task.output || "—" }),
        ...(open.length
          ? [turn.t("task-open", { count: open.length, total: assigned.length, agencies: open.join(", ") })]
          : []),
        turn.t("task-history", { count: history.length }),
        ...history.map(
          (h) =>
            turn.t("task-history-line", {
              agency: h.agency,
              period: periodLabel(h.period),
              status: turn.t(`status-${h.status}`),
              percent: h.percent ?? "none",
              description: h.description ? shortTitle(h.description, 100) : "none",
            }) + marks(h),
        ),
        ...(await clarifyLines(turn, task.id)),
      ].join("\n"),
    },
  ];
}
