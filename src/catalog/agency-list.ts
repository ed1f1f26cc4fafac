import type { DbOrTx } from "../db/connection.ts";
import { agencies, groupMembers } from "../db/schema.ts";

/** Agencies with the groups they belong to, sorted by kind then id. */
export function exportPlanAgencies(db: DbOrTx) {
  const memberships = db.select().from(groupMembers).all();
  return db
    .select()
    .from(agencies)
    .orderBy(agencies.kind, agencies.id)
    .all()
    .map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      needsReview: a.needsReview,
      groups: memberships.filter((m) => m.agencyId === a.id).map((m) => m.groupId),
    }));
}
