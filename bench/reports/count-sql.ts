import type Database from "better-sqlite3";
import pg from "pg";

/**
 * BENCH_COUNT_SQL=1: counts the statements the measured loop runs, on SQLite (every run, get,
 * all, iterate of a prepared statement, and every exec) or on PostgreSQL (every query a client
 * sends, each a round trip, BEGIN and COMMIT included), to compare what one update costs in
 * queries between two versions of the code, and the process's CPU time per update (less noisy
 * than the rate on a shared machine: time other processes take from this one is not counted).
 * Patches the driver's classes for the process, so it is opt-in and only for the bench.
 * Returns undefined when not asked for.
 */
export function countSql(sqlite: Database.Database | undefined, updates: () => number) {
  if (process.env.BENCH_COUNT_SQL !== "1") return undefined;
  const bySql = new Map<string, number>();
  let counting = false;
  let cpu = process.cpuUsage();
  const count = (text: string) => {
    if (counting) bySql.set(text, (bySql.get(text) ?? 0) + 1);
  };
  const restore = sqlite ? patchSqlite(sqlite, count) : patchPostgres(count);
  return {
    start() {
      counting = true;
      cpu = process.cpuUsage();
    },
    stop(reports: number) {
      counting = false;
      const used = process.cpuUsage(cpu);
      for (const undo of restore) undo();
      const total = [...bySql.values()].reduce((a, b) => a + b, 0);
      const n = updates();
      console.log(
        `reports: SQL statements: ${total} for ${reports} reports, ${n} updates: ${(total / n).toFixed(2)} per update, ${(total / reports).toFixed(2)} per report; CPU ${((used.user + used.system) / n).toFixed(1)} µs per update (user ${(used.user / n).toFixed(1)}, system ${(used.system / n).toFixed(1)})`,
      );
      for (const [text, times] of [...bySql].sort((a, b) => b[1] - a[1]))
        console.log(`  ${(times / reports).toFixed(2)}/report  ${text.replace(/\s+/g, " ").slice(0, 150)}`);
    },
  };
}

/** Every run, get, all, iterate of a prepared statement, and every exec. */
function patchSqlite(sqlite: Database.Database, count: (text: string) => void): (() => void)[] {
  const proto = Object.getPrototypeOf(sqlite.prepare("select 1")) as Record<string, unknown>;
  const restore: (() => void)[] = [];
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = proto[method] as (...args: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      count(this.source);
      return original.apply(this, args);
    };
    restore.push(() => {
      proto[method] = original;
    });
  }
  const exec = sqlite.exec;
  sqlite.exec = function (this: Database.Database, text: string) {
    count(text);
    return exec.call(this, text);
  };
  restore.push(() => {
    sqlite.exec = exec;
  });
  return restore;
}

/** Every query a PostgreSQL client sends: each is a round trip (BEGIN and COMMIT included). */
function patchPostgres(count: (text: string) => void): (() => void)[] {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const text = typeof config === "string" ? config : (config as { text?: string } | undefined)?.text;
    if (text) count(text.replace(/'[^']*'/g, "'…'"));
    return original.call(this, config, ...rest);
  };
  return [
    () => {
      proto.query = original;
    },
  ];
}
