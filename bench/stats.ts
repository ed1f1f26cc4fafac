import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
const resultsFile = join(resultsDir, "engine.json");

/** A measured quantity over several runs; the median is the figure, min/max show the noise. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, values };
}

/** Machines are noisy: three runs unless BENCH_RUNS says otherwise. */
export function runsFromEnv(): number {
  const n = Number(process.env.BENCH_RUNS ?? 3);
  return Number.isInteger(n) && n >= 1 ? n : 3;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** "1234.5 ms (min 1200.1, max 1300.2)" */
export function show(s: Spread, unit: string, digits = 1): string {
  return `${round(s.median, digits)} ${unit} (min ${round(s.min, digits)}, max ${round(s.max, digits)})`;
}

export function machine() {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    // Other work on the machine moves every figure; the load says how busy it was.
    loadAverage: loadavg().map((l) => round(l, 2)),
  };
}

/**
 * Merges one benchmark's figures into bench/results/engine.json, so `npm run bench -- tick`
 * keeps the last delivery figures. The directory ignores itself: results are per machine.
 */
export function saveResults(key: "tick" | "delivery" | "reports" | "startup" | "web", data: unknown): string {
  mkdirSync(resultsDir, { recursive: true });
  const ignore = join(resultsDir, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "*\n");
  let all: Record<string, unknown> = {};
  if (existsSync(resultsFile)) {
    try {
      all = JSON.parse(readFileSync(resultsFile, "utf8")) as Record<string, unknown>;
    } catch {
      all = {};
    }
  }
  all.machine = machine();
  all[key] = { at: new Date().toISOString(), ...(data as object) };
  writeFileSync(resultsFile, `${JSON.stringify(all, null, 2)}\n`);
  return resultsFile;
}
