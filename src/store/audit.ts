import { and, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import type { AuditActorKind, AuditChannel } from "../db/schema.ts";
import type { Q } from "./context.ts";

/**
 * One action to record. `before` and `after` are any JSON value (kept as JSON text); keep names,
 * phone numbers and chat ids of people out of them: the row outlives the person's erasure, and
 * only `actorLabel` is cleared then (anonymizeActor).
 */
export interface AuditEntry {
  /** Defaults to the moment of recording. */
  at?: Date;
  actorKind: AuditActorKind;
  actorContactId?: number | null;
  /** A contact's name, the CLI's OS user or "cli": what to show when no contact says more. */
  actorLabel?: string | null;
  /** `due.set`, `invite.create`, `contact.role`, `web.…`: short, stable, dot-separated. */
  action: string;
  targetKind?: string | null;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
  channel: AuditChannel;
}

export interface AuditRow {
  id: number;
  at: string;
  actorKind: AuditActorKind;
  actorContactId: number | null;
  actorLabel: string | null;
  /** The actor contact's current name, when the contact still has one. */
  actorName: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  channel: AuditChannel;
}

export interface AuditFilter {
  /** Inclusive lower bound, an ISO instant. */
  since?: string;
  /** Exclusive upper bound, an ISO instant. */
  until?: string;
  /** An action, or a family of them ending in ".*" (`web.*`). */
  action?: string;
  actorContactId?: number;
  targetKind?: string;
  targetId?: string;
  /** At most this many rows, newest first (default 100). */
  limit?: number;
}

/**
 * Appends one row. Called with the store a transaction hands out, the row commits or rolls back
 * with the change it describes.
 */
async function record(q: Q, entry: AuditEntry): Promise<void> {
  await q.db.insert(q.t.audit).values({
    at: (entry.at ?? new Date()).toISOString(),
    actorKind: entry.actorKind,
    actorContactId: entry.actorContactId ?? null,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    targetKind: entry.targetKind ?? null,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    channel: entry.channel,
  });
}

/** Rows matching every filter given, newest first. */
async function list(q: Q, filter: AuditFilter = {}): Promise<AuditRow[]> {
  const { audit: a, contacts: c } = q.t;
  const where: SQL[] = [];
  if (filter.since) where.push(gte(a.at, filter.since));
  if (filter.until) where.push(lt(a.at, filter.until));
  if (filter.action?.endsWith(".*")) where.push(like(a.action, `${filter.action.slice(0, -1)}%`));
  else if (filter.action) where.push(eq(a.action, filter.action));
  if (filter.actorContactId !== undefined) where.push(eq(a.actorContactId, filter.actorContactId));
  if (filter.targetKind) where.push(eq(a.targetKind, filter.targetKind));
  if (filter.targetId) where.push(eq(a.targetId, filter.targetId));
  const rows = await q.db
    .select({
      id: a.id,
      at: a.at,
      actorKind: a.actorKind,
      actorContactId: a.actorContactId,
      actorLabel: a.actorLabel,
      actorName: c.name,
      action: a.action,
      targetKind: a.targetKind,
      targetId: a.targetId,
      before: a.before,
      after: a.after,
      channel: a.channel,
    })
    .from(a)
    .leftJoin(c, eq(c.id, a.actorContactId))
    .where(and(...where))
    .orderBy(desc(a.at), desc(a.id))
    .limit(filter.limit ?? 100);
  return rows;
}

/**
 * The one change an audit row ever takes: when a person's data is erased, the label naming them
 * becomes `label`; what they did, when and to what stays as the agency's record. Resolves to the
 * number of rows changed.
 */
async function anonymizeActor(q: Q, contactId: number, label = "(đã xóa)"): Promise<number> {
  const changed = await q.db
    .update(q.t.audit)
    .set({ actorLabel: label })
    .where(eq(q.t.audit.actorContactId, contactId))
    .returning({ id: q.t.audit.id });
  return changed.length;
}

export const audit = { record, list, anonymizeActor };
