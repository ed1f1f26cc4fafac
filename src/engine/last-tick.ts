import type Database from "better-sqlite3";

/**
 * The instant the rules were last run for (`engine_state.lastTickAt`): where the next tick starts
 * looking, and what readiness and `doctor` read. Simulated ticks (/tick, cli tick --at) move it too.
 */
const LAST_TICK = "lastTickAt";

export function lastTickAt(sqlite: Database.Database): Date | undefined {
  const row = sqlite.prepare("select value from engine_state where key = ?").get(LAST_TICK) as
    | { value: string }
    | undefined;
  return row ? new Date(row.value) : undefined;
}

/** Moves the last tick forward only: a tick for an earlier instant never winds it back. */
export function recordLastTick(sqlite: Database.Database, at: Date): void {
  sqlite
    .prepare(
      `insert into engine_state (key, value) values (?, ?)
       on conflict(key) do update set value = excluded.value where excluded.value > engine_state.value`,
    )
    .run(LAST_TICK, at.toISOString());
}
