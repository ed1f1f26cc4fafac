import type { Store } from "../store/index.ts";
import type { ParsedPlan, UnknownName } from "./plan-parser.ts";

/** What a coordinator checks before saying yes to an import (`plan import --dry-run`). */
export interface ImportReport {
  sections: { annex: "targets" | "tasks"; numeral: string; title: string; items: number }[];
  deadlineKinds: Record<string, number>;
  /** Tasks imported with no date: a coordinator gives them one with /setdue. */
  undated: { ref: string; title: string; text: string }[];
  /** Distinct agencies and groups the document names that the directory knows. */
  matched: number;
  unknown: UnknownName[];
  /** Agencies created from unknown names (--new-agencies). */
  created: string[];
  /** The agencies with the most live assignments in this plan. */
  top: { id: string; name: string; count: number }[];
}

export async function buildReport(
  store: Store,
  planId: string,
  parsed: ParsedPlan,
  created: string[],
): Promise<ImportReport> {
  const perSection = (annex: "targets" | "tasks", list: { section: string }[]) =>
    parsed.sections
      .filter((s) => s.annex === annex)
      .map((s) => ({
        annex,
        numeral: s.numeral,
        title: s.title,
        items: list.filter((i) => i.section === s.numeral).length,
      }));
  const deadlineKinds: Record<string, number> = {};
  for (const t of parsed.tasks) deadlineKinds[t.deadline.kind] = (deadlineKinds[t.deadline.kind] ?? 0) + 1;
  const named = new Set<string>();
  for (const t of parsed.tasks)
    for (const p of [...t.leads, ...t.partners]) named.add(p.agencyId ?? `group:${p.groupId}`);
  for (const t of parsed.targets) for (const p of t.trackers) named.add(p.agencyId ?? `group:${p.groupId}`);
  const createdSet = new Set(created);
  const top = await store.catalog.topAgencies(planId, 5);
  return {
    sections: [...perSection("targets", parsed.targets), ...perSection("tasks", parsed.tasks)],
    deadlineKinds,
    undated: parsed.tasks
      .filter((t) => t.deadline.kind === "none")
      .map((t) => ({ ref: t.ref, title: t.title, text: t.deadline.text })),
    matched: [...named].filter((id) => !createdSet.has(id)).length,
    unknown: parsed.unknown,
    created,
    top,
  };
}
