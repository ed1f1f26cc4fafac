import { isClosed } from "../domain/closed.ts";
import { dayLabel, periodDeadline, periodLabel, periodOf } from "../domain/period.ts";
import { reportedShares } from "../engine/collapse.ts";
import { missingLines, overdueBlocks } from "../engine/compose.ts";
import { buildDigest } from "../engine/digest.ts";
import { digestChartModel } from "../engine/digest-chart.ts";
import { completeness, requiredByAgency, Snapshot } from "../engine/snapshot.ts";
import type { Lang } from "../i18n/index.ts";
import { defaultPlanId } from "../people/subscriptions.ts";
import { chartSvg } from "../reports/chart.ts";
import type { WebDeps } from "./deps.ts";

/** The window for the overview's "due soon", whatever the digest's own setting. */
export const DUE_WITHIN_DAYS = 30;

export interface Overview {
  period: string;
  deadline: string;
  rate: { reported: number; required: number; percent: number };
  /** /chuabaocao's lines for the period, in its order (tasks every commune owes folded first). */
  missing: { count: number; lines: string[] };
  /** /trehan's blocks: commune-wide tasks as one line, then agency by agency, worst first. */
  overdue: { count: number; agencies: number; blocks: string[] };
  dueSoon: string[];
  completed: string[];
  chartSvg: string;
  health: { lastTick?: Date; pending: number; failed: number; unreachable: number };
}

/**
 * The overview's figures, from the very functions /chuabaocao, /trehan and the weekly digest use
 * (the same snapshot, completeness and line builders), so the page and the chat never disagree.
 */
export async function overviewData(deps: WebDeps, lang: Lang, now: Date): Promise<Overview> {
  const { store, i18n } = deps;
  const t = (key: string, args?: Record<string, string | number>) => i18n.t(lang, key, args);
  const planId = await defaultPlanId(store);
  const rules = deps.rules(planId);
  const day = deps.calendar.localDate(now);
  const period = periodOf(day, rules.cycle.deadlineDay);
  const snapshot = await new Snapshot(store).load({
    shared: true,
    plan: planId,
    periods: [period],
    onePlan: true,
  });
  const work = snapshot.work(planId);
  const names = snapshot.agencyNames();
  const kinds = snapshot.agencyKinds();
  const states = completeness(requiredByAgency(work), snapshot.reportedIn(period, planId));
  const incomplete = states.filter((s) => s.missing.length > 0);
  const late = work.filter(
    (w) => w.role === "lead" && !isClosed(w) && w.due && w.due < day && w.kind !== "milestones",
  );
  const wide = { ...rules, digest: { ...rules.digest, dueWithinDays: DUE_WITHIN_DAYS } };
  const digest = await buildDigest(snapshot, store, planId, { kind: "plan" }, day, wide, {
    timeZone: deps.calendar.timeZone,
    tally: false,
  });
  const name = (id: string) => names.get(id) ?? id;
  const { reported, required } = digest.rate;
  return {
    period: periodLabel(period),
    deadline: dayLabel(periodDeadline(period, rules.cycle.deadlineDay)),
    rate: { reported, required, percent: required === 0 ? 100 : Math.round((100 * reported) / required) },
    missing: { count: incomplete.length, lines: missingLines(i18n, lang, incomplete, names, kinds, day) },
    overdue: {
      count: late.length,
      agencies: new Set(late.map((w) => w.agencyId)).size,
      blocks: overdueBlocks(i18n, lang, late, names, kinds, day, reportedShares(states)),
    },
    dueSoon: digest.dueSoon
      .sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""))
      .map((w) =>
        t("engine-item-due", {
          ref: w.ref,
          title: `${w.title} (${name(w.agencyId)})`,
          due: dayLabel(w.due ?? ""),
          indicative: w.indicative ? t("engine-indicative") : "",
        }),
      ),
    completed: digest.completed.map((c) =>
      t("digest-completed-line", { ref: c.ref, title: c.title, agency: name(c.agencyId) }),
    ),
    chartSvg: chartSvg(digestChartModel(digest, names, t, work)),
    health: await health(deps),
  };
}

async function health(deps: WebDeps): Promise<Overview["health"]> {
  const [lastTick, counts, unreachable] = await Promise.all([
    deps.store.health.lastTickRan(),
    deps.store.health.outboxCounts(),
    deps.store.health.unreachableByChannel(),
  ]);
  return {
    ...(lastTick ? { lastTick } : {}),
    pending: counts.pending + counts.sending,
    failed: counts.failed,
    unreachable: [...unreachable.values()].reduce((a, b) => a + b, 0),
  };
}
