import { sql } from "drizzle-orm";
import { type OutboxState, outboxStates } from "../db/schema.ts";
import { type Q, raw, statement, transaction } from "./context.ts";
import { stateInstant } from "./engine.ts";

/** What readiness, `doctor` and the metrics scrape read about the running system. */

const TICK_RAN = "tickRanAt";
const PROBE_BUSY_TIMEOUT_MS = 250;

const upsertState = statement("engine_state_set", (q) =>
  q.db
    .insert(q.t.engineState)
    .values({ key: sql.placeholder("key"), value: sql.placeholder("value") } as never)
    .onConflictDoUpdate({ target: q.t.engineState.key, set: { value: sql.raw("excluded.value") } })
    .prepare(),
);

/** Records that a scheduled (real-clock) tick completed; simulated ticks do not. */
async function recordTickRan(q: Q, at: Date): Promise<void> {
  await upsertState(q).execute({ key: TICK_RAN, value: at.toISOString() });
}

/** When a scheduled tick last completed, on any instance sharing the database. */
async function lastTickRan(q: Q): Promise<Date | undefined> {
  return stateInstant(q, TICK_RAN);
}

const byState = raw<{ state: string; n: number | string }>(
  "select state, count(*) n from outbox group by state",
);

/** Outbox rows in every state, zero for a state with none. */
async function outboxCounts(q: Q): Promise<Record<OutboxState, number>> {
  const rows = await byState(q).all();
  return Object.fromEntries(
    outboxStates.map((s) => [s, Number(rows.find((r) => r.state === s)?.n ?? 0)]),
  ) as Record<OutboxState, number>;
}

// Few chats are ever unreachable: their ids are read and counted by prefix here, since the
// engines cut a string at ':' with different functions (instr, strpos).
const unreachableIds = raw<{ id: string }>("select id from chats where unreachable_at is not null");

/** Chats marked unreachable, counted by channel prefix ("tg", "zalo"). */
async function unreachableByChannel(q: Q): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { id } of await unreachableIds(q).all()) {
    const colon = id.indexOf(":");
    // instr() gave 0 for an id without ':', and substr(id, 1, -1) the empty string.
    const channel = colon < 0 ? "" : id.slice(0, colon);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

class Rollback extends Error {}

const probeRow = raw(
  "insert into engine_state (key, value) values ('readyz-probe', '') on conflict (key) do nothing",
);

/**
 * Writes a row in a transaction that is rolled back: it proves the database is writable and
 * the write lock can be had, and leaves nothing behind. On SQLite the busy timeout is lowered
 * for the probe, since better-sqlite3 would block the event loop waiting. Throws if it cannot.
 */
async function probeWrite(q: Q): Promise<void> {
  const sqlite = q.dialect === "sqlite" ? q.sqlite : undefined;
  const busy = sqlite?.pragma("busy_timeout", { simple: true }) as number | undefined;
  sqlite?.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
  try {
    await transaction(q, async (tx) => {
      await probeRow(tx).run();
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    if (sqlite && busy !== undefined) sqlite.pragma(`busy_timeout = ${busy}`);
  }
}

export const health = { recordTickRan, lastTickRan, outboxCounts, unreachableByChannel, probeWrite };
