import { and, eq, isNull } from "drizzle-orm";
import { inCodeOrder, type Q } from "./context.ts";

/**
 * Everything `plan export` prints of one plan, as stored: its sections in annex order, the
 * directory (agencies, groups, aliases, members), its live tasks and targets in the plan's
 * order, and their parties by task (or target) and position. Undefined when the plan is unknown.
 * The shaping stays in catalog/plan-export.ts.
 */
async function planRows(q: Q, planId: string) {
  const t = q.t;
  const [plan] = await q.db.select().from(t.plans).where(eq(t.plans.id, planId));
  if (!plan) return undefined;
  return {
    plan,
    sections: await q.db
      .select()
      .from(t.sections)
      .where(eq(t.sections.planId, plan.id))
      .orderBy(t.sections.annex, t.sections.position),
    aliases: await q.db.select().from(t.aliases).orderBy(inCodeOrder(q, t.aliases.alias)),
    members: await q.db.select().from(t.groupMembers).orderBy(inCodeOrder(q, t.groupMembers.agencyId)),
    agencies: await q.db.select().from(t.agencies).orderBy(inCodeOrder(q, t.agencies.id)),
    groups: await q.db.select().from(t.agencyGroups).orderBy(inCodeOrder(q, t.agencyGroups.id)),
    tasks: await q.db
      .select()
      .from(t.tasks)
      .where(and(eq(t.tasks.planId, plan.id), isNull(t.tasks.archivedAt)))
      .orderBy(t.tasks.position),
    leads: await q.db.select().from(t.taskLeads).orderBy(t.taskLeads.taskId, t.taskLeads.position),
    partners: await q.db
      .select()
      .from(t.taskPartners)
      .orderBy(t.taskPartners.taskId, t.taskPartners.position),
    targets: await q.db
      .select()
      .from(t.targets)
      .where(and(eq(t.targets.planId, plan.id), isNull(t.targets.archivedAt)))
      .orderBy(t.targets.position),
    trackers: await q.db
      .select()
      .from(t.targetTrackers)
      .orderBy(t.targetTrackers.targetId, t.targetTrackers.position),
  };
}

export const catalogExport = { planRows };
