import type { Completeness, WorkItem } from "./snapshot.ts";

/**
 * A task late (or unreported) at this many agencies or more is told as one line, with the
 * per-agency detail one command away (/chitiet): at province scale a task led by every commune
 * would otherwise fill a coordinator's screen with 135 identical lines.
 */
export const COLLAPSE_AT = 5;

/** Agency kinds a count of agencies is named by ("135 xã, phường"); any other mix is "đơn vị". */
const COMMUNE_KINDS = new Set(["commune", "ward"]);

export interface ManyLine {
  ref: string;
  title: string;
  due: string | null;
  count: number;
  kind: "communes" | "agencies";
  items: WorkItem[];
}

function manyLine(items: WorkItem[], kinds: Map<string, string> | undefined): ManyLine {
  const first = items[0] as WorkItem;
  const communes = items.every((w) => COMMUNE_KINDS.has(kinds?.get(w.agencyId) ?? ""));
  return {
    ref: first.ref,
    title: first.title,
    due: first.due,
    count: new Set(items.map((w) => w.agencyId)).size,
    kind: communes ? "communes" : "agencies",
    items,
  };
}

/** Refs in plan order: "II.4" before "II.10", "IX.1" after "VIII.3". */
export function compareRefs(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** Tasks late at many agencies as one line each (worst first); the rest stay per agency. */
export function collapseByTask(
  items: WorkItem[],
  kinds?: Map<string, string>,
): { many: ManyLine[]; rest: WorkItem[] } {
  const byTask = new Map<number, WorkItem[]>();
  for (const w of items) byTask.set(w.taskId, [...(byTask.get(w.taskId) ?? []), w]);
  const many: ManyLine[] = [];
  const collapsed = new Set<number>();
  for (const [taskId, list] of byTask) {
    if (new Set(list.map((w) => w.agencyId)).size < COLLAPSE_AT) continue;
    collapsed.add(taskId);
    many.push(manyLine(list, kinds));
  }
  // The longest late first (tasks with no date last), then the most agencies, then plan order.
  many.sort(
    (a, b) =>
      (a.due ?? "9999").localeCompare(b.due ?? "9999") || b.count - a.count || compareRefs(a.ref, b.ref),
  );
  return { many, rest: items.filter((w) => !collapsed.has(w.taskId)) };
}

/**
 * The missing list: tasks unreported at many agencies as one line each, and the agencies one
 * line each, fewest reported first, then by name. An agency is left to the task lines only
 * when it owes nothing else and shares what it owes with many others (the communes): a
 * department owing the same tasks plus its own is still named.
 */
export function collapseMissing(
  incomplete: Completeness[],
  names: Map<string, string>,
  kinds?: Map<string, string>,
): { many: ManyLine[]; agencies: Completeness[] } {
  const { many, rest } = collapseByTask(
    incomplete.flatMap((c) => c.missing),
    kinds,
  );
  const owesOther = new Set(rest.map((w) => w.agencyId));
  const owed = (c: Completeness) =>
    c.missing
      .map((w) => w.taskId)
      .sort((a, b) => a - b)
      .join(",");
  const cohorts = new Map<string, number>();
  for (const c of incomplete) cohorts.set(owed(c), (cohorts.get(owed(c)) ?? 0) + 1);
  const named = incomplete.filter(
    (c) => owesOther.has(c.agencyId) || (cohorts.get(owed(c)) ?? 0) < COLLAPSE_AT,
  );
  many.sort((a, b) => b.count - a.count || compareRefs(a.ref, b.ref));
  return { many, agencies: byShareThenName(named, names) };
}

const shareOf = (c: Completeness) => (c.required ? c.reported / c.required : 1);

/** Each agency's share of the period's reports sent (0–1): the tie-breaker of every list. */
export function reportedShares(list: Completeness[]): Map<string, number> {
  return new Map(list.map((c) => [c.agencyId, shareOf(c)]));
}

/** Lowest share reported first; equal shares by name, as Vietnamese sorts it. */
export function byShareThenName(list: Completeness[], names: Map<string, string>): Completeness[] {
  const name = (id: string) => names.get(id) ?? id;
  return [...list].sort(
    (a, b) => shareOf(a) - shareOf(b) || name(a.agencyId).localeCompare(name(b.agencyId), "vi"),
  );
}
