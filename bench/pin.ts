import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
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
 * or why not (a remote server, no taskset, not allowed: BENCH_PG_PIN=0 skips it), and the
 * backends' process ids, to count their CPU time (`cpuMsOf`).
 */
export async function pinBackendsAwayFromBot(
  pool: pg.Pool,
  size: number,
): Promise<{ said: string; pids: number[] }> {
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  try {
    const pids: number[] = [];
    for (const client of clients) {
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() pid");
      if (rows[0]) pids.push(rows[0].pid);
    }
    if (process.env.BENCH_PG_PIN === "0")
      return { said: "PostgreSQL's backends not pinned (BENCH_PG_PIN=0)", pids };
    if (cpus < 2) return { said: "PostgreSQL's backends not pinned (one CPU)", pids };
    const pinned = pids.filter((pid) => taskset(["-p", "-c", `1-${cpus - 1}`, String(pid)])).length;
    return {
      said:
        pinned === size
          ? `PostgreSQL's ${size} backends pinned to CPU 1${cpus > 2 ? `-${cpus - 1}` : ""}`
          : `PostgreSQL's backends not pinned (${pinned} of ${size}: a remote server, or not allowed)`,
      pids,
    };
  } finally {
    for (const client of clients) client.release();
  }
}

/**
 * The CPU time (ms, user and system) the given processes have used, from /proc: the
 * database's side of a benchmark, which the rate alone mixes with whatever else the machine
 * runs. Processes gone or not readable (a remote server) count nothing.
 */
export function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not on this machine.
    }
  }
  // Linux reports both in clock ticks of 10 ms (USER_HZ 100).
  return ticks * 10;
}
