import { addDay, periodDeadline } from "../domain/period.ts";
import type { Rules } from "../domain/rules.ts";
import { nudgesOf, sendDayOf } from "../domain/schedule.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import type { Translate } from "./deps.ts";

/** How many months, this one included, the Cài đặt page lays out. */
export const CALENDAR_MONTHS = 3;

export interface MonthCalendar {
  month: string;
  workingDays: number;
  /** Weekdays the calendar gives off (holidays, Tết, bridge days), with their names. */
  daysOff: { day: string; name: string }[];
  /** Saturdays or Sundays worked to make up for a bridge day. */
  makeUp: { day: string; name: string }[];
  /** The monthly cycle's steps as they fall this month, moved off days off as the engine moves them. */
  steps: { key: string; day: string; count?: number }[];
}

const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
const nextMonth = (m: string) => addDay(`${m}-28`, 7).slice(0, 7);

/** The months from `today`'s on: working days, days off, make-up days, and when reminders go. */
export function comingMonths(calendar: WorkingCalendar, rules: Rules, today: string): MonthCalendar[] {
  const months: MonthCalendar[] = [];
  for (let m = today.slice(0, 7); months.length < CALENDAR_MONTHS; m = nextMonth(m)) {
    const days: string[] = [];
    for (let d = `${m}-01`; d.startsWith(m); d = addDay(d, 1)) days.push(d);
    const named = (day: string) => ({ day, name: calendar.dayName(day) ?? "" });
    months.push({
      month: m,
      workingDays: days.filter((d) => calendar.isWorkingDay(d)).length,
      daysOff: days.filter((d) => weekday(d) < 6 && !calendar.isWorkingDay(d)).map(named),
      makeUp: days.filter((d) => weekday(d) >= 6 && calendar.isWorkingDay(d)).map(named),
      steps: cycleDays(m, rules, calendar),
    });
  }
  return months;
}

function cycleDays(month: string, rules: Rules, calendar: WorkingCalendar): MonthCalendar["steps"] {
  const c = rules.cycle;
  const day = (n: number) => `${month}-${String(n).padStart(2, "0")}`;
  const sent = (n: number) => sendDayOf(day(n), c.time, calendar);
  const previous = addDay(`${month}-01`, -1).slice(0, 7);
  return [
    { key: "web-settings-step-open", day: sent(c.openDay) },
    ...nudgesOf(month, rules, calendar).map((n) => ({
      key: "web-settings-step-nudge",
      day: n.sendDay,
      count: n.count,
    })),
    { key: "web-settings-step-deadline", day: periodDeadline(previous, c.deadlineDay) },
    { key: "web-settings-step-head", day: sent(c.headEscalationDay) },
    { key: "web-settings-step-coordinator", day: sent(c.coordinatorDay) },
  ];
}

/** The rules in force, one line each, in the words of the README's table. */
export function ruleLines(t: Translate, r: Rules): { label: string; value: string }[] {
  const days = (list: number[]) => list.join(", ");
  const line = (key: string, args: Record<string, string | number>) => ({
    label: t(`${key}-label`),
    value: t(key, args),
  });
  return [
    line("web-rule-open", { day: r.cycle.openDay, time: r.cycle.time, lookahead: r.cycle.lookaheadDays }),
    line("web-rule-nudges", {
      days: days(r.cycle.nudgeDays),
      back: r.cycle.moveBackDays.length ? days(r.cycle.moveBackDays) : "-",
    }),
    line("web-rule-deadline", { day: r.cycle.deadlineDay }),
    line("web-rule-head", { day: r.cycle.headEscalationDay }),
    line("web-rule-coordinator", { day: r.cycle.coordinatorDay }),
    line("web-rule-due", { offsets: days(r.due.offsets), time: r.due.time }),
    line("web-rule-overdue", {
      focal: r.overdue.focalAfterDays,
      head: r.overdue.headAfterDays,
      coordinator: r.overdue.coordinatorAfterDays,
      time: r.overdue.time,
    }),
    line("web-rule-digest", {
      weekday: t(`web-weekday-${r.digest.weekday}`),
      time: r.digest.time,
      within: r.digest.dueWithinDays,
    }),
    line("web-rule-hours", { start: r.workHours.start, end: r.workHours.end }),
    line("web-rule-catch-up", { days: r.catchUpDays }),
  ];
}
