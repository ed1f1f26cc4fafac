import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../db/connection.ts";
import { plans, sections, targets, targetTrackers, taskLeads, taskPartners, tasks } from "../db/schema.ts";
import type { Party } from "./gazetteer.ts";
import type { ParsedPlan } from "./plan-parser.ts";
import { type ItemCounts, reconcile } from "./reconcile.ts";

/**
 * Writes a parsed plan inside the caller's transaction. Tasks and targets are matched by ref,
 * updated in place, and archived (never deleted) when they disappear from the document.
 */
export function writePlan(
  tx: Tx,
  input: { planId: string; sourceName: string; hash: string },
  parsed: ParsedPlan,
  now: string,
): { tasks: ItemCounts; targets: ItemCounts } {
  const { planId } = input;
  tx.insert(plans)
    .values({
      id: planId,
      title: parsed.title,
      sourceName: input.sourceName,
      contentHash: input.hash,
      importedAt: now,
    })
    .onConflictDoUpdate({
      target: plans.id,
      set: { title: parsed.title, sourceName: input.sourceName, contentHash: input.hash, importedAt: now },
    })
    .run();
  const sectionIds = new Map<string, number>();
  for (const s of parsed.sections) {
    const row = tx
      .insert(sections)
      .values({ planId, ...s })
      .onConflictDoUpdate({
        target: [sections.planId, sections.annex, sections.numeral],
        set: { title: s.title, position: s.position },
      })
      .returning({ id: sections.id })
      .get();
    sectionIds.set(`${s.annex}:${s.numeral}`, row.id);
  }
  return {
    tasks: importTasks(tx, planId, parsed, sectionIds, now),
    targets: importTargets(tx, planId, parsed, sectionIds, now),
  };
}

type PartyTable = typeof taskLeads | typeof taskPartners;

function writeParties(tx: Tx, table: PartyTable, taskId: number, parties: Party[]): void {
  tx.delete(table).where(eq(table.taskId, taskId)).run();
  parties.forEach((p, position) => {
    tx.insert(table)
      .values({ taskId, position, agencyId: p.agencyId ?? null, groupId: p.groupId ?? null })
      .run();
  });
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

function importTasks(
  tx: Tx,
  planId: string,
  parsed: ParsedPlan,
  sectionIds: Map<string, number>,
  now: string,
) {
  const stored = (table: PartyTable, taskId: number) =>
    partiesKey(tx.select().from(table).where(eq(table.taskId, taskId)).orderBy(table.position).all());
  return reconcile(tx.select().from(tasks).where(eq(tasks.planId, planId)).all(), parsed.tasks, {
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
    insert: (values) => tx.insert(tasks).values(values).returning({ id: tasks.id }).get().id,
    update: (id, values) => tx.update(tasks).set(values).where(eq(tasks.id, id)).run(),
    archive: (id) => tx.update(tasks).set({ archivedAt: now }).where(eq(tasks.id, id)).run(),
    sameParts: (old, t) =>
      stored(taskLeads, old.id) === partiesKey(t.leads) &&
      stored(taskPartners, old.id) === partiesKey(t.partners),
    writeParts: (id, t) => {
      writeParties(tx, taskLeads, id, t.leads);
      writeParties(tx, taskPartners, id, t.partners);
    },
  });
}

function importTargets(
  tx: Tx,
  planId: string,
  parsed: ParsedPlan,
  sectionIds: Map<string, number>,
  now: string,
) {
  const trackers = (targetId: number) =>
    tx
      .select()
      .from(targetTrackers)
      .where(eq(targetTrackers.targetId, targetId))
      .orderBy(targetTrackers.position)
      .all();
  return reconcile(tx.select().from(targets).where(eq(targets.planId, planId)).all(), parsed.targets, {
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
    insert: (values) => tx.insert(targets).values(values).returning({ id: targets.id }).get().id,
    update: (id, values) => tx.update(targets).set(values).where(eq(targets.id, id)).run(),
    archive: (id) =>
      tx
        .update(targets)
        .set({ archivedAt: now })
        .where(and(eq(targets.id, id), isNull(targets.archivedAt)))
        .run(),
    sameParts: (old, t) => partiesKey(trackers(old.id)) === partiesKey(t.trackers),
    writeParts: (targetId, t) => {
      tx.delete(targetTrackers).where(eq(targetTrackers.targetId, targetId)).run();
      t.trackers.forEach((p, position) => {
        tx.insert(targetTrackers)
          .values({ targetId, position, agencyId: p.agencyId ?? null, groupId: p.groupId ?? null })
          .run();
      });
    },
  });
}
