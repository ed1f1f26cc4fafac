import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import type { OutboxState } from "../db/schema.ts";
import type { Q } from "./context.ts";

export interface DeliveryFilter {
  agencyId?: string;
  kind?: string;
  state?: OutboxState;
  /** Rows skipped, newest first. */
  offset?: number;
  limit?: number;
}

/**
 * The delivery log as the console shows it, newest first: who a message was for by agency,
 * contact name and chat title, never by chat id. One row more than `limit` says a next page exists.
 */
async function deliveryLog(q: Q, filter: DeliveryFilter = {}) {
  const { outbox: o, agencies, contacts, chats } = q.t;
  const where: SQL[] = [];
  if (filter.agencyId) where.push(eq(o.agencyId, filter.agencyId));
  if (filter.kind) where.push(eq(o.kind, filter.kind));
  if (filter.state) where.push(eq(o.state, filter.state));
  const limit = filter.limit ?? 50;
  const rows = await q.db
    .select({
      id: o.id,
      kind: o.kind,
      state: o.state,
      text: o.text,
      agencyName: agencies.name,
      contactName: contacts.name,
      chatTitle: chats.title,
      channel: chats.id,
      attempts: o.attempts,
      sendAfter: o.sendAfter,
      sentAt: o.sentAt,
      lastError: o.lastError,
      createdAt: o.createdAt,
    })
    .from(o)
    .leftJoin(agencies, eq(agencies.id, o.agencyId))
    .leftJoin(contacts, eq(contacts.id, o.contactId))
    .leftJoin(chats, eq(chats.id, o.chatId))
    .where(and(...where))
    .orderBy(desc(o.id))
    .limit(limit + 1)
    .offset(filter.offset ?? 0);
  // The channel only: the id after the prefix is a person's chat and stays in the database.
  const shown = rows.map((r) => ({ ...r, channel: r.channel?.split(":")[0] ?? null }));
  return { rows: shown.slice(0, limit), more: rows.length > limit };
}

/** The kinds of message the outbox holds, for the log's filter. */
async function deliveryKinds(q: Q): Promise<string[]> {
  const o = q.t.outbox;
  const rows = await q.db.selectDistinct({ kind: o.kind }).from(o).orderBy(asc(o.kind));
  return rows.map((r) => r.kind);
}

/**
 * A failed message back in the queue, as new: pending from `at`, attempts and error cleared.
 * Only a failed one (a sent message is never sent twice); false when it was not failed.
 */
async function retryFailed(q: Q, id: number, at: string): Promise<boolean> {
  const o = q.t.outbox;
  const changed = await q.db
    .update(o)
    .set({ state: "pending", attempts: 0, lastError: null, claimedAt: null, sendAfter: at })
    .where(and(eq(o.id, id), eq(o.state, "failed")))
    .returning({ id: o.id });
  return changed.length > 0;
}

export const outboxLog = { deliveryLog, deliveryKinds, retryFailed };
