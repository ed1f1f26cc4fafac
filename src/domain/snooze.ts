/**
 * When a chasing message may be snoozed to: pure, the working calendar and the deadline come
 * from the caller. A snoozed reminder must land when someone is at work to read it, and never
 * after the day it chases: a reminder that arrives too late to act on is worse than none.
 */
import { TZDate } from "@date-fns/tz";
import type { SnoozeOption } from "../choice-data.ts";
import { addDay } from "./period.ts";
import type { WorkingCalendar } from "./working-time.ts";

export interface SnoozeTime {
  option: SnoozeOption;
  at: Date;
  /** The local day `at` falls on, YYYY-MM-DD. */
  day: string;
}

export interface SnoozeTimes {
  times: SnoozeTime[];
  /** Options left out only because they fall after the deadline: why the list may be short or empty. */
  pastDeadline: number;
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

/** The start of working time on the first working day on or after `day`. */
function morningOf(day: string, calendar: WorkingCalendar): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const midnight = new Date(new TZDate(y, m - 1, d, 0, 0, 0, calendar.timeZone).getTime());
  return calendar.nextSendTime(midnight);
}

/** The Monday after `day` (a week on when `day` is itself a Monday). */
function nextMonday(day: string): string {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDay(day, (8 - weekday) % 7 || 7);
}

/**
 * The times offered at `now`: in two hours (only if that is still working time), the next
 * working morning, and Monday morning (the working morning from Monday on, when it differs from
 * the previous one). With `deadline` (YYYY-MM-DD, inclusive), a time on a later day is left out.
 */
export function snoozeTimes(now: Date, calendar: WorkingCalendar, deadline?: string): SnoozeTimes {
  const today = calendar.localDate(now);
  const candidates: { option: SnoozeOption; at: Date }[] = [];
  const later = new Date(now.getTime() + TWO_HOURS_MS);
  if (calendar.isWorkingTime(later)) candidates.push({ option: "h2", at: later });
  const morning = morningOf(addDay(today, 1), calendar);
  candidates.push({ option: "am", at: morning });
  const monday = morningOf(nextMonday(today), calendar);
  if (monday.getTime() !== morning.getTime()) candidates.push({ option: "mo", at: monday });
  const dated = candidates.map((c) => ({ ...c, day: calendar.localDate(c.at) }));
  const times = dated.filter((c) => !deadline || c.day <= deadline);
  return { times, pastDeadline: dated.length - times.length };
}

/** Whether the morning option lands on the very next calendar day ("tomorrow") or later. */
export function isTomorrow(time: SnoozeTime, now: Date, calendar: WorkingCalendar): boolean {
  return time.day === addDay(calendar.localDate(now), 1);
}

/**
 * What a chasing message chases for one assignment, so snoozes count per chase: the reporting
 * period of a nudge, or the date of a due reminder or an overdue step (the date it was written
 * for, `dues`, else the message's own deadline). A new period or a moved date is a new chase,
 * and a snooze in November does not count against December. Null when the message names
 * neither (rows written before chases were kept).
 */
export function chaseOf(
  guard: { period?: string; deadline?: string; dues?: Record<string, string> } | null | undefined,
  assignmentId: number,
): string | null {
  if (guard?.period) return periodChase(guard.period);
  const due = guard?.dues?.[String(assignmentId)] ?? guard?.deadline;
  return due ? dueChase(due) : null;
}

export const periodChase = (period: string) => `period:${period}`;
export const dueChase = (day: string) => `due:${day}`;
