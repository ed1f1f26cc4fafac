import { extendData, reportData } from "../choice-data.ts";
import { isClosed } from "../domain/closed.ts";
import type { Rules } from "../domain/rules.ts";
import { dueOffsetOn, overdueStepOn } from "../domain/schedule.ts";
import { dueChase } from "../domain/snooze.ts";
import { type ComposeContext, chaseButtons, fanOut, groupByAgency, line, overdueBlocks } from "./compose.ts";
import { deadlineGuard } from "./guard.ts";
import { type AgencyDeadlineKind, agencyDeadlineKey, overdueCoordinatorKey } from "./keys.ts";
import { agencyFanOut, headsAwayBlock, pausedDays } from "./leave-routing.ts";
import type { NewMessage } from "./outbox.ts";
import type { WorkItem } from "./snapshot.ts";
import { snoozeLines } from "./snooze-lines.ts";

/** The rule days `days` (a working day and the days off before it), told on `sendDay`. */
export interface Told {
  ctx: ComposeContext;
  rules: Rules;
  days: string[];
  sendDay: string;
  work: WorkItem[];
}

/**
 * Due-date reminders for the rule days, told on the send day. A date already past by then is
 * left to the overdue ladder, whose first step falls on the same send day.
 */
export function dueMessages({
  ctx,
  rules,
  days,
  sendDay,
  work,
  until,
}: Told & { until?: string }): NewMessage[] {
  const hits: WorkItem[] = [];
  for (const w of work) {
    if (w.role !== "lead" || isClosed(w)) continue;
    for (const date of w.milestones ?? (w.due ? [w.due] : [])) {
      if (until && date >= until) continue;
      if (date >= sendDay && days.some((d) => dueOffsetOn(d, date, rules) !== undefined))
        hits.push({ ...w, due: date });
    }
  }
  return [...groupByAgency(hits)].flatMap(([agencyId, items]) =>
    agencyDeadlines(ctx, "due", sendDay, agencyId, items),
  );
}

/** `shares` (each agency's share of the period's reports, on a day) orders equally late agencies. */
export function overdueMessages(
  { ctx, rules, days, sendDay, work }: Told,
  shares: (day: string) => Map<string, number>,
): NewMessage[] {
  const steps = { focal: [] as WorkItem[], head: [] as WorkItem[], coordinator: [] as WorkItem[] };
  for (const w of work) {
    if (w.role !== "lead" || isClosed(w) || !w.due || w.kind === "milestones") continue;
    const due = w.due;
    const paused = pausedDays(ctx, w.agencyId);
    // Over a long break one item may reach two steps; each step names it once.
    const reached = new Set(days.map((d) => overdueStepOn(d, due, rules, paused)));
    for (const step of reached) if (step) steps[step].push(w);
  }
  return [
    ...[...groupByAgency(steps.focal)].flatMap(([a, items]) =>
      agencyDeadlines(ctx, "overdue-focal", sendDay, a, items),
    ),
    ...[...groupByAgency(steps.head)].flatMap(([a, items]) =>
      agencyDeadlines(ctx, "overdue-head", sendDay, a, items),
    ),
    ...(steps.coordinator.length
      ? overdueForCoordinators(ctx, sendDay, steps.coordinator, shares(sendDay))
      : []),
  ];
}

/** Per agency and day: the due-date reminders and the focal/head steps of the overdue ladder. */
export function agencyDeadlines(
  ctx: ComposeContext,
  kind: AgencyDeadlineKind,
  day: string,
  agencyId: string,
  items: WorkItem[],
): NewMessage[] {
  const role = kind === "overdue-head" ? "head" : "focal";
  const key = agencyDeadlineKey(kind, day, ctx.planId, agencyId);
  const titleKey = {
    due: "engine-due",
    "overdue-focal": "engine-overdue-focal",
    "overdue-head": "engine-overdue-head",
  }[kind];
  const one = items.length === 1 ? items[0]?.assignmentId : undefined;
  // The agency may ask for more time from the reminder itself; the head only chases.
  const choices = kind === "overdue-head" ? {} : { report: reportData(one), extend: extendData(one) };
  // A due reminder chases its earliest date: a snooze must not carry it past that day.
  const deadline = kind === "due" ? items.map((w) => w.due ?? "").sort()[0] || undefined : undefined;
  return agencyFanOut(
    ctx,
    role,
    day,
    agencyId,
    key,
    kind,
    (lang) => ({
      text: [
        ctx.i18n.t(lang, titleKey, {
          agency: ctx.names.get(agencyId) ?? agencyId,
          days: ctx.rules.overdue.headAfterDays,
        }),
        ...items.map((w) => line(ctx, lang, w, day)),
        ...(kind === "overdue-head"
          ? snoozeLines(ctx, lang, items, (w) => (w.due ? dueChase(w.due) : null))
          : []),
      ].join("\n"),
      choices: chaseButtons(ctx, lang, choices),
    }),
    deadlineGuard(items, deadline),
  );
}

/** The coordinators' step of the overdue ladder: one message a day for the whole plan. */
export function overdueForCoordinators(
  ctx: ComposeContext,
  day: string,
  items: WorkItem[],
  shares?: Map<string, number>,
): NewMessage[] {
  if (items.length === 0) return [];
  const key = overdueCoordinatorKey(day, ctx.planId);
  return fanOut(ctx, ctx.recipients.get("coordinator:*"), key, "overdue-coordinator", null, (lang) => ({
    text: [
      ctx.i18n.t(lang, "engine-overdue-coordinator", { days: ctx.rules.overdue.coordinatorAfterDays }),
      ...overdueBlocks(ctx.i18n, lang, items, ctx.names, ctx.kinds, day, shares),
      ...headsAwayBlock(ctx, lang, items, day),
    ].join("\n\n"),
  }));
}
