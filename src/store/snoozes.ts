import { and, asc, count, desc, eq, gte, inArray, like, or, sql } from "drizzle-orm";
import type { Q } from "./context.ts";
import type { OutboxRow } from "./outbox-types.ts";

/** Snoozed reminders: what was put off, by whom, and how often (see db/schema/snooze.ts). */

export interface SnoozeEntry {
  contactId: number;
  assignmentId: number;
  fromOutboxId: number;
  outboxId: number;
  option: string;
  until: string;
  createdAt: string;
}

async function record(q: Q, entries: SnoozeEntry[]): Promise<void> {
  if (entries.length > 0) await q.db.insert(q.t.snoozes).values(entries);
}

/** How many times `contactId` snoozed each of `assignmentIds` (those never snoozed are absent). */
async function counts(q: Q, contactId: number, assignmentIds: number[]): Promise<Map<number, number>> {
  if (assignmentIds.length === 0) return new Map();
  const s = q.t.snoozes;
  const rows = await q.db
    .select({ assignmentId: s.assignmentId, n: count() })
    .from(s)
    .where(and(eq(s.contactId, contactId), inArray(s.assignmentId, assignmentIds)))
    .groupBy(s.assignmentId);
  return new Map(rows.map((r) => [r.assignmentId, Number(r.n)]));
}

export interface FrequentSnooze {
  assignmentId: number;
  contactId: number;
  name: string | null;
  count: number;
}

/** Who snoozed an assignment at least `min` times, with the person's name (removed people left out). */
async function frequent(q: Q, min: number): Promise<FrequentSnooze[]> {
  const s = q.t.snoozes;
  const c = q.t.contacts;
  const rows = await q.db
    .select({ assignmentId: s.assignmentId, contactId: s.contactId, name: c.name, n: count() })
    .from(s)
    .innerJoin(c, eq(c.id, s.contactId))
    .where(sql`${c.removedAt} is null`)
    .groupBy(s.assignmentId, s.contactId, c.name)
    .having(gte(count(), min))
    .orderBy(asc(s.assignmentId), asc(s.contactId));
  return rows.map(({ n, ...r }) => ({ ...r, count: Number(n) }));
}

/** Every part of the message `key` names in a chat, in order: a long reminder is several rows. */
async function messageParts(q: Q, chatId: string, key: string): Promise<OutboxRow[]> {
  const o = q.t.outbox;
  const base = key.replace(/#\d+$/, "");
  return q.db
    .select()
    .from(o)
    .where(and(eq(o.chatId, chatId), or(eq(o.dedupeKey, base), like(o.dedupeKey, `${base}#%`))))
    .orderBy(asc(o.id));
}

/** The chat's latest messages sent since `since`, newest first: where a typed "later" looks. */
async function recentSent(q: Q, chatId: string, since: string, limit = 20): Promise<OutboxRow[]> {
  const o = q.t.outbox;
  return q.db
    .select()
    .from(o)
    .where(and(eq(o.chatId, chatId), eq(o.state, "sent"), gte(o.sentAt, since)))
    .orderBy(desc(o.sentAt), desc(o.id))
    .limit(limit);
}

export const snoozes = { record, counts, frequent, messageParts, recentSent };
