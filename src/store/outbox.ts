import type Database from "better-sqlite3";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { OutboxState } from "../db/schema.ts";
import { countWritten } from "../metrics.ts";
import { splitText } from "../text/split.ts";
import { type Q, raw, statement, transaction } from "./context.ts";
import { outboxLog } from "./outbox-log.ts";
import { outboxReads } from "./outbox-read.ts";
import type { NewMessage, OutboxRow } from "./outbox-types.ts";
import { json } from "./snapshot.ts";

export type { Guard, NewMessage, OutboxRow } from "./outbox-types.ts";

const p = (name: string) => sql.placeholder(name);

/**
 * Writes messages whose keys are new, a long text as several rows (`key`, `key#2`, …) with the
 * choices on the last and the attachment on the first; returns the ids written, in order.
 */
async function add(
  q: Q,
  messages: NewMessage[],
  now = new Date().toISOString(),
  /** The chat's platform text limit (the composition root knows the platforms). */
  textLimitOf: (chatId: string) => number = () => 4096,
): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows: RowValues[] = [];
  for (const m of messages) {
    const parts = splitText(m.text, textLimitOf(m.chatId));
    for (const [i, text] of parts.entries())
      rows.push({
        dedupeKey: i === 0 ? m.dedupeKey : `${m.dedupeKey}#${i + 1}`,
        chatId: m.chatId,
        contactId: m.contactId ?? null,
        agencyId: m.agencyId ?? null,
        planId: m.planId ?? null,
        kind: m.kind,
        text,
        choices: i === parts.length - 1 && m.choices ? m.choices : null,
        attachment: i === 0 && m.attachment ? m.attachment : null,
        guard: m.guard ?? null,
        sendAfter: m.sendAfter,
        createdAt: now,
      });
  }
  return transaction(q, async (tx) => {
    const written = tx.dialect === "sqlite" ? writeSqlite(tx, rows) : await writePostgres(tx, rows);
    for (const w of written) countWritten(w.kind);
    return written.map((w) => w.id);
  });
}

type RowValues = Omit<
  OutboxRow,
  "id" | "state" | "attempts" | "claimedAt" | "sentAt" | "platformMessageId" | "lastError"
>;
type Written = { id: number; kind: string };

const sqliteInserts = new WeakMap<Database.Database, Database.Statement>();

/**
 * A tick writes thousands of rows: on SQLite they go through one prepared statement without
 * RETURNING and without a promise per row (through the builder the tick's writing took nearly
 * twice as long).
 */
function writeSqlite(q: Q, rows: RowValues[]): Written[] {
  const sqlite = q.sqlite as Database.Database;
  let stmt = sqliteInserts.get(sqlite);
  if (!stmt) {
    stmt = sqlite.prepare(
      `insert into outbox (dedupe_key, chat_id, contact_id, agency_id, plan_id, kind, text, choices, attachment, guard, state, attempts, send_after, created_at)
       values (@dedupeKey, @chatId, @contactId, @agencyId, @planId, @kind, @text, @choices, @attachment, @guard, 'pending', 0, @sendAfter, @createdAt)
       on conflict(dedupe_key) do nothing`,
    );
    sqliteInserts.set(sqlite, stmt);
  }
  const text = (j: unknown) => (j === null ? null : JSON.stringify(j));
  const written: Written[] = [];
  for (const v of rows) {
    const r = stmt.run({
      ...v,
      choices: text(v.choices),
      attachment: text(v.attachment),
      guard: text(v.guard),
    });
    if (r.changes === 1) written.push({ id: Number(r.lastInsertRowid), kind: v.kind });
  }
  return written;
}

/**
 * PostgreSQL: a round trip per row cost the tick six seconds, and a multi-row VALUES of 500 rows
 * (7,000 parameters, each bound and typed) still nearly two. The rows go as one array per column,
 * unnested by the server: fourteen parameters a statement, however many rows.
 */
const PG_BATCH = 2_000;

const unnestInsert = raw<Written>(
  `insert into outbox (dedupe_key, chat_id, contact_id, agency_id, plan_id, kind, text, choices, attachment, guard, state, attempts, send_after, created_at)
   select k, c, ct, ag, pl, kd, tx, ch::json, at::json, gd::json, 'pending', 0, sa, ca
   from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
     as r(k, c, ct, ag, pl, kd, tx, ch, at, gd, sa, ca)
   on conflict (dedupe_key) do nothing
   returning id, kind`,
);

async function writePostgres(q: Q, rows: RowValues[]): Promise<Written[]> {
  const written: Written[] = [];
  const json = (j: unknown) => (j === null ? null : JSON.stringify(j));
  for (let i = 0; i < rows.length; i += PG_BATCH) {
    const batch = rows.slice(i, i + PG_BATCH);
    // One parameter per column: an array the driver sends whole.
    const column = (pick: (v: RowValues) => unknown) => sql.param(batch.map(pick));
    written.push(
      ...(await unnestInsert(q).all(
        column((v) => v.dedupeKey),
        column((v) => v.chatId),
        column((v) => v.contactId),
        column((v) => v.agencyId),
        column((v) => v.planId),
        column((v) => v.kind),
        column((v) => v.text),
        column((v) => json(v.choices)),
        column((v) => json(v.attachment)),
        column((v) => json(v.guard)),
        column((v) => v.sendAfter),
        column((v) => v.createdAt),
      )),
    );
  }
  // Ids are handed out in the order the rows were given: the same order SQLite returns.
  return written.sort((a, b) => a.id - b.id);
}

// The oldest due message of the chat, and none while another is in flight to it, so parts and
// reminders arrive in the order written. Hand-written: through the builder (its subqueries and
// the mapping of every returned column) a claim took twice as long, and delivery runs one per message.
// `state = 'pending'` again on the row itself: on PostgreSQL concurrent claims pick the same row
// from their snapshots, and the ones that waited for its lock recheck only the outer condition
// against the row as the winner left it; without it each of them claimed the message again.
const claimOne = raw<Record<string, unknown>>(
  `update outbox set state = 'sending', claimed_at = ?, attempts = attempts + 1
   where id = (select id from outbox where chat_id = ? and state = 'pending' and send_after <= ? order by id limit 1)
     and state = 'pending'
     and not exists (select 1 from outbox where chat_id = ? and state = 'sending')
   returning *`,
);

const fromRow = (r: Record<string, unknown>): OutboxRow => ({
  id: r.id as number,
  dedupeKey: r.dedupe_key as string,
  chatId: r.chat_id as string,
  contactId: (r.contact_id as number | null) ?? null,
  agencyId: (r.agency_id as string | null) ?? null,
  planId: (r.plan_id as string | null) ?? null,
  kind: r.kind as string,
  text: r.text as string,
  choices: json(r.choices),
  attachment: json(r.attachment),
  guard: json(r.guard),
  state: r.state as OutboxState,
  attempts: r.attempts as number,
  sendAfter: r.send_after as string,
  claimedAt: (r.claimed_at as string | null) ?? null,
  sentAt: (r.sent_at as string | null) ?? null,
  platformMessageId: (r.platform_message_id as string | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  createdAt: r.created_at as string,
});

/** Claims the chat's oldest pending message due by `horizon`, or nothing. */
async function claim(
  q: Q,
  chatId: string,
  horizon: string,
  now = new Date().toISOString(),
): Promise<OutboxRow | undefined> {
  const row = await claimOne(q).get(now, chatId, horizon, chatId);
  return row ? fromRow(row) : undefined;
}

const sent = statement("outbox_sent", (q) =>
  q.db
    .update(q.t.outbox)
    .set({ state: "sent", sentAt: p("now") as never, platformMessageId: p("pmid") as never, lastError: null })
    .where(eq(q.t.outbox.id, p("id")))
    .prepare(),
);

async function markSent(q: Q, id: number, platformMessageId: string, now = new Date().toISOString()) {
  await sent(q).execute({ id, pmid: platformMessageId, now });
}

const released = statement("outbox_release", (q) => {
  const o = q.t.outbox;
  return q.db
    .update(o)
    .set({
      state: "pending",
      claimedAt: null,
      lastError: p("error") as never,
      attempts: sql`${o.attempts} - ${p("undo")}`,
    })
    .where(eq(o.id, p("id")))
    .prepare();
});

/** Back to pending; a push-back from the platform (429) does not count as an attempt. */
async function release(q: Q, id: number, error: string | null, countAttempt: boolean): Promise<void> {
  await released(q).execute({ id, error, undo: countAttempt ? 0 : 1 });
}

const ended = statement("outbox_end", (q) =>
  q.db
    .update(q.t.outbox)
    .set({ state: p("state") as never, lastError: p("error") as never, claimedAt: null })
    .where(eq(q.t.outbox.id, p("id")))
    .prepare(),
);

/** What the message chased was settled before it went out: it never will. */
async function markSkipped(q: Q, id: number, reason: string): Promise<void> {
  await ended(q).execute({ id, state: "skipped", error: reason });
}

async function markFailed(q: Q, id: number, error: string): Promise<void> {
  await ended(q).execute({ id, state: "failed", error });
}

/** The chat is gone: everything waiting for it or in flight to it stops. Returns how many rows. */
async function markChatUnreachable(q: Q, chatId: string, reason: string): Promise<number> {
  const o = q.t.outbox;
  const rows = await q.db
    .update(o)
    .set({ state: "unreachable", lastError: reason, claimedAt: null })
    .where(and(eq(o.chatId, chatId), inArray(o.state, ["pending", "sending"])))
    .returning({ id: o.id });
  return rows.length;
}

/** Messages claimed by a worker that died before recording the outcome go back to pending. */
async function recoverStale(q: Q, olderThan: string): Promise<number> {
  const o = q.t.outbox;
  const rows = await q.db
    .update(o)
    .set({ state: "pending", claimedAt: null })
    .where(and(eq(o.state, "sending"), lt(o.claimedAt, olderThan)))
    .returning({ id: o.id });
  return rows.length;
}

export const outbox = {
  add,
  claim,
  markSent,
  release,
  markSkipped,
  markFailed,
  markChatUnreachable,
  recoverStale,
  ...outboxReads,
  ...outboxLog,
};
