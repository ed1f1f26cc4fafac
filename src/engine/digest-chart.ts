import { isClosed } from "../domain/closed.ts";
import { dayLabel } from "../domain/period.ts";
import type { DigestModel } from "./digest.ts";
import type { WorkItem } from "./snapshot.ts";

export interface ChartBar {
  label: string;
  done: number;
  overdue: number;
}

/**
 * What a chart shows, as plain data: the engine decides it, and whoever draws it (reports/chart.ts)
 * needs nothing else. Every text in it comes from the caller's language (see digestChartModel).
 */
export interface ChartModel {
  title: string;
  subtitle?: string;
  legend: { done: string; overdue: string };
  /** Shown instead of bars when there are none. */
  empty?: string;
  /** At most MAX_BARS are drawn. */
  bars: ChartBar[];
}

export type Translate = (key: string, args?: Record<string, string | number>) => string;

/** As many bars as a phone screen shows readably. */
export const MAX_BARS = 15;

function late(w: WorkItem, day: string): boolean {
  return w.role === "lead" && !isClosed(w) && w.kind !== "milestones" && w.due !== null && w.due < day;
}

/**
 * The weekly digest as a chart: tasks completed in the past week and overdue ones, by agency
 * (the 15 worst), or by section when the digest's scope is sections and the plan's lead `work`
 * (Snapshot.work) is given, since the digest model counts overdue tasks by agency only.
 */
export function digestChartModel(
  m: DigestModel,
  names: Map<string, string>,
  t: Translate,
  work?: WorkItem[],
): ChartModel {
  const base = {
    legend: { done: t("report-chart-done"), overdue: t("report-chart-overdue") },
    empty: t("report-chart-empty"),
  };
  if (m.scope.kind === "sections" && work) {
    const sectionOf = new Map(work.map((w) => [w.ref, w.section]));
    return {
      ...base,
      title: t("report-chart-title-sections", { day: dayLabel(m.day) }),
      bars: m.scope.sections.map((numeral) => ({
        label: t("report-chart-section", { numeral }),
        done: m.completed.filter((c) => sectionOf.get(c.ref) === numeral).length,
        overdue: work.filter((w) => w.section === numeral && late(w, m.day)).length,
      })),
    };
  }
  const rows = new Map<string, ChartBar & { worst: number }>();
  const entry = (id: string) => {
    const e = rows.get(id) ?? { label: names.get(id) ?? id, done: 0, overdue: 0, worst: 0 };
    rows.set(id, e);
    return e;
  };
  for (const o of m.overdue) Object.assign(entry(o.agencyId), { overdue: o.count, worst: o.worstDays });
  for (const c of m.completed) entry(c.agencyId).done++;
  const bars = [...rows.values()]
    .sort((a, b) => b.overdue - a.overdue || b.worst - a.worst || a.done - b.done)
    .slice(0, MAX_BARS)
    .map(({ label, done, overdue }) => ({ label, done, overdue }));
  return { ...base, title: t("report-chart-title-agencies", { day: dayLabel(m.day) }), bars };
}
