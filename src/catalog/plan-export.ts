import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/connection.ts";
import {
  agencies,
  agencyGroups,
  aliases,
  groupMembers,
  plans,
  sections,
  targets,
  targetTrackers,
  taskLeads,
  taskPartners,
  tasks,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { TargetValue } from "./target-value.ts";

/** The shape `plan export --json` prints; later issues and outside checks rely on it. */
export function exportPlan(db: DbOrTx, planId?: string) {
  const plan = planId
    ? db.select().from(plans).where(eq(plans.id, planId)).get()
    : db.select().from(plans).orderBy(asc(plans.importedAt)).get();
  if (!plan) throw new UserError(planId ? "err-plan-unknown" : "err-no-plan", { plan: planId ?? "" });

  const sectionRows = db
    .select()
    .from(sections)
    .where(eq(sections.planId, plan.id))
    .orderBy(sections.annex, sections.position)
    .all();
  const numeral = new Map(sectionRows.map((s) => [s.id, s.numeral]));
  const aliasRows = db.select().from(aliases).orderBy(aliases.alias).all();
  const aliasesOf = (id: string, field: "agencyId" | "groupId", name: string) =>
    aliasRows.filter((a) => a[field] === id && a.alias !== name).map((a) => a.alias);
  const memberRows = db.select().from(groupMembers).orderBy(groupMembers.agencyId).all();
  const ids = (rows: { agencyId: string | null; groupId: string | null }[]) =>
    rows.map((r) => r.agencyId ?? r.groupId ?? "");
  const partyRows = (table: typeof taskLeads | typeof taskPartners, taskId: number) =>
    ids(db.select().from(table).where(eq(table.taskId, taskId)).orderBy(table.position).all());

  return {
    plan: {
      id: plan.id,
      title: plan.title,
      source: plan.sourceName,
      importedAt: plan.importedAt,
      sections: sectionRows.map((s) => ({ annex: s.annex, numeral: s.numeral, title: s.title })),
    },
    agencies: db
      .select()
      .from(agencies)
      .orderBy(agencies.id)
      .all()
      .map((a) => ({ id: a.id, name: a.name, kind: a.kind, aliases: aliasesOf(a.id, "agencyId", a.name) })),
    groups: db
      .select()
      .from(agencyGroups)
      .orderBy(agencyGroups.id)
      .all()
      .map((g) => ({
        id: g.id,
        name: g.name,
        aliases: aliasesOf(g.id, "groupId", g.name),
        members: memberRows.filter((m) => m.groupId === g.id).map((m) => m.agencyId),
      })),
    tasks: db
      .select()
      .from(tasks)
      .where(and(eq(tasks.planId, plan.id), isNull(tasks.archivedAt)))
      .orderBy(tasks.position)
      .all()
      .map((t) => ({
        ref: t.ref,
        section: numeral.get(t.sectionId) ?? "",
        number: t.number,
        title: t.title,
        leads: partyRows(taskLeads, t.id),
        partners: partyRows(taskPartners, t.id),
        deadline: {
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
        },
        output: t.output,
        ...(t.notes?.length ? { notes: t.notes } : {}),
      })),
    targets: db
      .select()
      .from(targets)
      .where(and(eq(targets.planId, plan.id), isNull(targets.archivedAt)))
      .orderBy(targets.position)
      .all()
      .map((t) => ({
        ref: t.ref,
        section: numeral.get(t.sectionId) ?? "",
        number: t.number,
        title: t.title,
        unit: t.unit,
        target2026: value(t.target2026Text, t.target2026Op, t.target2026Value),
        target2030: value(t.target2030Text, t.target2030Op, t.target2030Value),
        ...(t.otherYears?.length ? { otherYears: t.otherYears } : {}),
        trackers: ids(
          db
            .select()
            .from(targetTrackers)
            .where(eq(targetTrackers.targetId, t.id))
            .orderBy(targetTrackers.position)
            .all(),
        ),
      })),
  };
}

function value(text: string, op: string | null, v: number | null): TargetValue | null {
  if (text === "") return null;
  return { text, op: op as TargetValue["op"], value: v };
}
