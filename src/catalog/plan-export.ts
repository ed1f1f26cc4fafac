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

type TaskTable = typeof tasks;
type TargetTable = typeof targets;

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
  // Tasks and targets are headed alike: where they stand in the document.
  const heading = (row: { ref: string; sectionId: number; number: string; title: string }) => ({
    ref: row.ref,
    section: numeral.get(row.sectionId) ?? "",
    number: row.number,
    title: row.title,
  });
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      source: plan.sourceName,
      importedAt: plan.importedAt,
      sections: sectionRows.map((s) => ({ annex: s.annex, numeral: s.numeral, title: s.title })),
    },
    ...agenciesAndGroups(db),
    tasks: liveRows(db, tasks, plan.id).map((t) => ({
      ...heading(t),
      leads: partyIds(db, taskLeads, t.id),
      partners: partyIds(db, taskPartners, t.id),
      deadline: deadlineOf(t),
      output: t.output,
      ...(t.notes?.length ? { notes: t.notes } : {}),
    })),
    targets: liveRows(db, targets, plan.id).map((t) => ({
      ...heading(t),
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

/** The plan's tasks or targets not archived, in the document's order. */
function liveRows<T extends TaskTable | TargetTable>(
  db: DbOrTx,
  table: T,
  planId: string,
): T["$inferSelect"][] {
  // The two tables share these columns; drizzle cannot type a query over either, so one stands in.
  const t = table as TaskTable;
  return db
    .select()
    .from(t)
    .where(and(eq(t.planId, planId), isNull(t.archivedAt)))
    .orderBy(t.position)
    .all() as T["$inferSelect"][];
}

function agenciesAndGroups(db: DbOrTx) {
  const aliasRows = db.select().from(aliases).orderBy(aliases.alias).all();
  const aliasesOf = (id: string, field: "agencyId" | "groupId", name: string) =>
    aliasRows.filter((a) => a[field] === id && a.alias !== name).map((a) => a.alias);
  const memberRows = db.select().from(groupMembers).orderBy(groupMembers.agencyId).all();
  return {
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
  };
}

const ids = (rows: { agencyId: string | null; groupId: string | null }[]) =>
  rows.map((r) => r.agencyId ?? r.groupId ?? "");

function partyIds(db: DbOrTx, table: typeof taskLeads | typeof taskPartners, taskId: number): string[] {
  return ids(db.select().from(table).where(eq(table.taskId, taskId)).orderBy(table.position).all());
}

function deadlineOf(t: TaskTable["$inferSelect"]) {
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
