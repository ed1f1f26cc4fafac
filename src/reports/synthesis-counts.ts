import { agencyKinds } from "../db/schema.ts";
import type { AgencySummary, Counts, MissingAgency, TaskRow, Totals } from "./model.ts";

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
 * The counts per agency and over the plan. Agencies come in the order of their kind (ministries
 * first), then by Vietnamese name; `completeAgencies` is left for the caller, who knows who owes.
 */
export function countByAgency(
  tasks: TaskRow[],
  requiredIds: Set<number>,
  kinds: Map<string, (typeof agencyKinds)[number]>,
): { agencies: AgencySummary[]; totals: Totals } {
  const byAgency = new Map<string, AgencySummary>();
  const totals: Totals = {
    ...emptyCounts(),
    agencies: 0,
    completeAgencies: 0,
    tasks: new Set(tasks.map((t) => t.taskId)).size,
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
  return { agencies, totals };
}

/** The agencies still owing part of the period's report, with whom to ask. */
export function missingAgencies(
  agencies: AgencySummary[],
  incomplete: Set<string>,
  focal: Map<string, MissingAgency["focalPoints"]>,
): MissingAgency[] {
  return agencies
    .filter((a) => incomplete.has(a.agencyId))
    .map((a) => ({
      agencyId: a.agencyId,
      name: a.name,
      required: a.required,
      reported: a.reportedRequired,
      focalPoints: focal.get(a.agencyId) ?? [],
    }));
}
