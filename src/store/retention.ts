import { and, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import type { Q } from "./context.ts";

/** Messages whose fate is settled: their text has served its purpose once old enough. */
const FINISHED = ["sent", "failed", "unreachable", "skipped"] as const;

export interface Swept {
  /** Outbox rows whose text, buttons and attachment were cleared. */
  texts: number;
  flows: number;
  invites: number;
  attempts: number;
}

/**
 * Keeps nothing longer than its purpose needs (engine/housekeeping.ts runs it daily):
 * a finished message older than `textBefore` keeps its key, recipient, kind, state and times
 * (the proof of delivery) and loses its text; expired conversations, used or expired invites
 * and old refused-code attempts are deleted.
 */
async function sweep(q: Q, at: { now: string; textBefore: string; attemptsBefore: string }): Promise<Swept> {
  const { outbox: o, flows: f, invites: i, inviteAttempts: a } = q.t;
  const texts = await q.db
    .update(o)
    .set({ text: "", choices: null, attachment: null })
    .where(
      and(
        inArray(o.state, [...FINISHED]),
        lt(sql`coalesce(${o.sentAt}, ${o.createdAt})`, at.textBefore),
        ne(o.text, ""),
      ),
    )
    .returning({ id: o.id });
  const flows = await q.db.delete(f).where(lt(f.expiresAt, at.now)).returning({ chatId: f.chatId });
  const invites = await q.db
    .delete(i)
    .where(or(isNotNull(i.usedAt), lt(i.expiresAt, at.now)))
    .returning({ code: i.code });
  const attempts = await q.db.delete(a).where(lt(a.at, at.attemptsBefore)).returning({ id: a.id });
  return { texts: texts.length, flows: flows.length, invites: invites.length, attempts: attempts.length };
}

const DAY_KEY = "housekeepingDay";

/**
 * True for the one caller that first claims the local `day` ("YYYY-MM-DD"): the daily chores
 * run once a day however many instances tick.
 */
async function claimDay(q: Q, day: string): Promise<boolean> {
  const s = q.t.engineState;
  const won = await q.db
    .insert(s)
    .values({ key: DAY_KEY, value: day })
    .onConflictDoUpdate({
      target: s.key,
      set: { value: sql.raw("excluded.value") },
      setWhere: sql.raw("excluded.value > engine_state.value"),
    })
    .returning({ key: s.key });
  return won.length > 0;
}

export const retention = { sweep, claimDay };
