import { dayLabel, periodLabel } from "../../domain/period.ts";
import { isClosed, Snapshot } from "../../engine/snapshot.ts";
import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import { defaultPlanId } from "../../people/subscriptions.ts";
import { shortTitle } from "../../text/title.ts";
import type { Turn } from "../context.ts";

interface TaskRow {
  id: number;
  ref: string;
  title: string;
  output: string;
  deadline_text: string;
  due_date: string | null;
  due_override: string | null;
}

interface HistoryRow {
  agency: string;
  period: string;
  status: string;
  percent: number | null;
  description: string | null;
  superseded: string | null;
  role: string;
}

/**
 * /task <ref>: one task, who leads it (as the plan names them), which lead agencies have not
 * finished it (the detail behind a "135 xã, phường" line), and its report history, with
 * replaced reports and partners' reports marked.
 */
export async function taskCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const ref = arg.trim().toUpperCase();
  if (!ref) throw new UserError("usage-task");
  const { sqlite } = turn.deps.database;
  const task = sqlite
    .prepare("select * from tasks where ref = ? and archived_at is null order by id limit 1")
    .get(ref) as TaskRow | undefined;
  if (!task) throw new UserError("err-task-unknown", { ref });
  const leads = sqlite
    .prepare(
      `select coalesce(a.name, g.name) name from task_leads l left join agencies a on a.id = l.agency_id
       left join agency_groups g on g.id = l.group_id where l.task_id = ? order by l.position`,
    )
    .all(task.id) as { name: string }[];
  const planId = defaultPlanId(turn.deps.database.db);
  const snapshot = await new Snapshot(turn.deps.store).load({ shared: true, plan: planId });
  const names = snapshot.agencyNames();
  const assigned = snapshot.work(planId).filter((w) => w.taskId === task.id && w.role === "lead");
  const open = assigned
    .filter((w) => !isClosed(w))
    .map((w) => names.get(w.agencyId) ?? w.agencyId)
    .sort((a, b) => a.localeCompare(b, "vi"));
  const history = sqlite
    .prepare(
      `select a.name agency, r.period period, r.status status, r.percent percent, r.description description,
         r.superseded_at superseded, s.role role
       from reports r join agencies a on a.id = r.agency_id join assignments s on s.id = r.assignment_id
       where r.task_id = ? order by r.id desc limit 15`,
    )
    .all(task.id) as HistoryRow[];
  const due = task.due_override ?? task.due_date;
  const marks = (h: HistoryRow) =>
    [
      h.role === "partner" ? turn.t("task-mark-partner") : "",
      h.superseded ? turn.t("task-mark-superseded") : "",
    ]
      .filter(Boolean)
      .map((m) => ` (${m})`)
      .join("");
  return [
    {
      text: [
        `${task.ref} ${task.title}`,
        turn.t("task-leads", { leads: leads.map((l) => l.name).join("; ") || "—", count: assigned.length }),
        turn.t("task-deadline", { text: task.deadline_text, due: due ? dayLabel(due) : "—" }),
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
      ].join("\n"),
    },
  ];
}
