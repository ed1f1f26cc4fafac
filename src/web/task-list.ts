import { deadlineKinds, reportStatuses } from "../db/schema.ts";
import { isClosed } from "../domain/closed.ts";
import { Snapshot, type WorkItem } from "../engine/snapshot.ts";
import { defaultPlanId } from "../people/subscriptions.ts";
import type { WebDeps } from "./deps.ts";

/** What the task list may be filtered by; anything else in the query string is ignored. */
export interface TaskFilter {
  section?: string;
  agency?: string;
  /** A report status, "none" (never reported) or "overdue". */
  status?: string;
  kind?: string;
}

export const STATUS_FILTERS = [...reportStatuses, "none", "overdue"] as const;

export interface TaskLine
  extends Pick<WorkItem, "taskId" | "ref" | "title" | "section" | "kind" | "due" | "indicative"> {
  /** The lead agencies the filter kept, each with its latest status. */
  leads: { agencyId: string; name: string; status: string | null; overdue: boolean }[];
}

/** Keeps only values the page offers: a forged query string filters by nothing rather than failing. */
export function readFilter(q: Record<string, string | undefined>, known: TaskChoices): TaskFilter {
  const pick = (v: string | undefined, allowed: readonly string[]) =>
    v && allowed.includes(v) ? v : undefined;
  const f: TaskFilter = {};
  const section = pick(
    q.section,
    known.sections.map((s) => s.numeral),
  );
  const agency = pick(
    q.agency,
    known.agencies.map((a) => a.id),
  );
  const status = pick(q.status, STATUS_FILTERS);
  const kind = pick(q.kind, deadlineKinds);
  if (section) f.section = section;
  if (agency) f.agency = agency;
  if (status) f.status = status;
  if (kind) f.kind = kind;
  return f;
}

export interface TaskChoices {
  sections: { numeral: string; title: string }[];
  agencies: { id: string; name: string }[];
}

/** One collator for every sort: localeCompare with a locale builds one per comparison. */
const byName = new Intl.Collator("vi");

/** Late as /trehan counts it: a lead not closed, with a date before today (milestones aside). */
const isLate = (w: WorkItem, day: string) =>
  !isClosed(w) && w.kind !== "milestones" && w.due !== null && w.due < day;

const matches = (w: WorkItem, f: TaskFilter, day: string) =>
  (!f.agency || w.agencyId === f.agency) &&
  (!f.status || (f.status === "overdue" ? isLate(w, day) : (w.status ?? "none") === f.status));

/**
 * The plan's tasks with their lead agencies, from the same live work the engine and /trehan read.
 * A task is kept when one of its leads matches the agency and status asked for.
 */
export async function taskList(deps: WebDeps, query: Record<string, string | undefined>) {
  const planId = await defaultPlanId(deps.store);
  const day = deps.calendar.localDate(deps.now());
  const snapshot = await new Snapshot(deps.store).load({ shared: true, plan: planId, onePlan: true });
  const names = snapshot.agencyNames();
  const work = snapshot.work(planId);
  const agencyIds = new Set(work.map((w) => w.agencyId));
  const choices: TaskChoices = {
    sections: await deps.store.synthesis.taskSections(planId),
    agencies: [...agencyIds]
      .map((id) => ({ id, name: names.get(id) ?? id }))
      .sort((a, b) => byName.compare(a.name, b.name)),
  };
  const filter = readFilter(query, choices);
  const byTask = new Map<number, TaskLine>();
  for (const w of work) {
    if (filter.section && w.section !== filter.section) continue;
    if (filter.kind && w.kind !== filter.kind) continue;
    if (!matches(w, filter, day)) continue;
    const line = byTask.get(w.taskId) ?? {
      taskId: w.taskId,
      ...{ ref: w.ref, title: w.title, section: w.section, kind: w.kind },
      ...{ due: w.due, indicative: w.indicative, leads: [] },
    };
    const name = names.get(w.agencyId) ?? w.agencyId;
    line.leads.push({ agencyId: w.agencyId, name, status: w.status, overdue: isLate(w, day) });
    byTask.set(w.taskId, line);
  }
  return { tasks: [...byTask.values()], choices, filter };
}
