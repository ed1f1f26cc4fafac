import { isPeriod, periodLabel } from "../domain/period.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import { UserError } from "../errors.ts";
import { foldAccents } from "../text/normalize.ts";

/**
 * The first month a plan reports on: January of the first year of its period ("… giai đoạn
 * 2026 - 2030 …" → 2026-01), else of the year in its id. The catalog keeps no start date yet;
 * a plan naming no year has no lower limit.
 */
export function planStartMonth(plan: { id: string; title: string }): string | undefined {
  const year = /giai đoạn\s*(20\d\d)/i.exec(plan.title)?.[1] ?? /(?:^|\D)(20\d\d)(?:\D|$)/.exec(plan.id)?.[1];
  return year ? `${year}-01` : undefined;
}

/**
 * A month as people write it: "2026-11", "11/2026" as the bot prints it, "tháng 11/2026",
 * "thang 11 nam 2026", "T11". Given the current month, a month without its year is the latest
 * one not after it ("tháng 11" in January is last November), and "tháng này" / "tháng trước"
 * are read.
 */
export function readMonth(value: string, current?: string): string | undefined {
  const v = foldAccents(value).trim().replace(/\s+/g, " ");
  if (isPeriod(v)) return v;
  if (current && /^(thang nay|this month)$/.test(v)) return current;
  if (current && /^(thang truoc|last month)$/.test(v)) return previousMonth(current);
  const m = /^(?:thang|month|t)?\s*(\d{1,2})(?:\s*(?:[/.-]|nam)\s*(\d{4}))?$/.exec(v);
  if (!m) return undefined;
  const mm = (m[1] ?? "").padStart(2, "0");
  const thisYear = current?.slice(0, 4);
  const year =
    m[2] ?? (thisYear && (`${thisYear}-${mm}` <= (current ?? "") ? thisYear : String(Number(thisYear) - 1)));
  const month = year ? `${year}-${mm}` : "";
  return isPeriod(month) ? month : undefined;
}

/** The words naming a month inside a sentence ("… chua bao cao thang 11 a"), for readMonth; folded text. */
export function monthIn(folded: string): string | undefined {
  const m =
    /\b(thang\s*(nay|truoc|\d{1,2}(\s*(\/|-|\.|nam)\s*\d{4})?))\b/.exec(folded) ??
    /\b(\d{4}-\d{2}|\d{1,2}\/\d{4})\b/.exec(folded);
  return m?.[1];
}

/** "2026-01" → "2025-12". */
export function previousMonth(period: string): string {
  const [y = 0, m = 1] = period.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
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
  const current = calendar.localDate(now).slice(0, 7);
  const month = readMonth(value, current);
  if (!month || month > current) throw new UserError("err-export-month", { value });
  const start = planStartMonth(plan);
  if (start && month < start)
    throw new UserError("err-month-before-plan", { value: periodLabel(month), start: periodLabel(start) });
  return month;
}
