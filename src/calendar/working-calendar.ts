import type { Config } from "../config.ts";
import { rulesFor } from "../domain/rules.ts";
import { createWorkingCalendar, type WorkingCalendar } from "../domain/working-time.ts";
import { loadDayEntries } from "./holidays.ts";

/** The working calendar of the years around now (and of the plan's 2026–2027), with HOLIDAYS_FILE. */
export function buildCalendar(
  config: Pick<Config, "HOLIDAYS_FILE">,
  rules = rulesFor(undefined, ""),
): WorkingCalendar {
  const year = new Date().getUTCFullYear();
  const years = [year - 1, year, year + 1, year + 2, 2026, 2027].filter((y, i, a) => a.indexOf(y) === i);
  const entries = loadDayEntries({ years, overridesFile: config.HOLIDAYS_FILE });
  return createWorkingCalendar(entries, { start: rules.workHours.start, end: rules.workHours.end });
}
