import { count, eq } from "drizzle-orm";
import { inCodeOrder, type Q } from "./context.ts";

/** How many agencies the directory holds (none before the shipped gazetteer is loaded). */
async function agencyCount(q: Q): Promise<number> {
  const [row] = await q.db.select({ n: count() }).from(q.t.agencies);
  return Number(row?.n ?? 0);
}

/**
 * Creates an agency of kind "other", flagged for review, from a name no directory knows, with
 * the name as its alias; its id is `base`, or `base-2`, `base-3`… when taken. Undefined, with
 * nothing written, when the alias key already names something. `key` is catalog/gazetteer.ts's
 * aliasKey of the name. Runs in the caller's transaction (plan import).
 */
async function createReviewAgency(
  q: Q,
  input: { name: string; key: string; base: string },
): Promise<string | undefined> {
  const { agencies, aliases } = q.t;
  const [alias] = await q.db.select({ key: aliases.key }).from(aliases).where(eq(aliases.key, input.key));
  if (alias) return undefined;
  let id = input.base;
  for (
    let k = 2;
    (await q.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id))).length;
    k++
  )
    id = `${input.base}-${k}`;
  await q.db.insert(agencies).values({ id, name: input.name, kind: "other", needsReview: true });
  await q.db.insert(aliases).values({ key: input.key, alias: input.name, agencyId: id });
  return id;
}

/** Agencies with the groups they belong to, by kind then id (code point order on both engines). */
async function agencyDirectory(q: Q) {
  const memberships = await q.db.select().from(q.t.groupMembers);
  const rows = await q.db
    .select()
    .from(q.t.agencies)
    .orderBy(inCodeOrder(q, q.t.agencies.kind), inCodeOrder(q, q.t.agencies.id));
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    needsReview: a.needsReview,
    groups: memberships.filter((m) => m.agencyId === a.id).map((m) => m.groupId),
  }));
}

export const catalogAgencies = { agencyCount, createReviewAgency, agencyDirectory };
