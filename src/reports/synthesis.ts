import type Database from "better-sqlite3";
import { agencyKinds, type ReportStatus } from "../db/schema.ts";
import { isClosed } from "../domain/closed.ts";
import { daysBetween, periodDeadline } from "../domain/period.ts";
import { type rulesFileSchema, rulesFor } from "../domain/rules.ts";
import type { WorkingCalendar } from "../domain/working-time.ts";
import { completeness, requiredByAgency, Snapshot } from "../engine/snapshot.ts";
import type { AgencySummary, Counts, MissingAgency, SynthesisModel, TaskRow } from "./model.ts";
import { checkReportMonth } from "./months.ts";
import {
  agencyRows,
  deadlineTexts,
  findPlan,
  focalPoints,
  latestTargets,
  localTime,
  type ReportRow,
  reportsUpTo,
  taskSections,
} from "./synthesis-queries.ts";

export interface SynthesisDeps {
  sqlite: Database.Database;
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

function emptyCounts(): Counts {
  return {
    assigned: 0,
    required: 0,
    reported: 0,
    reportedRequired: 0,
    done: 0,
    inProgress: 0,
    blocked: 0,
    overdue: 0,
    rate: 1,
  };
}

function tally(c: Counts, row: TaskRow, required: boolean): void {
  c.assigned++;
  if (required) c.required++;
  if (row.reportedThisPeriod) c.reported++;
  if (required && row.reportedThisPeriod) c.reportedRequired++;
  if (row.status === "done") c.done++;
  if (row.status === "in_progress") c.inProgress++;
  if (row.status === "blocked") c.blocked++;
  if (row.daysOverdue !== null) c.overdue++;
  c.rate = c.required === 0 ? 1 : c.reportedRequired / c.required;
}

/**
 * The monthly synthesis of one plan for one period: per agency, per task and lead agency, the
 * Annex I targets and who still owes a report. Statuses are as of the period (the latest report
 * up to it), so an old month reads the same whatever was reported later.
 */
export function buildSynthesis(deps: SynthesisDeps, opts: SynthesisOptions): SynthesisModel {
  const { sqlite, calendar } = deps;
  const plan = findPlan(sqlite, opts.planId);
  const period = checkReportMonth(opts.period, plan, opts.now, calendar);
  const asOf = periodDeadline(period, rulesFor(deps.rulesFile, plan.id).cycle.deadlineDay);
  const snapshot = new Snapshot(sqlite);
  const names = snapshot.agencyNames();
  const texts = deadlineTexts(sqlite, plan.id);

  const latest = new Map<number, ReportRow>();
  const before = new Map<number, ReportStatus>();
  for (const r of reportsUpTo(sqlite, plan.id, period)) {
    latest.set(r.assignmentId, r);
    if (r.period < period) before.set(r.assignmentId, r.status);
  }
  const work = snapshot.work(plan.id);
  // What each agency owed for the period: what was still open when the period began.
  const owed = requiredByAgency(work.map((w) => ({ ...w, status: before.get(w.assignmentId) ?? null })));
  const requiredIds = new Set([...owed.values()].flat().map((w) => w.assignmentId));
  const reportedIds = snapshot.reportedIn(period, plan.id);

  const tasks: TaskRow[] = work.map((w) => {
    const r = latest.get(w.assignmentId);
    const status = r?.status ?? null;
    const late = !isClosed({ ...w, status }) && w.kind !== "milestones" && w.due !== null && w.due < asOf;
    return {
      assignmentId: w.assignmentId,
      taskId: w.taskId,
      ref: w.ref,
      title: w.title,
      section: w.section,
      agencyId: w.agencyId,
      agencyName: names.get(w.agencyId) ?? w.agencyId,
      deadline: { kind: w.kind, due: w.due, indicative: w.indicative, text: texts.get(w.taskId) ?? "" },
      status,
      reportedThisPeriod: reportedIds.has(w.assignmentId),
      percent: r?.percent ?? null,
      description: r?.description ?? null,
      evidenceUrl: firstLink(r?.evidence ?? null),
      reportedAt: r ? localTime(r.submittedAt, calendar.timeZone) : null,
      daysOverdue: late && w.due ? daysBetween(w.due, asOf) : null,
    };
  });

  const kinds = new Map(agencyRows(sqlite).map((a) => [a.id, a.kind as (typeof agencyKinds)[number]]));
  const byAgency = new Map<string, AgencySummary>();
  const totals = {
    ...emptyCounts(),
    agencies: 0,
    completeAgencies: 0,
    tasks: new Set(work.map((w) => w.taskId)).size,
  };
  for (const row of tasks) {
    const a = byAgency.get(row.agencyId) ?? {
      agencyId: row.agencyId,
      name: row.agencyName,
      ...emptyCounts(),
    };
    const required = requiredIds.has(row.assignmentId);
    tally(a, row, required);
    tally(totals, row, required);
    byAgency.set(row.agencyId, a);
  }
  const collator = new Intl.Collator("vi");
  const rank = (id: string) => agencyKinds.indexOf(kinds.get(id) ?? "external");
  const agencies = [...byAgency.values()].sort(
    (a, b) => rank(a.agencyId) - rank(b.agencyId) || collator.compare(a.name, b.name),
  );
  totals.agencies = agencies.length;

  const states = completeness(owed, reportedIds).filter((s) => s.missing.length > 0);
  const incomplete = new Set(states.map((s) => s.agencyId));
  totals.completeAgencies = agencies.filter((a) => !incomplete.has(a.agencyId)).length;
  const focal = focalPoints(sqlite);
  const missing: MissingAgency[] = agencies
    .filter((a) => incomplete.has(a.agencyId))
    .map((a) => ({
      agencyId: a.agencyId,
      name: a.name,
      required: a.required,
      reported: a.reportedRequired,
      focalPoints: focal.get(a.agencyId) ?? [],
    }));

  return {
    plan,
    period,
    asOf,
    sections: taskSections(sqlite, plan.id),
    agencies,
    totals,
    tasks,
    targets: latestTargets(sqlite, { planId: plan.id, period, names, zone: calendar.timeZone }),
    missing,
  };
}
