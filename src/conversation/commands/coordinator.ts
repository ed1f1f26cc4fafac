import { lookupAgency } from "../../catalog/agency-lookup.ts";
import { dayLabel, periodLabel } from "../../domain/period.ts";
import { emptyCounts } from "../../domain/tally.ts";
import { isYmd } from "../../domain/working-time.ts";
import { reportedShares } from "../../engine/collapse.ts";
import { missingLines, overdueBlocks } from "../../engine/compose.ts";
import { scopeText } from "../../engine/digest.ts";
import { headsAwayBlock } from "../../engine/leave-routing.ts";
import { completeness, isClosed, requiredByAgency, Snapshot } from "../../engine/snapshot.ts";
import { loadTally, tallyLines } from "../../engine/tally.ts";
import { UserError } from "../../errors.ts";
import type { Reply } from "../../messages.ts";
import { defaultPlanId, subscribe, unsubscribe } from "../../people/subscriptions.ts";
import { checkReportMonth } from "../../reports/months.ts";
import { pickPlan } from "../../reports/synthesis-queries.ts";
import { foldAccents } from "../../text/normalize.ts";
import { auditActor } from "../actor.ts";
import type { Turn } from "../context.ts";
import { deadlineLabel, periodNow } from "../cycle.ts";
import { argRef } from "../input.ts";
import { createInvite } from "../invites.ts";
import { taskLine } from "./focal.ts";
import { parseInviteArgs } from "./invite-args.ts";
import { routeContext } from "./remind.ts";

const text = (t: string): Reply[] => [{ text: t }];

/** A day as people type it: 31/03/2027 (as the bot prints dates), 31-3-2027, or 2027-03-31. */
export function readDay(value: string): string {
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
  const day = dmy ? `${dmy[3]}-${dmy[2]?.padStart(2, "0")}-${dmy[1]?.padStart(2, "0")}` : value.trim();
  if (!isYmd(day)) throw new UserError("err-day", { value });
  return day;
}

function today(turn: Turn): string {
  return turn.deps.calendar.localDate(turn.now);
}

/** /overdue [agency|section]: overdue lead assignments, tasks late at many agencies as one line. */
export async function overdueCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const day = today(turn);
  const planId = await defaultPlanId(turn.deps.store);
  const snapshot = await new Snapshot(turn.deps.store).load({
    shared: true,
    plan: planId,
    periods: [periodNow(turn, planId)],
  });
  const section = /^[IVX]+$/i.test(arg) ? arg.toUpperCase() : undefined;
  const agencyId = arg && !section ? (await lookupAgency(turn.deps.store, arg)).id : undefined;
  const late = snapshot
    .work(planId)
    .filter((w) => w.role === "lead" && !isClosed(w) && w.due && w.due < day && w.kind !== "milestones")
    .filter((w) => (!section || w.section === section) && (!agencyId || w.agencyId === agencyId));
  if (late.length === 0) return text(turn.t("overdue-none"));
  const shares = reportedShares(
    completeness(
      requiredByAgency(snapshot.work(planId)),
      snapshot.reportedIn(periodNow(turn, planId), planId),
    ),
  );
  const blocks = overdueBlocks(
    turn.deps.i18n,
    turn.lang,
    late,
    snapshot.agencyNames(),
    snapshot.agencyKinds(),
    day,
    shares,
  );
  const agencies = new Set(late.map((w) => w.agencyId)).size;
  const away = headsAwayBlock(routeContext(turn, snapshot), turn.lang, late, day);
  return text([turn.t("overdue-title", { count: late.length, agencies }), ...blocks, ...away].join("\n\n"));
}

/** /missing [YYYY-MM]: agencies with no complete report for the period. */
export async function missingCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const day = today(turn);
  const planId = await defaultPlanId(turn.deps.store);
  const plan = pickPlan(await turn.deps.store.snapshot.plans(), planId);
  const period = arg ? checkReportMonth(arg, plan, turn.now, turn.deps.calendar) : periodNow(turn, planId);
  const snapshot = await new Snapshot(turn.deps.store).load({
    shared: true,
    plan: planId,
    periods: [period],
  });
  const names = snapshot.agencyNames();
  const states = completeness(
    requiredByAgency(snapshot.work(planId)),
    snapshot.reportedIn(period, planId),
  ).filter((c) => c.missing.length > 0);
  const head = turn.t("missing-title", {
    period: periodLabel(period),
    deadline: deadlineLabel(turn, planId, period),
    count: states.length,
  });
  if (states.length === 0) return text(`${head}\n${turn.t("missing-none")}`);
  const lines = missingLines(turn.deps.i18n, turn.lang, states, names, snapshot.agencyKinds(), day);
  const away = headsAwayBlock(routeContext(turn, snapshot), turn.lang, states, day);
  return text([head, ...lines, ...away.map((block) => `\n${block}`)].join("\n"));
}

/**
 * /status [agency]: that agency's tasks and latest reports, then its on-time tally; with no
 * agency, the tally of the whole plan and how to ask for one agency.
 */
export async function statusCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const planId = await defaultPlanId(turn.deps.store);
  const when = { at: turn.now, timeZone: turn.deps.calendar.timeZone };
  const day = today(turn);
  if (!arg) {
    const whole = await loadTally(turn.deps.store, planId, when);
    const lines = tallyLines(turn.deps.i18n, turn.lang, whole.total, { day, of: "plan" });
    return text([...lines, "", turn.t("usage-status")].join("\n"));
  }
  const agency = await lookupAgency(turn.deps.store, arg);
  const rows = (await turn.deps.store.reports.assignmentsOf(agency.id)).filter((a) => a.role === "lead");
  const lines = rows.map((a) => taskLine(turn, a));
  const mine = await loadTally(turn.deps.store, planId, when, { keep: (i) => i.agencyId === agency.id });
  const counts = mine.byAgency.get(agency.id) ?? emptyCounts();
  return text(
    [
      turn.t("status-title", { agency: agency.name, count: rows.length }),
      ...lines,
      "",
      ...tallyLines(turn.deps.i18n, turn.lang, counts, { day, of: "agency" }),
    ].join("\n"),
  );
}

/** Words that confirm a date in the past: "/dathan V.9 01/01/2026 xac nhan". */
const CONFIRM = /^(xac ?nhan|dong y|confirm)$/;
/** Said alone, these confirm too; in a sentence they are only words of the reason. */
const CONFIRM_ALONE = /^(co|ok|yes)$/;

/** The words after the date: a confirmation (first or last), and the rest as the reason. */
function readConfirmation(words: string[]): { confirmed: boolean; reason?: string } {
  const folded = words.map((w) => foldAccents(w));
  const all = folded.join(" ");
  if (CONFIRM.test(all) || CONFIRM_ALONE.test(all)) return { confirmed: true };
  for (const n of [2, 1]) {
    if (CONFIRM.test(folded.slice(0, n).join(" ")))
      return { confirmed: true, reason: words.slice(n).join(" ") };
    if (CONFIRM.test(folded.slice(-n).join(" ")))
      return { confirmed: true, reason: words.slice(0, -n).join(" ") };
  }
  return { confirmed: false, ...(all ? { reason: words.join(" ") } : {}) };
}

/**
 * /setdue <ref> <date> [reason] [xác nhận]: gives a task (usually a dependent one) its date,
 * written as the bot prints it (31/03/2027) or as ISO. A date already past makes the task
 * overdue at once, so it is set only when the coordinator confirms it; until then nothing
 * changes. The audit trail keeps the date before, the date after and the reason.
 */
export async function setDueCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const [rawRef = "", date = "", ...rest] = arg.split(/\s+/);
  if (!rawRef || !date) throw new UserError("usage-setdue");
  const ref = argRef(rawRef);
  const day = readDay(date);
  if (!(await turn.deps.store.catalog.liveTask(ref))) throw new UserError("err-task-unknown", { ref });
  const { confirmed, reason } = readConfirmation(rest);
  if (day < today(turn) && !confirmed)
    return text(
      turn.t("setdue-past", {
        ref,
        due: dayLabel(day),
        today: dayLabel(today(turn)),
        command: [rawRef, date, reason].filter(Boolean).join(" "),
      }),
    );
  await turn.deps.store.transaction(async (tx) => {
    const task = await tx.catalog.liveTask(ref);
    const actor = auditActor(turn);
    await tx.dueChanges.setTaskDue(ref, day, {
      source: "setdue",
      at: turn.now.toISOString(),
      approvedBy: actor.actorContactId ?? null,
      reason: reason ?? null,
    });
    await tx.audit.record({
      ...actor,
      at: turn.now,
      action: "due.set",
      targetKind: "task",
      targetId: ref,
      before: { due: task?.dueOverride ?? task?.dueDate ?? null },
      after: { due: day, reason: reason ?? null },
    });
  });
  return text(turn.t("setdue-done", { ref, due: dayLabel(day) }));
}

/** /invite <agency> [role]: a one-time code and link for a new person. */
export async function inviteCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const { agency, role } = await parseInviteArgs(turn.deps.store, arg);
  const invite = await createInvite(
    turn.deps.store,
    { agency, role, createdBy: turn.incoming.userId },
    turn.now,
    auditActor(turn),
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

export async function subscribeCommand(turn: Turn, arg: string): Promise<Reply[]> {
  const scope = await subscribe(
    turn.deps.store,
    { chat: turn.incoming.chatId, scope: arg, lang: turn.lang },
    turn.now.toISOString(),
    auditActor(turn),
  );
  const names = await turn.deps.store.snapshot.agencyNames();
  return text(turn.t("subscribe-done", { scope: scopeText(turn.deps.i18n, turn.lang, scope, names) }));
}

export async function unsubscribeCommand(turn: Turn): Promise<Reply[]> {
  return text(
    turn.t(
      (await unsubscribe(turn.deps.store, turn.incoming.chatId, auditActor(turn), turn.now))
        ? "unsubscribe-done"
        : "unsubscribe-none",
    ),
  );
}
