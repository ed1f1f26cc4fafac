import { isPeriod, periodLabel } from "../domain/period.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import { UserError } from "../errors.ts";

/**
 * The first month a plan reports on: January of the first year of its period ("… giai đoạn
 * 2026 - 2030 …" → 2026-01), else of the year in its id. The catalog keeps no start date yet;
 * a plan naming no year has no lower limit.
 */
export function planStartMonth(plan: { id: string; title: string }): string | undefined {
  const year = /giai đoạn\s*(20\d\d)/i.exec(plan.title)?.[1] ?? /(?:^|\D)(20\d\d)(?:\D|$)/.exec(plan.id)?.[1];
  return year ? `${year}-01` : undefined;
}

/** A month as people write it: "2026-11", or "11/2026" as the bot prints it. */
export function readMonth(value: string): string | undefined {
  const v = value.trim();
  if (isPeriod(v)) return v;
  const m = /^(\d{1,2})[/.-](\d{4})$/.exec(v);
  const month = m ? `${m[2]}-${(m[1] ?? "").padStart(2, "0")}` : "";
  return isPeriod(month) ? month : undefined;
}

/**
 * The one rule for which months exist, shared by /export, /chuabaocao and the CLI: from the
 * plan's first month to the current one. Anything else is a polite error naming the range.
 */
export function checkReportMonth(
  value: string,
  plan: { id: string; title: string },
  now: Date,
  calendar: Pick<WorkingCalendar, "localDate">,
): string {
  const month = readMonth(value);
  const current = calendar.localDate(now).slice(0, 7);
  if (!month || month > current) throw new UserError("err-export-month", { value });
  const start = planStartMonth(plan);
  if (start && month < start)
    throw new UserError("err-month-before-plan", { value: periodLabel(month), start: periodLabel(start) });
  return month;
}
