import { and, asc, eq, gte, inArray, like, lte, or, type SQL, sql } from "drizzle-orm";
import type { OutboxState } from "../db/schema.ts";
import { type Q, statement } from "./context.ts";
import type { OutboxRow } from "./outbox-types.ts";

/** The outbox's reads: what is due, and rows by id or filter (delivery, `cli outbox`, tests). */

const p = (name: string) => sql.placeholder(name);

const dueInChat = statement("outbox_has_due", (q) => {
  const o = q.t.outbox;
  return q.db
    .select({ id: o.id })
    .from(o)
    .where(and(eq(o.chatId, p("chatId")), eq(o.state, "pending"), lte(o.sendAfter, p("horizon"))))
    .limit(1)
    .prepare();
});

/** Whether the chat still has a message due by `horizon` waiting (another one is in flight to it). */
async function hasDue(q: Q, chatId: string, horizon: string): Promise<boolean> {
  return (await dueInChat(q).execute({ chatId, horizon })).length > 0;
}

/** Pending messages due by `horizon` on these channels: what a dispatcher hands to delivery. */
async function due(
  q: Q,
  horizon: string,
  prefixes: string[],
  limit = 100_000,
): Promise<{ id: number; chatId: string }[]> {
  if (prefixes.length === 0) return [];
  const o = q.t.outbox;
  return q.db
    .select({ id: o.id, chatId: o.chatId })
    .from(o)
    .where(
      and(
        eq(o.state, "pending"),
        lte(o.sendAfter, horizon),
        or(...prefixes.map((pre) => like(o.chatId, `${pre}:%`))),
      ),
    )
    .orderBy(asc(o.id))
    .limit(limit);
}

const byId = statement("outbox_by_id", (q) =>
  q.db
    .select()
    .from(q.t.outbox)
    .where(eq(q.t.outbox.id, p("id")))
    .prepare(),
);

async function get(q: Q, id: number): Promise<OutboxRow | undefined> {
  const [row] = await byId(q).execute({ id });
  return row;
}

export interface OutboxFilter {
  state?: OutboxState;
  since?: string;
  ids?: number[];
  limit?: number;
}

async function list(q: Q, filter: OutboxFilter = {}): Promise<OutboxRow[]> {
  const o = q.t.outbox;
  if (filter.ids?.length === 0) return [];
  const where: SQL[] = [];
  if (filter.state) where.push(eq(o.state, filter.state));
  if (filter.since) where.push(gte(o.createdAt, filter.since));
  if (filter.ids) where.push(inArray(o.id, filter.ids));
  return q.db
    .select()
    .from(o)
    .where(and(...where))
    .orderBy(asc(o.id))
    .limit(filter.limit ?? 1_000_000);
}

export const outboxReads = { hasDue, due, get, list };
