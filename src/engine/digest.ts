import type { DigestScope } from "../db/schema.ts";
import { isClosed } from "../domain/closed.ts";
import { addDay, dayLabel, daysBetween, periodDeadline, periodLabel, periodOf } from "../domain/period.ts";
import type { Rules } from "../domain/rules.ts";
import { endOfLocalDay, type TallyCounts } from "../domain/tally.ts";
import { DEFAULT_TIME_ZONE } from "../domain/working-time.ts";
import type { I18n, Lang } from "../i18n/index.ts";
import type { Store } from "../store/index.ts";
import type { Translate } from "./digest-chart.ts";
import type { WorkItem } from "./snapshot.ts";
import { completeness, requiredByAgency, type Snapshot } from "./snapshot.ts";
import { loadTally, tallyLine } from "./tally.ts";

export interface DigestModel {
  day: string;
  period: string;
  scope: DigestScope;
  rate: { reported: number; required: number };
  overdue: { agencyId: string; count: number; worstDays: number }[];
  dueSoon: WorkItem[];
  completed: { ref: string; title: string; agencyId: string }[];
  /** The on-time tally of the scope as of the end of `day`; left out where nobody reads it. */
  tally?: TallyCounts;
}

function inScope(scope: DigestScope, w: { section: string; agencyId: string }): boolean {
  if (scope.kind === "sections") return scope.sections.includes(w.section);
  if (scope.kind === "agencies") return scope.agencies.includes(w.agencyId);
  return true;
}

/**
 * The weekly digest's figures for one scope, as plain data (the chart reads the same model).
 * Loads into `snapshot` what it reads of the plan (nothing when a tick has loaded it already).
 */
export async function buildDigest(
  snapshot: Snapshot,
  store: Store,
  planId: string,
  scope: DigestScope,
  day: string,
  rules: Rules,
  opts: { timeZone?: string; tally?: boolean } = {},
): Promise<DigestModel> {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const period = periodOf(day, rules.cycle.deadlineDay);
  await snapshot.load({ plan: planId, periods: [period] });
  const weekAgo = addDay(day, -7);
  const done = await store.snapshot.completed(planId, weekAgo, day);
  const work = snapshot.work(planId).filter((w) => inScope(scope, w));
  const states = completeness(requiredByAgency(work), snapshot.reportedIn(period, planId));
  const lateByAgency = new Map<string, { count: number; worstDays: number }>();
  for (const w of work) {
    if (w.role !== "lead" || isClosed(w) || !w.due || w.kind === "milestones" || w.due >= day) continue;
    const entry = lateByAgency.get(w.agencyId) ?? { count: 0, worstDays: 0 };
    entry.count++;
    entry.worstDays = Math.max(entry.worstDays, daysBetween(w.due, day));
    lateByAgency.set(w.agencyId, entry);
  }
  const until = addDay(day, rules.digest.dueWithinDays);
  const completed = done.filter((r) => inScope(scope, r));
  // The tally reads every report of the plan: the console's overview, which does not show it, skips it.
  const tally =
    opts.tally === false
      ? undefined
      : await loadTally(
          store,
          planId,
          { at: endOfLocalDay(day, timeZone), timeZone },
          {
            keep: (item) => inScope(scope, item),
          },
        );
  return {
    day,
    period,
    scope,
    rate: { reported: states.filter((s) => s.missing.length === 0).length, required: states.length },
    overdue: [...lateByAgency]
      .map(([agencyId, v]) => ({ agencyId, ...v }))
      .sort((a, b) => b.worstDays - a.worstDays || b.count - a.count),
    dueSoon: work.filter((w) => w.role === "lead" && !isClosed(w) && w.due && w.due >= day && w.due <= until),
    completed,
    ...(tally ? { tally: tally.total } : {}),
  };
}

const MAX_LINES = 15;

/** A digest's scope in words: "toàn kế hoạch", "lĩnh vực I, II", "Sở Y tế, Công an tỉnh". */
export function scopeText(i18n: I18n, lang: Lang, scope: DigestScope, names: Map<string, string>): string {
  if (scope.kind === "plan") return i18n.t(lang, "digest-scope-plan");
  if (scope.kind === "sections")
    return i18n.t(lang, "digest-scope-sections", { sections: scope.sections.join(", ") });
  return i18n.t(lang, "digest-scope-agencies", {
    agencies: scope.agencies.map((id) => names.get(id) ?? id).join(", "),
  });
}

/** The weekly digest's text: the reporting rate, then overdue, due soon and completed, each capped. */
export function renderDigest(
  i18n: I18n,
  lang: Lang,
  m: DigestModel,
  names: Map<string, string>,
  rules: Rules,
): string {
  const t: Translate = (k, a = {}) => i18n.t(lang, k, a);
  const name = (id: string) => names.get(id) ?? id;
  const section = (title: string, lines: string[]) => [title, ...capped(t, lines)].join("\n");
  return [
    t("digest-title", { day: dayLabel(m.day), scope: scopeText(i18n, lang, m.scope, names) }),
    rateLine(t, m, rules),
    ...(m.tally ? [tallyLine(i18n, lang, m.tally)] : []),
    section(
      t("digest-overdue"),
      m.overdue.map((o) =>
        t("digest-overdue-line", { agency: name(o.agencyId), count: o.count, days: o.worstDays }),
      ),
    ),
    section(
      t("digest-due-soon", { days: rules.digest.dueWithinDays }),
      m.dueSoon.map((w) =>
        t("engine-item-due", {
          ref: w.ref,
          title: `${w.title} (${name(w.agencyId)})`,
          due: dayLabel(w.due ?? ""),
          indicative: w.indicative ? t("engine-indicative") : "",
        }),
      ),
    ),
    section(
      t("digest-completed"),
      m.completed.map((c) =>
        t("digest-completed-line", { ref: c.ref, title: c.title, agency: name(c.agencyId) }),
      ),
    ),
  ].join("\n\n");
}

/** A section's lines, at most MAX_LINES and a count of the rest; "none" when empty. */
function capped(t: Translate, lines: string[]): string[] {
  if (lines.length === 0) return [t("digest-none")];
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), t("digest-more", { count: lines.length - MAX_LINES })];
}

function rateLine(t: Translate, m: DigestModel, rules: Rules): string {
  const percent = m.rate.required === 0 ? 100 : Math.round((100 * m.rate.reported) / m.rate.required);
  return t("digest-rate", {
    period: periodLabel(m.period),
    deadline: dayLabel(periodDeadline(m.period, rules.cycle.deadlineDay)),
    reported: m.rate.reported,
    required: m.rate.required,
    percent,
  });
}
