import type { Store } from "../store/index.ts";
import type { Swept } from "../store/retention.ts";

const DAY_MS = 86_400_000;
/** Refused invite codes only slow guessers down for a quarter hour; a day is plenty. */
const ATTEMPTS_KEEP_MS = DAY_MS;

/**
 * The engine's daily chores on either engine: the first tick of each local day clears old
 * message texts and deletes what has served its purpose (store/retention.ts). Undefined when
 * another tick (or instance) already did today's.
 */
export async function dailyHousekeeping(
  store: Store,
  opts: { now: Date; localDay: string; outboxTextDays: number },
): Promise<Swept | undefined> {
  // One transaction: a sweep that fails leaves the day unclaimed, for the next tick to retry.
  return store.transaction(async (tx) => {
    if (!(await tx.retention.claimDay(opts.localDay))) return undefined;
    return sweepNow(tx, opts);
  });
}

/** The sweep itself, whatever the day (tests and the operator's `people` commands). */
export function sweepNow(store: Store, opts: { now: Date; outboxTextDays: number }): Promise<Swept> {
  const now = opts.now.getTime();
  return store.retention.sweep({
    now: opts.now.toISOString(),
    textBefore: new Date(now - opts.outboxTextDays * DAY_MS).toISOString(),
    attemptsBefore: new Date(now - ATTEMPTS_KEEP_MS).toISOString(),
  });
}
