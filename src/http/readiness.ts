import type { Redis } from "ioredis";
import { ready } from "../jobs/redis.ts";
import { SCHEDULER_PATTERNS, TICK_INTERVAL_MS } from "../jobs/schedulers.ts";
import type { Store } from "../store/index.ts";
import { withTimeout } from "./updates.ts";

const CHECK_TIMEOUT_MS = 2000;

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
  store: Store;
  redis: Redis;
  /** Ids of the job schedulers present in the ticks queue. */
  schedulers(): Promise<string[]>;
  /** When this process started: a fresh start has up to two intervals for its first tick. */
  startedAt: Date;
  now?: () => Date;
}

/** A write rolled back (store.health.probeWrite): the database is writable and its lock can be had. */
async function probeDatabase(store: Store): Promise<Check> {
  await store.health.probeWrite();
  return { ok: true };
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
 * What /readyz reports: the last tick from engine_state (as `doctor` reads it), the schedulers
 * from BullMQ, and a probe of the database and Redis.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const now = deps.now?.() ?? new Date();
  const [database, redis, tick, schedulers] = await Promise.all([
    settle(() => probeDatabase(deps.store)),
    settle(async () => {
      await ready(deps.redis, CHECK_TIMEOUT_MS / 2); // a connection still (re)connecting gets a moment
      const pong = await deps.redis.ping();
      return pong === "PONG" ? { ok: true } : { ok: false, detail: `unexpected answer ${pong}` };
    }),
    settle(async () => {
      const last = await deps.store.engine.lastTickAt();
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
      const missing = Object.keys(SCHEDULER_PATTERNS).filter((s) => !present.has(s));
      return missing.length === 0 ? { ok: true } : { ok: false, detail: `missing: ${missing.join(", ")}` };
    }),
  ]);
  const checks = { database, redis, tick, schedulers };
  const failed = Object.entries(checks)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  return { ready: failed.length === 0, checks, failed };
}
