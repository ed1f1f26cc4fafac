import { findAgency } from "../../catalog/agency-lookup.ts";
import { dayLabel, parseDay, periodDeadline, periodLabel, periodOf } from "../../domain/period.ts";
import { missingLines, overdueBlocks, shortTitle } from "../../engine/compose.ts";
import { completeness, isClosed, requiredByAgency, Snapshot } from "../../engine/snapshot.ts";
import { UserError } from "../../errors.ts";
import { defaultPlanId, subscribe, unsubscribe } from "../../people/subscriptions.ts";
import { checkReportMonth } from "../../reports/months.ts";
import { findPlan } from "../../reports/synthesis-queries.ts";
import type { Turn } from "../context.ts";
import { createInvite } from "../invites.ts";
import { assignmentsOf } from "../queries.ts";
import type { Reply } from "../types.ts";
import { taskLine } from "./focal.ts";

const text = (t: string): Reply[] => [{ text: t }];

function today(turn: Turn): string {
  return turn.deps.calendar.localDate(turn.now);
}

/** /overdue [agency|section]: overdue lead assignments, tasks late at many agencies as one line. */
export function overdueCommand(turn: Turn, arg: string): Reply[] {
  const snapshot = new Snapshot(turn.deps.sqlite);
  const day = today(turn);
  const planId = defaultPlanId(turn.deps.database.db);
  const section = /^[IVX]+$/i.test(arg) ? arg.toUpperCase() : undefined;
  const agencyId = arg && !section ? findAgency(turn.deps.database.db, arg).id : undefined;
  const late = snapshot
    .work(planId)
    .filter((w) => w.role === "lead" && !isClosed(w) && w.due && w.due < day && w.kind !== "milestones")
    .filter((w) => (!section || w.section === section) && (!agencyId || w.agencyId === agencyId));
  if (late.length === 0) return text(turn.t("overdue-none"));
  const blocks = overdueBlocks(
    turn.deps.i18n,
    turn.lang,
    late,
    snapshot.agencyNames(),
    snapshot.agencyKinds(),
    day,
  );
  const agencies = new Set(late.map((w) => w.agencyId)).size;
  return text([turn.t("overdue-title", { count: late.length, agencies }), ...blocks].join("\n\n"));
}

/** /missing [YYYY-MM]: agencies with no complete report for the period. */
export function missingCommand(turn: Turn, arg: string): Reply[] {
  const day = today(turn);
  const planId = defaultPlanId(turn.deps.database.db);
  const plan = findPlan(turn.deps.sqlite, planId);
  const period = arg ? checkReportMonth(arg, plan, turn.now, turn.deps.calendar) : periodOf(day);
  const snapshot = new Snapshot(turn.deps.sqlite);
  const names = snapshot.agencyNames();
  const states = completeness(
    requiredByAgency(snapshot.work(planId)),
    snapshot.reportedIn(period, planId),
  ).filter((c) => c.missing.length > 0);
  const head = turn.t("missing-title", {
    period: periodLabel(period),
    deadline: dayLabel(periodDeadline(period)),
    count: states.length,
  });
  if (states.length === 0) return text(`${head}\n${turn.t("missing-none")}`);
  const lines = missingLines(turn.deps.i18n, turn.lang, states, names, snapshot.agencyKinds(), day);
  return text([head, ...lines].join("\n"));
}

/** /status <agency>: that agency's tasks and latest reports. */
export function statusCommand(turn: Turn, arg: string): Reply[] {
  if (!arg) throw new UserError("usage-status");
  const agency = findAgency(turn.deps.database.db, arg);
  const rows = assignmentsOf(turn.deps.sqlite, agency.id).filter((a) => a.role === "lead");
  const lines = rows.map((a) => taskLine(turn, a));
  return text([turn.t("status-title", { agency: agency.name, count: rows.length }), ...lines].join("\n"));
}

/** /task <ref>: one task, its detail and its history across agencies. */
export function taskCommand(turn: Turn, arg: string): Reply[] {
  const ref = arg.trim().toUpperCase();
  if (!ref) throw new UserError("usage-task");
  const task = turn.deps.sqlite
    .prepare("select * from tasks where ref = ? and archived_at is null order by id limit 1")
    .get(ref) as
    | {
        id: number;
        ref: string;
        title: string;
        output: string;
        deadline_text: string;
        due_date: string | null;
        due_override: string | null;
      }
    | undefined;
  if (!task) throw new UserError("err-task-unknown", { ref });
  const history = turn.deps.sqlite
    .prepare(
      `select a.name agency, r.period period, r.status status, r.percent percent, r.description description, r.submitted_at at
       from reports r join agencies a on a.id = r.agency_id where r.task_id = ? order by r.id desc limit 15`,
    )
    .all(task.id) as {
    agency: string;
    period: string;
    status: string;
    percent: number | null;
    description: string | null;
    at: string;
  }[];
  const due = task.due_override ?? task.due_date;
  return text(
    [
      `${task.ref} ${task.title}`,
      turn.t("task-deadline", { text: task.deadline_text, due: due ? dayLabel(due) : "—" }),
      turn.t("task-output", { output: task.output || "—" }),
      turn.t("task-history", { count: history.length }),
      ...history.map((h) =>
        turn.t("task-history-line", {
          agency: h.agency,
          period: periodLabel(h.period),
          status: turn.t(`status-${h.status}`),
          percent: h.percent ?? "none",
          description: h.description ? shortTitle(h.description, 100) : "none",
        }),
      ),
    ].join("\n"),
  );
}

/** /setdue <ref> <YYYY-MM-DD>: gives a task (usually a dependent one) its date. */
export function setDueCommand(turn: Turn, arg: string): Reply[] {
  const [ref = "", date = ""] = arg.split(/\s+/);
  if (!ref || !date) throw new UserError("usage-setdue");
  const day = parseDay(date);
  const r = turn.deps.sqlite
    .prepare("update tasks set due_override = ? where ref = ? and archived_at is null")
    .run(day, ref.toUpperCase());
  if (r.changes === 0) throw new UserError("err-task-unknown", { ref: ref.toUpperCase() });
  return text(turn.t("setdue-done", { ref: ref.toUpperCase(), due: dayLabel(day) }));
}

/** /remind <agency>: a manual nudge to its focal points, through the outbox, now. */
export async function remindCommand(turn: Turn, arg: string): Promise<Reply[]> {
  if (!arg) throw new UserError("usage-remind");
  const agency = findAgency(turn.deps.database.db, arg);
  const focal = turn.deps.sqlite
    .prepare(
      `select c.id id, cc.chat_id chat, c.lang lang from contacts c join contact_chats cc on cc.contact_id = c.id
       join chats ch on ch.id = cc.chat_id where c.agency_id = ? and c.role = 'focal' and c.removed_at is null and ch.unreachable_at is null`,
    )
    .all(agency.id) as { id: number; chat: string; lang: "vi" | "en" }[];
  if (focal.length === 0) return text(turn.t("remind-nobody", { agency: agency.name }));
  const period = periodOf(today(turn));
  const stamp = turn.now.toISOString();
  turn.deps.outbox.add(
    focal.map((f) => ({
      dedupeKey: `manual:${agency.id}:${stamp}:contact-${f.id}:${f.chat}`,
      chatId: f.chat,
      contactId: f.id,
      agencyId: agency.id,
      kind: "manual-remind",
      text: turn.deps.i18n.t(f.lang, "remind-text", {
        agency: agency.name,
        period: periodLabel(period),
        deadline: dayLabel(periodDeadline(period)),
      }),
      choices: [[{ label: turn.deps.i18n.t(f.lang, "engine-button-report"), data: "rp" }]],
      sendAfter: stamp,
    })),
  );
  await turn.deps.engine?.dispatchNow(turn.now);
  return text(turn.t("remind-done", { agency: agency.name, count: focal.length }));
}

/** /invite <agency> [role]: a one-time code and link for a new person. */
export function inviteCommand(turn: Turn, arg: string): Reply[] {
  const parts = arg.trim().split(/\s+/);
  const roles = ["focal", "head", "coordinator"];
  const role = parts.length > 1 && roles.includes(parts.at(-1) ?? "") ? (parts.pop() as string) : "focal";
  const agency = parts.join(" ");
  if (!agency) throw new UserError("usage-invite");
  const invite = createInvite(
    turn.deps.database.db,
    turn.deps.sqlite,
    { agency, role, createdBy: turn.incoming.userId },
    turn.now,
  );
  const link = turn.deps.botUsername ? `https://t.me/${turn.deps.botUsername}?start=${invite.code}` : "";
  return text(
    turn.t("invite-created", {
      agency: invite.agencyName,
      role: turn.t(`role-${invite.role}`),
      code: invite.code,
      link: link || "none",
      expires: dayLabel(turn.deps.calendar.localDate(new Date(invite.expiresAt))),
    }),
  );
}

export function subscribeCommand(turn: Turn, arg: string): Reply[] {
  const scope = subscribe(
    turn.deps.database.db,
    { chat: turn.incoming.chatId, scope: arg, lang: turn.lang },
    turn.now.toISOString(),
  );
  return text(turn.t("subscribe-done", { scope: JSON.stringify(scope) }));
}

export function unsubscribeCommand(turn: Turn): Reply[] {
  return text(
    turn.t(
      unsubscribe(turn.deps.database.db, turn.incoming.chatId) ? "unsubscribe-done" : "unsubscribe-none",
    ),
  );
}
