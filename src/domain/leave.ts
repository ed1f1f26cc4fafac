import { addDay, daysBetween } from "./period.ts";

/** One person's leave as the rules read it: local days, both inclusive, and who stands in. */
export interface LeaveSpan {
  id: number;
  contactId: number;
  agencyId: string;
  from: string;
  to: string;
  deputyId: number | null;
}

/** The leave `contactId` is on on `day`, if any (an ended-early leave has `to` moved back). */
export function leaveOn(spans: readonly LeaveSpan[], contactId: number, day: string): LeaveSpan | undefined {
  return spans.find((s) => s.contactId === contactId && s.from <= day && day <= s.to);
}

/**
 * Days late of something due on `due`, as the overdue ladder counts them on `day`: days on
 * which the agency had nobody to answer (`paused`) do not count.
 */
export function countedLateDays(due: string, day: string, paused?: (day: string) => boolean): number {
  const late = daysBetween(due, day);
  if (!paused || late <= 0) return late;
  let counted = 0;
  for (let d = addDay(due, 1); d <= day; d = addDay(d, 1)) if (!paused(d)) counted++;
  return counted;
}

/** The Monday of the week (Monday to Sunday) that holds `day`. */
export function mondayOf(day: string): string {
  return addDay(day, 1 - (new Date(`${day}T12:00:00Z`).getUTCDay() || 7));
}

/** "This week" for a leave: from `day` to Friday; on a weekend, the coming Monday to Friday. */
export function workWeekOf(day: string): { from: string; to: string } {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
  const monday = weekday >= 6 ? addDay(mondayOf(day), 7) : mondayOf(day);
  return { from: day > monday ? day : monday, to: addDay(monday, 4) };
}
