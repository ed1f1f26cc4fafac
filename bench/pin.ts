import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import type pg from "pg";

const cpus = availableParallelism();

function taskset(args: string[]): boolean {
  try {
    execFileSync("taskset", args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The target is "on one core": every thread of this process (the garbage collector's helpers
 * included) is pinned to CPU 0 for the measurement, where taskset exists. Returns the undo.
 */
export function pinToOneCore(): (() => void) | undefined {
  const pid = String(process.pid);
  if (!taskset(["-a", "-p", "-c", "0", pid])) return undefined;
  return () => void taskset(["-a", "-p", "-c", `0-${cpus - 1}`, pid]);
}

/**
 * With the bot pinned to CPU 0, a PostgreSQL server on the same machine still runs its backends
 * on every core, CPU 0 included: each statement the bot sends wakes a backend that the scheduler
 * often puts on the bot's own core, taking it from the bot. A deployment has the database on
 * a machine of its own; the nearest this machine comes is the backends serving the bench on the
 * other cores. Opens every connection of the pool and moves its backend there; says what it did,
 * or why not (a remote server, no taskset, not allowed: BENCH_PG_PIN=0 skips it).
 */
export async function pinBackendsAwayFromBot(pool: pg.Pool, size: number): Promise<string> {
  if (process.env.BENCH_PG_PIN === "0") return "PostgreSQL's backends not pinned (BENCH_PG_PIN=0)";
  if (cpus < 2) return "PostgreSQL's backends not pinned (one CPU)";
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  try {
    let pinned = 0;
    for (const client of clients) {
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() pid");
      if (taskset(["-p", "-c", `1-${cpus - 1}`, String(rows[0]?.pid)])) pinned++;
    }
    return pinned === size
      ? `PostgreSQL's ${size} backends pinned to CPU 1${cpus > 2 ? `-${cpus - 1}` : ""}`
      : `PostgreSQL's backends not pinned (${pinned} of ${size}: a remote server, or not allowed)`;
  } finally {
    for (const client of clients) client.release();
  }
}
