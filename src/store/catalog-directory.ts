import { eq } from "drizzle-orm";
import type { AgencyKind } from "../db/schema.ts";
import type { Q } from "./context.ts";

/**
 * The writes of an agency import (catalog/agency-import.ts), run in its one transaction, and the
 * alias table the plan parser matches names against.
 */

/** Every alias, for the gazetteer. */
async function aliasRows(q: Q) {
  return q.db.select().from(q.t.aliases);
}

/** The alias row with that key (catalog/gazetteer.ts aliasKey), if any. */
async function aliasByKey(q: Q, key: string) {
  const [row] = await q.db.select().from(q.t.aliases).where(eq(q.t.aliases.key, key));
  return row;
}

async function insertAlias(
  q: Q,
  row: { key: string; alias: string; agencyId: string | null; groupId: string | null },
): Promise<void> {
  await q.db.insert(q.t.aliases).values(row);
}

/** Empties a group, so the rows that follow define its whole membership. */
async function clearGroupMembers(q: Q, groupId: string): Promise<void> {
  await q.db.delete(q.t.groupMembers).where(eq(q.t.groupMembers.groupId, groupId));
}

/** Creates or renames a group and drops its aliases (the import gives them back). */
async function replaceGroup(q: Q, group: { id: string; name: string }): Promise<void> {
  const { agencyGroups, aliases } = q.t;
  await q.db
    .insert(agencyGroups)
    .values(group)
    .onConflictDoUpdate({ target: agencyGroups.id, set: { name: group.name } });
  await q.db.delete(aliases).where(eq(aliases.groupId, group.id));
}

/**
 * Creates or updates an agency from the operator's directory and drops its aliases and
 * memberships (the import gives them back). An agency created for review is reviewed now.
 */
async function replaceAgency(q: Q, agency: { id: string; name: string; kind: AgencyKind }): Promise<void> {
  const { agencies, aliases, groupMembers } = q.t;
  await q.db
    .insert(agencies)
    .values(agency)
    .onConflictDoUpdate({
      target: agencies.id,
      set: { name: agency.name, kind: agency.kind, needsReview: false },
    });
  await q.db.delete(aliases).where(eq(aliases.agencyId, agency.id));
  await q.db.delete(groupMembers).where(eq(groupMembers.agencyId, agency.id));
}

async function groupExists(q: Q, id: string): Promise<boolean> {
  const { agencyGroups } = q.t;
  const rows = await q.db.select({ id: agencyGroups.id }).from(agencyGroups).where(eq(agencyGroups.id, id));
  return rows.length > 0;
}

async function addMember(q: Q, groupId: string, agencyId: string): Promise<void> {
  await q.db.insert(q.t.groupMembers).values({ groupId, agencyId });
}

/** The ids of every plan, in the database's order. */
async function planIds(q: Q): Promise<string[]> {
  return (await q.db.select({ id: q.t.plans.id }).from(q.t.plans)).map((r) => r.id);
}

export const catalogDirectory = {
  aliasRows,
  aliasByKey,
  insertAlias,
  clearGroupMembers,
  replaceGroup,
  replaceAgency,
  groupExists,
  addMember,
  planIds,
};
