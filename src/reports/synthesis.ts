import type { agencyKinds, ReportStatus } from "../db/schema.ts";
import { isClosed } from "../domain/closed.ts";
import { daysBetween, periodDeadline } from "../domain/period.ts";
import { type rulesFileSchema, rulesFor } from "../domain/rules.ts";
import { endOfLocalDay } from "../domain/tally.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import { completeness, requiredByAgency, type WorkItem } from "../engine/snapshot.ts";
import { loadTally } from "../engine/tally.ts";
import type { Store } from "../store/index.ts";
import { monthAudit } from "./audit-sheet.ts";
import type { SynthesisModel, TaskRow } from "./model.ts";
import { checkReportMonth } from "./months.ts";
import { countByAgency, missingAgencies } from "./synthesis-counts.ts";
import { focalPoints, latestTargets, localTime, pickPlan, type ReportRow } from "./synthesis-queries.ts";

export interface SynthesisDeps {
  store: Store;
  calendar: Pick<WorkingCalendar, "localDate" | "timeZone">;
  rulesFile?: ReturnType<typeof rulesFileSchema.parse>;
}

export interface SynthesisOptions {
  /** The month reported on, "YYYY-MM". */
  period: string;
  /** "Today", for refusing future months; pass it rather than reading the clock. */
  now: Date;
  /** Default: the first plan imported. */
  planId?: string;
}

function firstLink(evidence: string | null): string | null {
  if (!evidence) return null;
  try {
    const items = JSON.parse(evidence) as { url?: string }[];
    return (Array.isArray(items) ? items.find((e) => typeof e?.url === "string")?.url : undefined) ?? null;
  } catch {
    return null;
  }
}

/** As of the period: each assignment's latest report, and the status it had before the period began. */
async function statusesAsOf(store: Store, planId: string, period: string) {
  const latest = new Map<number, ReportRow>();
  const before = new Map<number, ReportStatus>();
  for (const r of await store.synthesis.reportsUpTo(planId, period)) {
    latest.set(r.assignmentId, r);
    if (r.period < period) before.set(r.assignmentId, r.status);
  }
  return { latest, before };
}

interface RowContext {
  asOf: string;
  names: Map<string, string>;
  texts: Map<number, string>;
  reportedIds: Set<number>;
  timeZone: string;
}

function taskRow(w: WorkItem, r: ReportRow | undefined, c: RowContext): TaskRow {
  const status = r?.status ?? null;
  const late = !isClosed({ ...w, status }) && w.kind !== "milestones" && w.due !== null && w.due < c.asOf;
  return {
    assignmentId: w.assignmentId,
    taskId: w.taskId,
    ref: w.ref,
    title: w.title,
    section: w.section,
    agencyId: w.agencyId,
    agencyName: c.names.get(w.agencyId) ?? w.agencyId,
    deadline: { kind: w.kind, due: w.due, indicative: w.indicative, text: c.texts.get(w.taskId) ?? "" },
    status,
    reportedThisPeriod: c.reportedIds.has(w.assignmentId),
    percent: r?.percent ?? null,
    description: r?.description ?? null,
    evidenceUrl: firstLink(r?.evidence ?? null),
    reportedAt: r ? localTime(r.submittedAt, c.timeZone) : null,
    daysOverdue: late && w.due ? daysBetween(w.due, c.asOf) : null,
  };
}

/**
 * The tally as of the period's deadline day, on the reports up to the period (as the rows read
 * them), or as of now when that day has not come yet.
 */
async function periodTally(
  deps: SynthesisDeps,
  planId: string,
  p: { period: string; asOf: string; now: Date },
) {
  const timeZone = deps.calendar.timeZone;
  const end = endOfLocalDay(p.asOf, timeZone);
  const at = new Date(Math.min(end.getTime(), p.now.getTime()));
  const t = await loadTally(deps.store, planId, { at, day: p.asOf, timeZone }, { upToPeriod: p.period });
  return { total: t.total, byAgency: Object.fromEntries(t.byAgency) };
}

/**
 * The monthly synthesis of one plan for one period: per agency, per task and lead agency, the
 * Annex I targets and who still owes a report. Statuses are as of the period (the latest report
 * up to it), so an old month reads the same whatever was reported later.
 */
export async function buildSynthesis(deps: SynthesisDeps, opts: SynthesisOptions): Promise<SynthesisModel> {
  const { store, calendar } = deps;
  const plan = pickPlan(await store.snapshot.plans(), opts.planId);
  const period = checkReportMonth(opts.period, plan, opts.now, calendar);
  const asOf = periodDeadline(period, rulesFor(deps.rulesFile, plan.id).cycle.deadlineDay);
  const directory = await store.snapshot.agencyDirectory();
  const { names } = directory;

  const { latest, before } = await statusesAsOf(store, plan.id, period);
  const work = await store.snapshot.work(plan.id);
  // What each agency owed for the period: what was still open when the period began.
  const owed = requiredByAgency(work.map((w) => ({ ...w, status: before.get(w.assignmentId) ?? null })));
  const requiredIds = new Set([...owed.values()].flat().map((w) => w.assignmentId));
  const reportedIds = await store.snapshot.reportedIn(period, plan.id);
  const context = {
    asOf,
    names,
    texts: await store.synthesis.deadlineTexts(plan.id),
    reportedIds,
    timeZone: calendar.timeZone,
  };
  const tasks = work.map((w) => taskRow(w, latest.get(w.assignmentId), context));

  const kinds = directory.kinds as Map<string, (typeof agencyKinds)[number]>;
  const { agencies, totals } = countByAgency(tasks, requiredIds, kinds);
  const states = completeness(owed, reportedIds).filter((s) => s.missing.length > 0);
  const incomplete = new Set(states.map((s) => s.agencyId));
  totals.completeAgencies = agencies.filter((a) => !incomplete.has(a.agencyId)).length;

  return {
    plan,
    period,
    asOf,
    sections: await store.synthesis.taskSections(plan.id),
    agencies,
    totals,
    tasks,
    targets: await latestTargets(store, { planId: plan.id, period, names, zone: calendar.timeZone }),
    missing: missingAgencies(agencies, incomplete, await focalPoints(store)),
    tally: await periodTally(deps, plan.id, { period, asOf, now: opts.now }),
    audit: await monthAudit(store, period, calendar.timeZone, names),
  };
}
