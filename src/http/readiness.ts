import type Database from "better-sqlite3";
import type { Redis } from "ioredis";
import { ready } from "../jobs/redis.ts";
import { withTimeout } from "./updates.ts";

/** The tick scheduler's period (src/jobs/runner.ts, pattern every 5 minutes). */
export const TICK_INTERVAL_MS = 5 * 60_000;
/** The job schedulers the engine declares (src/jobs/runner.ts). */
export const SCHEDULERS = ["tick", "dispatch"] as const;
const CHECK_TIMEOUT_MS = 2000;
const PROBE_BUSY_TIMEOUT_MS = 250;

export interface Check {
  ok: boolean;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<"database" | "redis" | "tick" | "schedulers", Check>;
  failed: string[];
}

export interface ReadinessDeps {
  sqlite: Database.Database;
  redis: Redis;
  /** Ids of the job schedulers present in the ticks queue. */
  schedulers(): Promise<string[]>;
  /** When this process started: a fresh start has up to two intervals for its first tick. */
  startedAt: Date;
  now?: () => Date;
}

/**
 * Writes a row in a transaction that is rolled back: it proves the file is writable and the
 * write lock can be had, and leaves nothing behind (no fsync, no page in the log). The busy
 * timeout is lowered for the probe, since better-sqlite3 would block the event loop waiting.
 */
function probeDatabase(sqlite: Database.Database): Check {
  const busy = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
  try {
    sqlite.exec("begin immediate");
    try {
      sqlite
        .prepare("insert into engine_state (key, value) values ('readyz-probe', '') on conflict do nothing")
        .run();
    } finally {
      sqlite.exec("rollback");
    }
    return { ok: true };
  } finally {
    sqlite.pragma(`busy_timeout = ${busy}`);
  }
}

function lastTick(sqlite: Database.Database): Date | undefined {
  const row = sqlite.prepare("select value from engine_state where key = 'lastTickAt'").get() as
    | { value: string }
    | undefined;
  return row ? new Date(row.value) : undefined;
}

const failure = (e: unknown): Check => ({ ok: false, detail: e instanceof Error ? e.message : String(e) });

async function settle(check: () => Check | Promise<Check>): Promise<Check> {
  try {
    return await withTimeout(Promise.resolve().then(check), CHECK_TIMEOUT_MS);
  } catch (e) {
    return failure(e);
  }
}

/**
 * What /readyz reports. Meant to be folded into the EngineRunner's own health function once it
 * has one; until then it reads the last tick from engine_state and the schedulers from BullMQ.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const now = deps.now?.() ?? new Date();
  const [database, redis, tick, schedulers] = await Promise.all([
    settle(() => probeDatabase(deps.sqlite)),
    settle(async () => {
      await ready(deps.redis, CHECK_TIMEOUT_MS / 2); // a connection still (re)connecting gets a moment
      const pong = await deps.redis.ping();
      return pong === "PONG" ? { ok: true } : { ok: false, detail: `unexpected answer ${pong}` };
    }),
    settle(() => {
      const last = lastTick(deps.sqlite);
      // A tick recorded for a later instant (cli tick --at) says nothing about the scheduler:
      // only the start time counts then, so a stopped scheduler is not hidden behind it.
      const known = last && last <= now ? last.getTime() : 0;
      const since = Math.max(known, deps.startedAt.getTime());
      const ageMs = now.getTime() - since;
      const seconds = Math.round(ageMs / 1000);
      const detail = known
        ? `last tick ${new Date(known).toISOString()}, ${seconds} s ago`
        : `no tick yet since the start ${seconds} s ago`;
      return { ok: ageMs <= 2 * TICK_INTERVAL_MS, detail };
    }),
    settle(async () => {
      const present = new Set(await deps.schedulers());
      const missing = SCHEDULERS.filter((s) => !present.has(s));
      return missing.length === 0 ? { ok: true } : { ok: false, detail: `missing: ${missing.join(", ")}` };
    }),
  ]);
  const checks = { database, redis, tick, schedulers };
  const failed = Object.entries(checks)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  return { ready: failed.length === 0, checks, failed };
}
