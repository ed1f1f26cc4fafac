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
  /** What the message chased for this assignment (domain/snooze.ts, chaseOf). */
  chase: string | null;
}

async function record(q: Q, entries: SnoozeEntry[]): Promise<void> {
  if (entries.length > 0) await q.db.insert(q.t.snoozes).values(entries);
}

/**
 * How many times `contactId` put off each assignment in the chase given for it (those never
 * snoozed in it are absent): earlier chases, another period or an older date, do not count.
 */
async function counts(
  q: Q,
  contactId: number,
  chases: { assignmentId: number; chase: string | null }[],
): Promise<Map<number, number>> {
  const wanted = chases.filter((c) => c.chase !== null);
  if (wanted.length === 0) return new Map();
  const s = q.t.snoozes;
  const rows = await q.db
    .select({ assignmentId: s.assignmentId, chase: s.chase, n: count() })
    .from(s)
    .where(
      and(
        eq(s.contactId, contactId),
        inArray(
          s.assignmentId,
          wanted.map((c) => c.assignmentId),
        ),
      ),
    )
    .groupBy(s.assignmentId, s.chase);
  const out = new Map<number, number>();
  for (const r of rows)
    if (wanted.some((c) => c.assignmentId === r.assignmentId && c.chase === r.chase))
      out.set(r.assignmentId, Number(r.n));
  return out;
}

export interface FrequentSnooze {
  assignmentId: number;
  /** The chase these snoozes put off: the head's line counts only the one it escalates. */
  chase: string;
  contactId: number;
  name: string | null;
  count: number;
}

/**
 * Who put an assignment off at least `min` times in one chase, with the person's name (removed
 * people, and rows from before chases were kept, left out).
 */
async function frequent(q: Q, min: number): Promise<FrequentSnooze[]> {
  const s = q.t.snoozes;
  const c = q.t.contacts;
  const rows = await q.db
    .select({
      assignmentId: s.assignmentId,
      chase: s.chase,
      contactId: s.contactId,
      name: c.name,
      n: count(),
    })
    .from(s)
    .innerJoin(c, eq(c.id, s.contactId))
    .where(sql`${c.removedAt} is null and ${s.chase} is not null`)
    .groupBy(s.assignmentId, s.chase, s.contactId, c.name)
    .having(gte(count(), min))
    .orderBy(asc(s.assignmentId), asc(s.chase), asc(s.contactId));
  return rows.map(({ n, chase, ...r }) => ({ ...r, chase: chase ?? "", count: Number(n) }));
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
