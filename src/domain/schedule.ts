import { TZDate } from "@date-fns/tz";
import { countedLateDays } from "./leave.ts";
import { addDay, daysBetween, periodDeadline, periodOpenedIn } from "./period.ts";
import type { Rules } from "./rules.ts";
import type { WorkingCalendar } from "./working-time.ts";

/**
 * A monthly-cycle step that fires on a given local day. A nudge keeps its rule day (`nudge`,
 * the day of the month, which keys it in the outbox) and its place among the period's nudges
 * that actually go out (`count`: "lần 1", "lần 2").
 */
export type CycleStep =
  | { step: "open"; period: string }
  | { step: "nudge"; period: string; nudge: number; count: number }
  | { step: "escalate-head"; period: string }
  | { step: "missing-coordinator"; period: string };

/** One nudge of a cycle: its rule day, the day it is worked out on, and the day it can go out. */
export interface PlannedNudge {
  nudge: number;
  day: string;
  sendDay: string;
  count: number;
}

/** The local day a rule written for `day` at `time` can first go out (the next working start). */
export function sendDayOf(day: string, time: string, calendar: WorkingCalendar): string {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const local = new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, 0, calendar.timeZone);
  return calendar.localDate(calendar.nextSendTime(new Date(local.getTime())));
}

/**
 * The nudges of the cycle that opens in `month` (YYYY-MM). Days listed in `moveBackDays`
 * move to the working day before when they fall on a day off; the others are deferred to the
 * next working start. A nudge that could only go out on or after the deadline is dropped (it
 * would chase a report already late), and one deferred to or past a later nudge is merged
 * into it, so the nudges that remain go out in rule order and are counted 1, 2, …
 */
export function nudgesOf(month: string, rules: Rules, calendar: WorkingCalendar): PlannedNudge[] {
  const c = rules.cycle;
  const monthDay = (d: number) => `${month}-${String(d).padStart(2, "0")}`;
  const deadline = periodDeadline(periodOpenedIn(monthDay(1)), c.deadlineDay);
  const planned = [...new Set(c.nudgeDays)]
    .sort((a, b) => a - b)
    .map((n) => {
      const nominal = monthDay(n);
      const moved = c.moveBackDays.includes(n) ? calendar.workingDayOnOrBefore(nominal) : nominal;
      // Moving back never crosses into the days before the cycle opened.
      const day = moved < monthDay(c.openDay) ? nominal : moved;
      return { nudge: n, day, sendDay: sendDayOf(day, c.time, calendar), count: 0 };
    })
    .filter((p) => p.sendDay < deadline);
  const kept: PlannedNudge[] = [];
  for (const p of planned.reverse()) {
    const next = kept[0];
    if (!next || p.sendDay < next.sendDay) kept.unshift(p);
  }
  return kept.map((p, i) => ({ ...p, count: i + 1 }));
}

/**
 * Which cycle steps fire on `day` (YYYY-MM-DD, Vietnam): nudges as planned by `nudgesOf`; the
 * other steps keep their day, and a step on a day off is worked out at the next working start
 * (tick.ts).
 */
export function cycleStepsOn(day: string, rules: Rules, calendar: WorkingCalendar): CycleStep[] {
  const c = rules.cycle;
  const monthDay = (d: number) => `${day.slice(0, 7)}-${String(d).padStart(2, "0")}`;
  const period = periodOpenedIn(day);
  const steps: CycleStep[] = [];
  if (day === monthDay(c.openDay)) steps.push({ step: "open", period });
  for (const p of nudgesOf(day.slice(0, 7), rules, calendar))
    if (p.day === day) steps.push({ step: "nudge", period, nudge: p.nudge, count: p.count });
  if (day === monthDay(c.headEscalationDay)) steps.push({ step: "escalate-head", period });
  if (day === monthDay(c.coordinatorDay)) steps.push({ step: "missing-coordinator", period });
  return steps;
}

/** Days before the due date on which a reminder goes, if `day` is one of them. */
export function dueOffsetOn(day: string, due: string, rules: Rules): number | undefined {
  const left = daysBetween(day, due);
  return rules.due.offsets.includes(left) ? left : undefined;
}

export type OverdueStep = "focal" | "head" | "coordinator";

/**
 * The overdue ladder step that fires on `day` for something due on `due`, if any. Days the
 * agency had nobody to answer (`paused`, see domain/leave.ts) are not counted, and nothing
 * fires on one: the step waits for the next day that counts.
 */
export function overdueStepOn(
  day: string,
  due: string,
  rules: Rules,
  paused?: (day: string) => boolean,
): OverdueStep | undefined {
  if (paused?.(day)) return undefined;
  const late = countedLateDays(due, day, paused);
  if (late === rules.overdue.focalAfterDays) return "focal";
  if (late === rules.overdue.headAfterDays) return "head";
  if (late === rules.overdue.coordinatorAfterDays) return "coordinator";
  return undefined;
}

export function isDigestDay(day: string, rules: Rules): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
  return weekday === rules.digest.weekday;
}

/** Local days from `from` to `to` inclusive. */
export function daysFromTo(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDay(d, 1)) out.push(d);
  return out;
}
