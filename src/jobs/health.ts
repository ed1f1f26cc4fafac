import type { Queue } from "bullmq";
import { TICK_INTERVAL_MS } from "./schedulers.ts";

/**
 * What readiness checks (/readyz, `cli doctor`) need to know about the engine. Plain
 * functions over the store (store.health: when a tick last ran) and a queue, so a process without a running engine can ask too.
 */
export interface EngineHealth {
  /** Ids of the job schedulers present in Redis (`tick`, `dispatch`); empty when Redis does not answer. */
  schedulers: string[];
  /** When a scheduled tick last completed, on any instance sharing the database (wall clock). */
  lastTickAt?: Date;
  /** When this process's engine started, if one runs here: a late tick is excused before the first. */
  startedAt?: Date;
}

/** The scheduler ids present in the ticks queue, or [] when Redis does not answer. */
export async function presentSchedulers(ticks: Queue): Promise<string[]> {
  try {
    return (await ticks.getJobSchedulers()).map((s) => s.key).sort();
  } catch {
    return [];
  }
}

export interface TickLateness {
  late: boolean;
  /** Since the last tick (or the engine's start, whichever is later); undefined if neither is known. */
  ageMs?: number;
  /** Older than this is late: two tick intervals. */
  limitMs: number;
}

/**
 * Whether the tick is late: no tick for more than two intervals. A process whose engine
 * started less than two intervals ago is not late yet, even with no tick on record.
 */
export function tickLateness(
  health: Pick<EngineHealth, "lastTickAt" | "startedAt">,
  now = new Date(),
  intervalMs = TICK_INTERVAL_MS,
): TickLateness {
  const limitMs = 2 * intervalMs;
  const times = [health.lastTickAt, health.startedAt].filter((d): d is Date => d !== undefined);
  if (times.length === 0) return { late: true, limitMs };
  const ageMs = now.getTime() - Math.max(...times.map((d) => d.getTime()));
  return { late: ageMs > limitMs, ageMs, limitMs };
}
