import { periodOf } from "../domain/period.ts";
import { defaultPlanId } from "../people/subscriptions.ts";
import type { SynthesisModel } from "../reports/model.ts";
import { planStartMonth, previousMonth, readMonth } from "../reports/months.ts";
import { pickPlan } from "../reports/synthesis-queries.ts";
import type { WebDeps } from "./deps.ts";

/** The months a synthesis exists for, newest first (the rule /export applies), and the default one. */
export async function reportMonths(deps: WebDeps) {
  const plan = pickPlan(await deps.store.snapshot.plans(), await defaultPlanId(deps.store));
  const today = deps.calendar.localDate(deps.now());
  const current = today.slice(0, 7);
  const start = planStartMonth(plan) ?? current;
  const months: string[] = [];
  for (let m = current; m >= start && months.length < 120; m = previousMonth(m)) months.push(m);
  // As /export: the month being reported on now (before the 10th, last month).
  const period = periodOf(today, deps.rules(plan.id).cycle.deadlineDay);
  return { months, period, planId: plan.id };
}

/** A month from the query string, only when it is one of those offered. */
export function pickMonth(value: string | undefined, months: string[], fallback: string): string {
  const m = value ? readMonth(value) : undefined;
  return m && months.includes(m) ? m : fallback;
}

export interface LateAgency {
  agencyId: string;
  name: string;
  /** The local day of the agency's last report for the month, after the deadline. */
  lastDay: string;
}

/**
 * Agencies that reported for the month after its deadline (the synthesis's `asOf`): the day of
 * their last current report on a lead task of the month is later than the deadline day.
 */
export async function lateAgencies(deps: WebDeps, model: SynthesisModel): Promise<LateAgency[]> {
  const agencyOf = new Map(model.tasks.map((r) => [r.assignmentId, r.agencyId]));
  const last = new Map<string, string>();
  for (const r of await deps.store.synthesis.reportsUpTo(model.plan.id, model.period)) {
    const agency = agencyOf.get(r.assignmentId);
    if (r.period !== model.period || !agency) continue;
    const day = deps.calendar.localDate(new Date(r.submittedAt));
    if (day > (last.get(agency) ?? "")) last.set(agency, day);
  }
  const names = new Map(model.agencies.map((a) => [a.agencyId, a.name]));
  return [...last]
    .filter(([, day]) => day > model.asOf)
    .map(([agencyId, lastDay]) => ({ agencyId, name: names.get(agencyId) ?? agencyId, lastDay }))
    .sort((a, b) => b.lastDay.localeCompare(a.lastDay) || a.name.localeCompare(b.name, "vi"));
}
