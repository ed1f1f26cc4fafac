import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { catalogAgencies } from "./catalog-agencies.ts";
import { catalogAssignments } from "./catalog-assignments.ts";
import { catalogDirectory } from "./catalog-directory.ts";
import { catalogExport } from "./catalog-export.ts";
import { catalogTasks } from "./catalog-tasks.ts";
import { catalogWrite } from "./catalog-write.ts";
import { type Q, raw, serialize, statement } from "./context.ts";
import { taskDetail } from "./task-detail.ts";

const p = (name: string) => sql.placeholder(name);

const agencyRow = statement("catalog_agency_by_id", (q) =>
  q.db
    .select()
    .from(q.t.agencies)
    .where(eq(q.t.agencies.id, p("id")))
    .prepare(),
);
const aliasRow = statement("catalog_alias", (q) =>
  q.db
    .select({ agency: q.t.agencies })
    .from(q.t.aliases)
    .innerJoin(q.t.agencies, eq(q.t.agencies.id, q.t.aliases.agencyId))
    .where(eq(q.t.aliases.key, p("key")))
    .prepare(),
);

async function agency(q: Q, id: string) {
  const [row] = await agencyRow(q).execute({ id });
  return row;
}

/** The agency an alias key (see catalog/gazetteer.ts aliasKey) names, if it names one. */
async function agencyByAlias(q: Q, key: string) {
  const [row] = await aliasRow(q).execute({ key });
  return row?.agency;
}

/** Every agency, in the database's order: for matching a typed part of a name. */
async function agencies(q: Q) {
  return q.db.select().from(q.t.agencies);
}

/** The plan with that id, or the first one imported; undefined when there is none. */
async function planId(q: Q, id?: string): Promise<string | undefined> {
  const { plans } = q.t;
  const [row] = id
    ? await q.db.select({ id: plans.id }).from(plans).where(eq(plans.id, id)).limit(1)
    : await q.db.select({ id: plans.id }).from(plans).orderBy(asc(plans.importedAt)).limit(1);
  return row?.id;
}

/** The numerals of a plan's sections ("I", "II"…), for digest scopes. */
async function sectionNumerals(q: Q, planId: string): Promise<string[]> {
  const { sections } = q.t;
  const rows = await q.db.select({ n: sections.numeral }).from(sections).where(eq(sections.planId, planId));
  return rows.map((r) => r.n);
}

/** The first live task with that ref (refs repeat across plans), as printed in the plan. */
async function liveTask(q: Q, ref: string) {
  const { tasks } = q.t;
  const [row] = await q.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.ref, ref), isNull(tasks.archivedAt)))
    .orderBy(asc(tasks.id))
    .limit(1);
  return row;
}

/** /setdue: a coordinator's date for every live task with that ref; false when there is none. */
async function setDueOverride(q: Q, ref: string, day: string): Promise<boolean> {
  const { tasks } = q.t;
  const changed = await q.db
    .update(tasks)
    .set({ dueOverride: day })
    .where(and(eq(tasks.ref, ref), isNull(tasks.archivedAt)))
    .returning({ id: tasks.id });
  return changed.length > 0;
}

const leads = raw<{ name: string }>(
  `select coalesce(a.name, g.name) as name from task_leads l left join agencies a on a.id = l.agency_id
   left join agency_groups g on g.id = l.group_id where l.task_id = ? order by l.position`,
);

/** Who leads a task as the plan names them: agencies and groups, in the document's order. */
async function taskLeadNames(q: Q, taskId: number): Promise<string[]> {
  return (await leads(q).all(taskId)).map((r) => r.name);
}

/**
 * Called first in a catalog import's transaction: instances starting together on one PostgreSQL
 * would each load the shipped plan at once and collide on its keys; the second now waits and
 * finds the plan there. (SQLite's gate already runs one transaction at a time.)
 */
async function lockForImport(q: Q): Promise<void> {
  await serialize(q, "catalog-import");
}

export const catalog = {
  lockForImport,
  agency,
  agencyByAlias,
  agencies,
  planId,
  sectionNumerals,
  liveTask,
  setDueOverride,
  taskLeadNames,
  ...catalogTasks,
  ...catalogAgencies,
  ...catalogExport,
  ...catalogAssignments,
  ...catalogWrite,
  ...catalogDirectory,
  ...taskDetail,
};
