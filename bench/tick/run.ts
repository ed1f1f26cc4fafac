import { fork } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resultsDir, round, runsFromEnv, type Spread, show, spread } from "../stats.ts";
import { engineLabel } from "../storage.ts";
import { buildCatalog, SCALE } from "./catalog.ts";
import type { TickSample } from "./child.ts";

/** The 1st of December at 08:00: every agency's cycle opens and the year-end due dates are 30 days out. */
export const BUSIEST = "2026-12-01T08:00:00+07:00";
// PostgreSQL's target is the storage issue's: every read and write is a round trip on a socket.
const TARGET = { wallMs: engineLabel() === "postgres" ? 3000 : 2000, maxRssMB: 300 };
const child = fileURLToPath(new URL("./child.ts", import.meta.url));

function measure(dbPath: string): Promise<TickSample> {
  // BENCH_CPU_PROF=1 leaves a .cpuprofile per run in bench/results/ for Chrome DevTools.
  const prof = process.env.BENCH_CPU_PROF === "1" ? ["--cpu-prof", `--cpu-prof-dir=${resultsDir}`] : [];
  return new Promise((resolve, reject) => {
    let sample: TickSample | undefined;
    const p = fork(child, [dbPath, BUSIEST], { execArgv: ["--import", "tsx", ...prof], stdio: "inherit" });
    p.on("message", (m) => {
      sample = m as TickSample;
    });
    p.on("error", reject);
    p.on("exit", (code) => {
      if (code === 0 && sample) resolve(sample);
      else reject(new Error(`tick child exited with code ${code}`));
    });
  });
}

export async function benchTick(): Promise<TickBench & { catalog: object }> {
  const runs = runsFromEnv();
  const dir = mkdtempSync(join(tmpdir(), "nhacviec-bench-tick-"));
  try {
    const pristine = join(dir, "pristine.db");
    console.log(
      `tick: on ${engineLabel()}; building ${SCALE.plans} plans × ${SCALE.agencies} agencies × ${SCALE.tasks} tasks…`,
    );
    const catalog = buildCatalog(pristine);
    console.log(
      `tick: ${catalog.assignments} assignments (${catalog.leads} lead), ${catalog.contacts} contacts, ${catalog.reports} reports in ${round(catalog.buildMs / 1000)} s`,
    );
    const samples: TickSample[] = [];
    for (let i = 1; i <= runs; i++) {
      // A byte copy per run: an empty outbox and no engine_state, as on the real first tick of the day.
      const db = join(dir, `run-${i}.db`);
      copyFileSync(pristine, db);
      const s = await measure(db);
      rmSync(db, { force: true });
      for (const suffix of ["-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
      console.log(
        `tick: run ${i}/${runs}: ${round(s.wallMs)} ms, peak RSS ${round(s.maxRssKB / 1024)} MB, ${s.rows} rows`,
      );
      samples.push(s);
    }
    const wall = spread(samples.map((s) => s.wallMs));
    const rss = spread(samples.map((s) => s.maxRssKB / 1024));
    const base = spread(samples.map((s) => s.rssBeforeKB / 1024));
    const phaseNames = Object.keys(samples[0]?.phases ?? {});
    const phases: Record<string, Spread> = Object.fromEntries(
      phaseNames.map((p) => [p, spread(samples.map((s) => s.phases[p] ?? 0))]),
    );
    phases.composition = spread(
      samples.map((s) => s.wallMs - Object.values(s.phases).reduce((a, b) => a + b, 0)),
    );
    const first = samples[0];
    const result = {
      runs,
      instant: BUSIEST,
      catalog,
      wallMs: wall,
      maxRssMB: rss,
      rssBeforeTickMB: base,
      rows: first?.rows ?? 0,
      byKind: first?.byKind ?? {},
      textMB: round(first?.textMB ?? 0, 2),
      fingerprint: [...new Set(samples.map((s) => s.fingerprint))].join(" "),
      phasesMs: phases,
      target: TARGET,
      met: { wall: wall.median < TARGET.wallMs, rss: rss.median < TARGET.maxRssMB },
    };
    printTick(result);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TickBench {
  runs: number;
  instant: string;
  wallMs: Spread;
  maxRssMB: Spread;
  rssBeforeTickMB: Spread;
  rows: number;
  byKind: Record<string, number>;
  textMB: number;
  /** Hash of the outbox after the tick; one value when every run wrote the same messages. */
  fingerprint: string;
  phasesMs: Record<string, Spread>;
  target: typeof TARGET;
  met: { wall: boolean; rss: boolean };
}

function printTick(r: TickBench): void {
  const verdict = (ok: boolean, ratio: number) => (ok ? "OK" : `MISSED by ${round((ratio - 1) * 100)} %`);
  console.log(
    `\n== Tick at the busiest instant (${r.instant}) on ${engineLabel()}, median of ${r.runs} runs`,
  );
  console.log(
    `  wall time     ${show(r.wallMs, "ms")}  target < ${r.target.wallMs} ms: ${verdict(r.met.wall, r.wallMs.median / r.target.wallMs)}`,
  );
  console.log(
    `  peak RSS      ${show(r.maxRssMB, "MB")}  target < ${r.target.maxRssMB} MB: ${verdict(r.met.rss, r.maxRssMB.median / r.target.maxRssMB)}`,
  );
  console.log(`  RSS before    ${show(r.rssBeforeTickMB, "MB")} (runtime, modules, calendar)`);
  console.log(`  rows written  ${r.rows} (${r.textMB} MB of text): ${JSON.stringify(r.byKind)}`);
  console.log(`  fingerprint   ${r.fingerprint}`);
  const parts = Object.entries(r.phasesMs).map(([p, s]) => `${p} ${round(s.median)}`);
  console.log(`  where (ms)    ${parts.join(", ")}`);
}
