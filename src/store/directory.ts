import { and, asc, eq, gt, inArray, isNull, max } from "drizzle-orm";
import type { AgencyKind, Role } from "../db/schema.ts";
import { codeOrder, inCodeOrder, type Q, raw } from "./context.ts";

/**
 * The console's people page (Đơn vị và cán bộ): the agency directory with its groups, the
 * contacts of a page of agencies, their last reports, open invites, and a contact's role.
 */

export interface DirectoryAgency {
  id: string;
  name: string;
  kind: AgencyKind;
  /** Live contacts acting for it. */
  contacts: number;
}

const agencyRows = raw<{ id: string; name: string; kind: AgencyKind }>("select id, name, kind from agencies");
const contactCounts = raw<{ agency_id: string; n: number | string }>(
  "select agency_id, count(*) n from contacts where removed_at is null group by agency_id",
);
const groupRows = raw<{ id: string; name: string }>(
  (d) => `select id, name from agency_groups order by id${codeOrder(d)}`,
);
const memberRows = raw<{ group_id: string; agency_id: string }>(
  "select group_id, agency_id from group_members",
);

/**
 * Every agency with its live contact count, every group with its members: four plain reads
 * (no ORDER BY on agencies: the page sorts), so a national directory (~5,600 agencies) is
 * filtered and paged in memory in a few milliseconds.
 */
async function index(q: Q) {
  const [agencies, counts, groups, members] = await Promise.all([
    agencyRows(q).all(),
    contactCounts(q).all(),
    groupRows(q).all(),
    memberRows(q).all(),
  ]);
  const byAgency = new Map(counts.map((r) => [r.agency_id, Number(r.n)]));
  return {
    agencies: agencies.map(
      (r): DirectoryAgency => ({ id: r.id, name: r.name, kind: r.kind, contacts: byAgency.get(r.id) ?? 0 }),
    ),
    groups,
    members: members.map((m) => ({ groupId: m.group_id, agencyId: m.agency_id })),
  };
}

export interface DirectoryContact {
  id: number;
  agencyId: string;
  role: Role;
  name: string | null;
  /** Null for a contact whose chats were erased. */
  chatId: string | null;
  unreachableAt: string | null;
}

/** The live contacts of these agencies, one row per chat, by agency, role and age. */
async function contactsOf(q: Q, agencyIds: string[]): Promise<DirectoryContact[]> {
  if (agencyIds.length === 0) return [];
  const { contacts: c, contactChats: cc, chats: ch } = q.t;
  return q.db
    .select({
      id: c.id,
      agencyId: c.agencyId,
      role: c.role,
      name: c.name,
      chatId: cc.chatId,
      unreachableAt: ch.unreachableAt,
    })
    .from(c)
    .leftJoin(cc, eq(cc.contactId, c.id))
    .leftJoin(ch, eq(ch.id, cc.chatId))
    .where(and(inArray(c.agencyId, agencyIds), isNull(c.removedAt)))
    .orderBy(asc(inCodeOrder(q, c.agencyId)), asc(c.role), asc(c.id));
}

/** When each of these agencies last sent a report (any task, any period), as an ISO instant. */
async function lastReports(q: Q, agencyIds: string[]): Promise<Map<string, string>> {
  if (agencyIds.length === 0) return new Map();
  const r = q.t.reports;
  const rows = await q.db
    .select({ agencyId: r.agencyId, at: max(r.submittedAt) })
    .from(r)
    .where(inArray(r.agencyId, agencyIds))
    .groupBy(r.agencyId);
  return new Map(rows.flatMap((row) => (row.at ? [[row.agencyId, row.at] as const] : [])));
}

export interface OpenInvite {
  code: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** Invites not used and not expired at `now`, of these agencies (all when none given), by agency. */
async function openInvites(q: Q, now: string, agencyIds?: string[]): Promise<OpenInvite[]> {
  if (agencyIds?.length === 0) return [];
  const { invites: i, agencies: a } = q.t;
  return q.db
    .select({
      code: i.code,
      agencyId: i.agencyId,
      agencyName: a.name,
      role: i.role,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
    })
    .from(i)
    .innerJoin(a, eq(a.id, i.agencyId))
    .where(
      and(isNull(i.usedAt), gt(i.expiresAt, now), agencyIds ? inArray(i.agencyId, agencyIds) : undefined),
    )
    .orderBy(asc(inCodeOrder(q, a.kind)), asc(inCodeOrder(q, i.agencyId)), asc(i.createdAt), asc(i.code));
}

/** A live contact's role from now on; false when the contact is gone. */
async function setRole(q: Q, contactId: number, role: Role): Promise<boolean> {
  const c = q.t.contacts;
  const rows = await q.db
    .update(c)
    .set({ role })
    .where(and(eq(c.id, contactId), isNull(c.removedAt)))
    .returning({ id: c.id });
  return rows.length > 0;
}

export const directory = { index, contactsOf, lastReports, openInvites, setRole };
