import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { type Q, type RawStatement, raw, statement, transaction } from "./context.ts";
import { type Guard, outbox } from "./outbox.ts";

/** The engine's own facts: guards checked at delivery, gone chats, the last tick. */

const p = (name: string) => sql.placeholder(name);

/** One prepared statement per list length, `in (?, ?, …)` standing for the SQLite-only json_each. */
function byArity<R>(text: (marks: string) => string): (q: Q, n: number) => RawStatement<R> {
  const made = new Map<number, (q: Q) => RawStatement<R>>();
  return (q, n) => {
    let stmt = made.get(n);
    if (!stmt) {
      stmt = raw<R>(text(Array.from({ length: n }, () => "?").join(", ")));
      made.set(n, stmt);
    }
    return stmt(q);
  };
}

const reported = byArity<{ n: number | string }>(
  (ids) => `select count(distinct r.assignment_id) n from reports r
    where r.period = ? and r.superseded_at is null and r.assignment_id in (${ids})`,
);

// Recurring tasks never close, as in the snapshot's isClosed.
const closed = byArity<{ n: number | string }>(
  (ids) => `select count(*) n from assignments a join tasks t on t.id = a.task_id
    where a.id in (${ids}) and t.deadline_kind <> 'recurring'
      and (select r.status from reports r where r.assignment_id = a.id and r.superseded_at is null
           order by r.id desc limit 1) in ('done', 'not_applicable')`,
);

const inForce = byArity<{ id: number; due: string | null }>(
  (ids) => `select a.id id, coalesce(a.due_override, t.due_override, t.due_date) due
    from assignments a join tasks t on t.id = a.task_id where a.id in (${ids})`,
);

/**
 * Why a message chasing a deadline is out of date, or null: an approved extension or a
 * coordinator's new date moved a date it names, so it would chase the old one. The tick
 * writes the reminders for the new date on their own days.
 */
async function dueMovedReason(q: Q, guard: Guard | null): Promise<string | null> {
  const named = Object.entries(guard?.dues ?? {});
  if (named.length === 0) return null;
  const rows = await inForce(q, named.length).all(...named.map(([id]) => Number(id)));
  const now = new Map(rows.map((r) => [String(r.id), r.due]));
  const moved = named.find(([id, due]) => now.has(id) && now.get(id) !== due);
  return moved ? `stale: due date moved from ${moved[1]} to ${now.get(moved[0]) ?? "none"}` : null;
}

/**
 * The reason to skip a chasing message, or null when it still has something to chase:
 * with a period, settled once every listed assignment has a current report in it; without,
 * once every listed assignment is closed (done or not applicable); and, whatever the guard,
 * once a deadline it names has moved (dueMovedReason).
 */
async function settledReason(q: Q, guard: Guard | null): Promise<string | null> {
  return (await closedReason(q, guard)) ?? (await dueMovedReason(q, guard));
}

async function closedReason(q: Q, guard: Guard | null): Promise<string | null> {
  if (!guard || guard.assignments.length === 0) return null;
  if (guard.period) {
    const ids = guard.assignments;
    const row = await reported(q, ids.length).get(guard.period, ...ids);
    return Number(row?.n ?? 0) >= ids.length ? `settled: reported for ${guard.period} before sending` : null;
  }
  const ids = [...new Set(guard.assignments)];
  const row = await closed(q, ids.length).get(...ids);
  return Number(row?.n ?? 0) >= ids.length ? "settled: closed before sending" : null;
}

const coordinatorRows = raw<{ contact_id: number; chat_id: string; lang: "vi" | "en" }>(
  `select c.id contact_id, cc.chat_id chat_id, c.lang lang from contacts c
   join contact_chats cc on cc.contact_id = c.id join chats ch on ch.id = cc.chat_id
   where c.role = 'coordinator' and c.removed_at is null and ch.unreachable_at is null and cc.chat_id <> ?
   order by c.id, cc.chat_id`,
);

/** Every reachable chat of every coordinator (but `except`). */
async function coordinators(
  q: Q,
  except = "",
): Promise<{ contactId: number; chatId: string; lang: "vi" | "en" }[]> {
  return (await coordinatorRows(q).all(except)).map((r) => ({
    contactId: r.contact_id,
    chatId: r.chat_id,
    lang: r.lang,
  }));
}

/**
 * A chat the platform says is gone: marked unreachable (the first time only, so the instant
 * names the incident) and everything waiting for it stopped, together. Returns since when it
 * is gone and how many outbox rows stopped.
 */
async function chatGone(
  q: Q,
  chatId: string,
  reason: string,
  now: Date,
): Promise<{ since: string; stopped: number }> {
  const at = now.toISOString();
  return transaction(q, async (tx) => {
    const c = tx.t.chats;
    await tx.db.insert(c).values({ id: chatId, type: "private", createdAt: at }).onConflictDoNothing();
    await tx.db
      .update(c)
      .set({ unreachableAt: at, unreachableReason: reason.slice(0, 200) })
      .where(and(eq(c.id, chatId), isNull(c.unreachableAt)));
    const stopped = await outbox.markChatUnreachable(tx, chatId, reason);
    const [row] = await tx.db.select({ since: c.unreachableAt }).from(c).where(eq(c.id, chatId));
    return { since: row?.since ?? at, stopped };
  });
}

const ownerOf = statement("chat_owner", (q) => {
  const { contactChats: cc, contacts: c, agencies: a } = q.t;
  return q.db
    .select({ name: c.name, agency: a.name })
    .from(cc)
    .innerJoin(c, eq(c.id, cc.contactId))
    .innerJoin(a, eq(a.id, c.agencyId))
    .where(eq(cc.chatId, p("chatId")))
    .orderBy(asc(c.id))
    .limit(1)
    .prepare();
});

/** Who a chat belongs to (its first contact, removed or not) and their agency's name. */
async function chatOwner(q: Q, chatId: string): Promise<{ name: string | null; agency: string } | undefined> {
  const [row] = await ownerOf(q).execute({ chatId });
  return row;
}

/**
 * The instant the rules were last run for (`engine_state.lastTickAt`): where the next tick
 * starts looking, and what readiness and `doctor` read. Simulated ticks move it too.
 */
const LAST_TICK = "lastTickAt";

const stateValue = statement("engine_state_get", (q) =>
  q.db
    .select({ value: q.t.engineState.value })
    .from(q.t.engineState)
    .where(eq(q.t.engineState.key, p("key")))
    .prepare(),
);

/** An engine_state value read as an instant. */
export async function stateInstant(q: Q, key: string): Promise<Date | undefined> {
  const [row] = await stateValue(q).execute({ key });
  return row ? new Date(row.value) : undefined;
}

async function lastTickAt(q: Q): Promise<Date | undefined> {
  return stateInstant(q, LAST_TICK);
}

const forward = statement("engine_state_forward", (q) => {
  const s = q.t.engineState;
  return q.db
    .insert(s)
    .values({ key: p("key"), value: p("value") } as never)
    .onConflictDoUpdate({
      target: s.key,
      set: { value: sql.raw("excluded.value") },
      // Qualified by the table name: both engines read it as the row already there.
      setWhere: sql.raw("excluded.value > engine_state.value"),
    })
    .prepare();
});

/** Moves the last tick forward only: a tick for an earlier instant never winds it back. */
async function recordLastTick(q: Q, at: Date): Promise<void> {
  await forward(q).execute({ key: LAST_TICK, value: at.toISOString() });
}

export const engine = {
  settledReason,
  dueMovedReason,
  coordinators,
  chatGone,
  chatOwner,
  lastTickAt,
  recordLastTick,
};
