import { and, count, eq, isNull } from "drizzle-orm";
import type { Q, Tables } from "./context.ts";

/**
 * The writes of a plan import (catalog/plan-write.ts decides what to write; reconcile.ts matches
 * rows by ref). Each runs in the caller's transaction: the import is one.
 */

type TaskValues = Tables["tasks"]["$inferInsert"];
type TargetValues = Tables["targets"]["$inferInsert"];
type PlanValues = Tables["plans"]["$inferInsert"];
type SectionValues = Omit<Tables["sections"]["$inferInsert"], "id">;
/** Who a task or target names, in the document's order. */
export interface PartyRef {
  agencyId?: string | null;
  groupId?: string | null;
}

/** Creates the plan or refreshes its title, source and hash. */
async function upsertPlan(q: Q, plan: PlanValues): Promise<void> {
  const { plans } = q.t;
  const { id: _id, ...set } = plan;
  await q.db.insert(plans).values(plan).onConflictDoUpdate({ target: plans.id, set });
}

/** Creates the section or refreshes its title and position; its id either way. */
async function upsertSection(q: Q, section: SectionValues): Promise<number> {
  const { sections } = q.t;
  const [row] = await q.db
    .insert(sections)
    .values(section)
    .onConflictDoUpdate({
      target: [sections.planId, sections.annex, sections.numeral],
      set: { title: section.title, position: section.position },
    })
    .returning({ id: sections.id });
  if (!row) throw new Error("store: upsert returned no section");
  return row.id;
}

/** Every task of the plan, archived ones too (a re-import revives them). */
async function planTasks(q: Q, planId: string) {
  return q.db.select().from(q.t.tasks).where(eq(q.t.tasks.planId, planId));
}

/** Every target of the plan, archived ones too. */
async function planTargets(q: Q, planId: string) {
  return q.db.select().from(q.t.targets).where(eq(q.t.targets.planId, planId));
}

async function insertTask(q: Q, values: TaskValues): Promise<number> {
  const [row] = await q.db.insert(q.t.tasks).values(values).returning({ id: q.t.tasks.id });
  if (!row) throw new Error("store: insert returned no task");
  return row.id;
}

async function updateTask(q: Q, id: number, values: TaskValues): Promise<void> {
  await q.db.update(q.t.tasks).set(values).where(eq(q.t.tasks.id, id));
}

async function archiveTask(q: Q, id: number, now: string): Promise<void> {
  await q.db.update(q.t.tasks).set({ archivedAt: now }).where(eq(q.t.tasks.id, id));
}

async function insertTarget(q: Q, values: TargetValues): Promise<number> {
  const [row] = await q.db.insert(q.t.targets).values(values).returning({ id: q.t.targets.id });
  if (!row) throw new Error("store: insert returned no target");
  return row.id;
}

async function updateTarget(q: Q, id: number, values: TargetValues): Promise<void> {
  await q.db.update(q.t.targets).set(values).where(eq(q.t.targets.id, id));
}

/** Archives a live target; one archived already keeps its date. */
async function archiveTarget(q: Q, id: number, now: string): Promise<void> {
  const { targets } = q.t;
  await q.db
    .update(targets)
    .set({ archivedAt: now })
    .where(and(eq(targets.id, id), isNull(targets.archivedAt)));
}

const partyTable = (q: Q, role: "lead" | "partner") => (role === "lead" ? q.t.taskLeads : q.t.taskPartners);

/** A task's leads or partners in the document's order. */
async function taskParties(q: Q, role: "lead" | "partner", taskId: number) {
  const table = partyTable(q, role);
  return q.db.select().from(table).where(eq(table.taskId, taskId)).orderBy(table.position);
}

/** Replaces a task's leads or partners with `parties`, in that order. */
async function replaceTaskParties(
  q: Q,
  role: "lead" | "partner",
  taskId: number,
  parties: PartyRef[],
): Promise<void> {
  const table = partyTable(q, role);
  await q.db.delete(table).where(eq(table.taskId, taskId));
  for (const [position, p] of parties.entries())
    await q.db
      .insert(table)
      .values({ taskId, position, agencyId: p.agencyId ?? null, groupId: p.groupId ?? null });
}

/** Who tracks a target, in the document's order. */
async function targetTrackers(q: Q, targetId: number) {
  const { targetTrackers: table } = q.t;
  return q.db.select().from(table).where(eq(table.targetId, targetId)).orderBy(table.position);
}

/** Replaces who tracks a target with `parties`, in that order. */
async function replaceTargetTrackers(q: Q, targetId: number, parties: PartyRef[]): Promise<void> {
  const { targetTrackers: table } = q.t;
  await q.db.delete(table).where(eq(table.targetId, targetId));
  for (const [position, p] of parties.entries())
    await q.db
      .insert(table)
      .values({ targetId, position, agencyId: p.agencyId ?? null, groupId: p.groupId ?? null });
}

/** Live tasks and targets of a plan, for the import's guard against emptying it. */
async function liveCounts(q: Q, planId: string): Promise<{ tasks: number; targets: number }> {
  const n = async (table: Tables["tasks"] | Tables["targets"]) => {
    const [row] = await q.db
      .select({ n: count() })
      .from(table)
      .where(and(eq(table.planId, planId), isNull(table.archivedAt)));
    return Number(row?.n ?? 0);
  };
  return { tasks: await n(q.t.tasks), targets: await n(q.t.targets) };
}

export const catalogWrite = {
  upsertPlan,
  upsertSection,
  planTasks,
  planTargets,
  insertTask,
  updateTask,
  archiveTask,
  insertTarget,
  updateTarget,
  archiveTarget,
  taskParties,
  replaceTaskParties,
  targetTrackers,
  replaceTargetTrackers,
  liveCounts,
};
