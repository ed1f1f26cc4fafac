import { randomBytes } from "node:crypto";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Choice } from "../messages.ts";
import { pgQuery, type Q, statement } from "./context.ts";

/** A conversation in progress: one per chat, expiring 24 hours after its last step. */
export interface FlowState<T extends object = Record<string, unknown>> {
  chatId: string;
  contactId: number | null;
  kind: string;
  step: string;
  nonce: string;
  data: T;
  /** The choices the open question offered, for "2" or a label typed on text channels. */
  choices?: Choice[];
}

const DAY_MS = 86_400_000;
const chat = sql.placeholder("chatId");

const byChat = statement("flow_by_chat", (q) =>
  q.db.select().from(q.t.flows).where(eq(q.t.flows.chatId, chat)).prepare(),
);
const remove = statement("flow_delete", (q) =>
  q.db.delete(q.t.flows).where(eq(q.t.flows.chatId, chat)).returning({ chatId: q.t.flows.chatId }).prepare(),
);
const upsert = statement("flow_upsert", (q) => {
  const f = q.t.flows;
  const values = {
    chatId: chat,
    contactId: sql.placeholder("contactId"),
    kind: sql.placeholder("kind"),
    step: sql.placeholder("step"),
    nonce: sql.placeholder("nonce"),
    data: sql.placeholder("data"),
    // Encoded by `save`: through the JSON column a null would be written as the text "null".
    choices: sql`${sql.placeholder("choices")}`,
    updatedAt: sql.placeholder("now"),
    expiresAt: sql.placeholder("expires"),
  };
  const excluded = (c: string) => sql.raw(`excluded.${c}`);
  return q.db
    .insert(f)
    .values(values as never)
    .onConflictDoUpdate({
      target: f.chatId,
      set: {
        contactId: excluded("contact_id"),
        kind: excluded("kind"),
        step: excluded("step"),
        nonce: excluded("nonce"),
        data: excluded("data"),
        choices: excluded("choices"),
        updatedAt: excluded("updated_at"),
        expiresAt: excluded("expires_at"),
      },
    })
    .prepare();
});
/**
 * The upsert above on PostgreSQL, committed without waiting for the WAL to reach the disk
 * (synchronous_commit off for this statement's own transaction alone: set_config's `true`).
 * A flow is the step a conversation has reached; every update of a conversation writes it,
 * and on this machine the flush costs three times the statement (170 µs of the database's
 * CPU against 50, and a wait for the disk in every step's reply). What it risks is the last
 * fraction of a second of steps if the database server itself crashes: the person is asked
 * the previous question again. The row is visible to every instance as soon as it returns,
 * as with any commit. Reports, the outbox and everything else keep the durable commit; inside
 * a transaction the flow takes that transaction's commit (see `save`).
 */
const SAVE_WITHOUT_FLUSH = `with no_flush as materialized (select set_config('synchronous_commit', 'off', true))
  insert into flows (chat_id, contact_id, kind, step, nonce, data, choices, updated_at, expires_at)
  select $1, $2::integer, $3, $4, $5, $6::json, $7::json, $8, $9 from no_flush
  on conflict (chat_id) do update set contact_id = excluded.contact_id, kind = excluded.kind,
    step = excluded.step, nonce = excluded.nonce, data = excluded.data, choices = excluded.choices,
    updated_at = excluded.updated_at, expires_at = excluded.expires_at`;
const offerChoices = statement("flow_offer", (q) =>
  q.db
    .update(q.t.flows)
    .set({ choices: sql.placeholder("choices") as never })
    .where(and(eq(q.t.flows.chatId, chat), eq(q.t.flows.nonce, sql.placeholder("nonce"))))
    .prepare(),
);
const menuUpsert = statement("menu_upsert", (q) =>
  q.db
    .insert(q.t.chatMenus)
    .values({ chatId: chat, choices: sql.placeholder("choices"), updatedAt: sql.placeholder("now") } as never)
    .onConflictDoUpdate({
      target: q.t.chatMenus.chatId,
      set: { choices: sql.raw("excluded.choices"), updatedAt: sql.raw("excluded.updated_at") },
    })
    .prepare(),
);
const menuByChat = statement("menu_by_chat", (q) =>
  q.db
    .select({ choices: q.t.chatMenus.choices })
    .from(q.t.chatMenus)
    .where(eq(q.t.chatMenus.chatId, chat))
    .prepare(),
);

export interface FlowRow {
  chatId: string;
  contactId: number | null;
  kind: string;
  step: string;
  nonce: string;
  data: unknown;
  choices: Choice[] | null;
  expiresAt: string;
}

async function get<T extends object = Record<string, unknown>>(
  q: Q,
  chatId: string,
  now: Date,
): Promise<FlowState<T> | undefined> {
  const [row] = await byChat(q).execute({ chatId });
  return stateOf<T>(q, row, now);
}

/** A stored flow row as the conversation sees it; an expired one is cleared and reads as none. */
export async function stateOf<T extends object = Record<string, unknown>>(
  q: Q,
  row: FlowRow | undefined,
  now: Date,
): Promise<FlowState<T> | undefined> {
  if (!row) return undefined;
  if (row.expiresAt <= now.toISOString()) {
    await clear(q, row.chatId);
    return undefined;
  }
  return stateFields<T>(row);
}

function stateFields<T extends object = Record<string, unknown>>(row: FlowRow): FlowState<T> {
  return {
    chatId: row.chatId,
    contactId: row.contactId,
    kind: row.kind,
    step: row.step,
    nonce: row.nonce,
    data: row.data as T,
    choices: row.choices ?? undefined,
  };
}

/** A new flow with a fresh nonce, not yet stored: for a flow whose first question saves it anyway. */
export function newFlow(
  chatId: string,
  contactId: number | null,
  kind: string,
  step: string,
  data: object,
): FlowState {
  return {
    chatId,
    contactId,
    kind,
    step,
    nonce: randomBytes(3).toString("hex"),
    data: data as Record<string, unknown>,
  };
}

async function start(
  q: Q,
  chatId: string,
  contactId: number | null,
  kind: string,
  step: string,
  data: object,
  now: Date,
) {
  const state = newFlow(chatId, contactId, kind, step, data);
  await save(q, state, now);
  return state;
}

/**
 * Stores the flow at its new step; the previous question's choices no longer answer. A step
 * that knows the choices its question offers passes them, and they are stored in the same
 * write (as `offer` would store them); otherwise the flow has none until `offer`.
 */
async function save(q: Q, state: FlowState<object>, now: Date, choices?: Choice[]): Promise<void> {
  const row = {
    chatId: state.chatId,
    contactId: state.contactId,
    kind: state.kind,
    step: state.step,
    nonce: state.nonce,
    data: state.data,
    choices: choices ? JSON.stringify(choices) : null,
    now: now.toISOString(),
    expires: new Date(now.getTime() + DAY_MS).toISOString(),
  };
  if (q.dialect !== "postgres" || q.inTx) {
    await upsert(q).execute(row);
    return;
  }
  // The same values in SAVE_WITHOUT_FLUSH's order, the flow's data encoded as the column is.
  await pgQuery(q, SAVE_WITHOUT_FLUSH, [
    row.chatId,
    row.contactId,
    row.kind,
    row.step,
    row.nonce,
    JSON.stringify(row.data),
    row.choices,
    row.now,
    row.expires,
  ]);
}

async function clear(q: Q, chatId: string): Promise<boolean> {
  return (await remove(q).execute({ chatId })).length > 0;
}

/** The choices the flow's open question just offered; only the flow with that nonce takes them. */
async function offer(q: Q, chatId: string, nonce: string, choices: Choice[]): Promise<void> {
  await offerChoices(q).execute({ chatId, nonce, choices });
}

/** Remembers the choices of a message outside any flow (a reminder, a command's reply). */
async function setMenu(q: Q, chatId: string, choices: Choice[], now: Date): Promise<void> {
  await menuUpsert(q).execute({ chatId, choices, now: now.toISOString() });
}

async function menu(q: Q, chatId: string): Promise<Choice[]> {
  const [row] = await menuByChat(q).execute({ chatId });
  return row?.choices ?? [];
}

const idleAtRows = statement("flows_idle_at", (q) => {
  const f = q.t.flows;
  return q.db
    .select()
    .from(f)
    .where(
      and(
        eq(f.kind, sql.placeholder("kind")),
        eq(f.step, sql.placeholder("step")),
        gt(f.updatedAt, sql.placeholder("after")),
        lte(f.updatedAt, sql.placeholder("until")),
      ),
    )
    .orderBy(f.updatedAt, f.chatId)
    .prepare();
});

/**
 * Flows of a kind left at a step, their last step in (after, until], with the time of that
 * step and when they expire: the engine's nudge for a report written but never sent.
 */
async function idleAt(q: Q, kind: string, step: string, after: Date, until: Date) {
  const rows = await idleAtRows(q).execute({
    kind,
    step,
    after: after.toISOString(),
    until: until.toISOString(),
  });
  return rows.map((row) => ({ ...stateFields(row), updatedAt: row.updatedAt, expiresAt: row.expiresAt }));
}

export const flows = { get, start, save, clear, offer, setMenu, menu, idleAt };
