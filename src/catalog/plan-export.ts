import { UserError } from "../errors.ts";
import type { Tables } from "../store/context.ts";
import type { Store } from "../store/index.ts";
import type { TargetValue } from "./target-value.ts";

type Rows = NonNullable<Awaited<ReturnType<Store["catalog"]["planRows"]>>>;
type Party = { taskId?: number; targetId?: number; agencyId: string | null; groupId: string | null };

/** The shape `plan export --json` prints; later issues and outside checks rely on it. */
export async function exportPlan(store: Store, planId?: string) {
  const id = await store.catalog.planId(planId);
  const rows = id === undefined ? undefined : await store.catalog.planRows(id);
  if (!rows) throw new UserError(planId ? "err-plan-unknown" : "err-no-plan", { plan: planId ?? "" });
  const { plan, sections } = rows;
  const numeral = new Map(sections.map((s) => [s.id, s.numeral]));
  // Tasks and targets are headed alike: where they stand in the document.
  const heading = (row: { ref: string; sectionId: number; number: string; title: string }) => ({
    ref: row.ref,
    section: numeral.get(row.sectionId) ?? "",
    number: row.number,
    title: row.title,
  });
  const of = (parties: Party[], key: "taskId" | "targetId", id: number) =>
    parties.filter((p) => p[key] === id).map((r) => r.agencyId ?? r.groupId ?? "");
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      source: plan.sourceName,
      importedAt: plan.importedAt,
      sections: sections.map((s) => ({ annex: s.annex, numeral: s.numeral, title: s.title })),
    },
    ...agenciesAndGroups(rows),
    tasks: rows.tasks.map((t) => ({
      ...heading(t),
      leads: of(rows.leads, "taskId", t.id),
      partners: of(rows.partners, "taskId", t.id),
      deadline: deadlineOf(t),
      output: t.output,
      ...(t.notes?.length ? { notes: t.notes } : {}),
    })),
    targets: rows.targets.map((t) => ({
      ...heading(t),
      unit: t.unit,
      target2026: value(t.target2026Text, t.target2026Op, t.target2026Value),
      target2030: value(t.target2030Text, t.target2030Op, t.target2030Value),
      ...(t.otherYears?.length ? { otherYears: t.otherYears } : {}),
      trackers: of(rows.trackers, "targetId", t.id),
    })),
  };
}

function agenciesAndGroups(rows: Rows) {
  const aliasesOf = (id: string, field: "agencyId" | "groupId", name: string) =>
    rows.aliases.filter((a) => a[field] === id && a.alias !== name).map((a) => a.alias);
  return {
    agencies: rows.agencies.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      aliases: aliasesOf(a.id, "agencyId", a.name),
    })),
    groups: rows.groups.map((g) => ({
      id: g.id,
      name: g.name,
      aliases: aliasesOf(g.id, "groupId", g.name),
      members: rows.members.filter((m) => m.groupId === g.id).map((m) => m.agencyId),
    })),
  };
}

function deadlineOf(t: Tables["tasks"]["$inferSelect"]) {
  return {
    kind: t.deadlineKind,
    due: t.dueOverride ?? t.dueDate,
    indicative: t.indicative,
    milestones: t.milestones ?? null,
    condition: t.condition,
    quota: t.quota ?? null,
    text: t.deadlineText,
    // Only where the document gives them, so the documented shape stays as it was.
    ...(t.startDate ? { start: t.startDate } : {}),
    ...(t.every ? { every: t.every } : {}),
  };
}

function value(text: string, op: string | null, v: number | null): TargetValue | null {
  if (text === "") return null;
  return { text, op: op as TargetValue["op"], value: v };
}
