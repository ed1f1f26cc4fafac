import type { Store } from "../store/index.ts";
import type { ParsedPlan } from "./plan-parser.ts";
import { type ItemCounts, reconcile } from "./reconcile.ts";

/**
 * Writes a parsed plan inside the caller's transaction (`store` is the one it hands out). Tasks
 * and targets are matched by ref, updated in place, and archived (never deleted) when they
 * disappear from the document.
 */
export async function writePlan(
  store: Store,
  input: { planId: string; sourceName: string; hash: string },
  parsed: ParsedPlan,
  now: string,
): Promise<{ tasks: ItemCounts; targets: ItemCounts }> {
  const { planId } = input;
  await store.catalog.upsertPlan({
    id: planId,
    title: parsed.title,
    sourceName: input.sourceName,
    contentHash: input.hash,
    importedAt: now,
  });
  const sectionIds = new Map<string, number>();
  for (const s of parsed.sections)
    sectionIds.set(`${s.annex}:${s.numeral}`, await store.catalog.upsertSection({ planId, ...s }));
  return {
    tasks: await importTasks(store, planId, parsed, sectionIds, now),
    targets: await importTargets(store, planId, parsed, sectionIds, now),
  };
}

const partiesKey = (ps: { agencyId?: string | null; groupId?: string | null }[]) =>
  ps.map((p) => p.agencyId ?? `group:${p.groupId}`).join(",");

/** Where a task or target stands in the plan, as both tables store it. */
function placement(
  planId: string,
  annex: "tasks" | "targets",
  t: { ref: string; section: string; number: string; position: number; title: string },
  sectionIds: Map<string, number>,
) {
  return {
    planId,
    ref: t.ref,
    sectionId: sectionIds.get(`${annex}:${t.section}`) ?? 0,
    number: t.number,
    position: t.position,
    title: t.title,
  };
}

async function importTasks(
  store: Store,
  planId: string,
  parsed: ParsedPlan,
  sectionIds: Map<string, number>,
  now: string,
) {
  const { catalog } = store;
  const stored = async (role: "lead" | "partner", taskId: number) =>
    partiesKey(await catalog.taskParties(role, taskId));
  return reconcile(await catalog.planTasks(planId), parsed.tasks, {
    values: (t) => ({
      ...placement(planId, "tasks", t, sectionIds),
      output: t.output,
      deadlineKind: t.deadline.kind,
      deadlineText: t.deadline.text,
      dueDate: t.deadline.due,
      indicative: t.deadline.indicative,
      condition: t.deadline.condition,
      quota: t.deadline.quota,
      milestones: t.deadline.milestones,
      startDate: t.deadline.start ?? null,
      every: t.deadline.every ?? null,
      notes: t.notes.length ? t.notes : null,
      archivedAt: null,
    }),
    insert: (values) => catalog.insertTask(values),
    update: (id, values) => catalog.updateTask(id, values),
    archive: (id) => catalog.archiveTask(id, now),
    sameParts: async (old, t) =>
      (await stored("lead", old.id)) === partiesKey(t.leads) &&
      (await stored("partner", old.id)) === partiesKey(t.partners),
    writeParts: async (id, t) => {
      await catalog.replaceTaskParties("lead", id, t.leads);
      await catalog.replaceTaskParties("partner", id, t.partners);
    },
  });
}

async function importTargets(
  store: Store,
  planId: string,
  parsed: ParsedPlan,
  sectionIds: Map<string, number>,
  now: string,
) {
  const { catalog } = store;
  return reconcile(await catalog.planTargets(planId), parsed.targets, {
    values: (t) => ({
      ...placement(planId, "targets", t, sectionIds),
      unit: t.unit,
      target2026Text: t.target2026?.text ?? "",
      target2026Op: t.target2026?.op ?? null,
      target2026Value: t.target2026?.value ?? null,
      target2030Text: t.target2030?.text ?? "",
      target2030Op: t.target2030?.op ?? null,
      target2030Value: t.target2030?.value ?? null,
      otherYears: t.otherYears.length ? t.otherYears : null,
      archivedAt: null,
    }),
    insert: (values) => catalog.insertTarget(values),
    update: (id, values) => catalog.updateTarget(id, values),
    archive: (id) => catalog.archiveTarget(id, now),
    sameParts: async (old, t) => partiesKey(await catalog.targetTrackers(old.id)) === partiesKey(t.trackers),
    writeParts: (targetId, t) => catalog.replaceTargetTrackers(targetId, t.trackers),
  });
}
