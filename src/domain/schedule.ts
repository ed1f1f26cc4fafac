import { addDay, daysBetween, periodOpenedIn } from "./period.ts";
import type { Rules } from "./rules.ts";
import type { WorkingCalendar } from "./working-time.ts";

/** A monthly-cycle step that fires on a given local day. */
export type CycleStep =
  | { step: "open"; period: string }
  | { step: "nudge"; period: string; nudge: number }
  | { step: "escalate-head"; period: string }
  | { step: "missing-coordinator"; period: string };

/**
 * Which cycle steps fire on `day` (YYYY-MM-DD, Vietnam). Nudge days listed in
 * `moveBackDays` move to the working day before when they fall on a day off; the other
 * steps keep their day; a step on a day off is worked out at the next working start (tick.ts).
 */
export function cycleStepsOn(day: string, rules: Rules, calendar: WorkingCalendar): CycleStep[] {
  const c = rules.cycle;
  const monthDay = (d: number) => `${day.slice(0, 7)}-${String(d).padStart(2, "0")}`;
  const period = periodOpenedIn(day);
  const steps: CycleStep[] = [];
  if (day === monthDay(c.openDay)) steps.push({ step: "open", period });
  for (const n of c.nudgeDays) {
    const nominal = monthDay(n);
    const actual = c.moveBackDays.includes(n) ? calendar.workingDayOnOrBefore(nominal) : nominal;
    // Moving back never crosses into the days before the cycle opened.
    if (day === (actual < monthDay(c.openDay) ? nominal : actual))
      steps.push({ step: "nudge", period, nudge: n });
  }
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

/** The overdue ladder step that fires on `day` for something due on `due`, if any. */
export function overdueStepOn(day: string, due: string, rules: Rules): OverdueStep | undefined {
  const late = daysBetween(due, day);
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
