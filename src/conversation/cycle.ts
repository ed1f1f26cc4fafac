import { dayLabel, periodDeadline, periodOf } from "../domain/period.ts";
import type { Turn } from "./context.ts";

/*
 * Periods and deadlines as a conversation tells them: always under the plan's own rules
 * (RULES_FILE `cycle.deadlineDay`), the same ones the engine's reminders and the synthesis use,
 * so a report, /chuabaocao, /trehan and /export never disagree with a reminder on the month.
 */

/** The period a report sent now counts for under `planId`'s deadline day. */
export function periodNow(turn: Turn, planId: string): string {
  return periodOf(turn.deps.calendar.localDate(turn.now), turn.deps.rules(planId).cycle.deadlineDay);
}

/** "10/12/2026": the last on-time day of `period` under `planId`'s rules. */
export function deadlineLabel(turn: Turn, planId: string, period: string): string {
  return dayLabel(periodDeadline(period, turn.deps.rules(planId).cycle.deadlineDay));
}
