/**
 * One measured tick, in a process of its own so that maxRSS is this tick's peak and not the
 * parent's (which built the catalog). Run as: node --import tsx bench/tick/child.ts <db> <instant>
 */
import { createHash } from "node:crypto";
import { loadConfig } from "../../src/config.ts";
import { buildCore } from "../../src/core.ts";
import { Snapshot } from "../../src/engine/snapshot.ts";
import { runTick } from "../../src/engine/tick.ts";

export interface TickSample {
  wallMs: number;
  maxRssKB: number;
  rssBeforeKB: number;
  rows: number;
  byKind: Record<string, number>;
  textMB: number;
  fingerprint: string;
  /** Milliseconds inside each wrapped step; what is left of wallMs is composition. */
  phases: Record<string, number>;
}

const phases: Record<string, number> = {};

/**
 * Times every call of a method without touching src/: the tick calls each only a few times per
 * plan. An async method is timed until it settles (ticks run one at a time, so nothing overlaps).
 */
function timeCalls(target: object, method: string, phase: string): void {
  const methods = target as Record<string, (...args: unknown[]) => unknown>;
  const original = methods[method];
  if (!original) throw new Error(`no method ${method} to time`);
  const record = (started: number) => {
    phases[phase] = (phases[phase] ?? 0) + performance.now() - started;
  };
  methods[method] = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(() => record(started));
    record(started);
    return result;
  };
}

const [dbPath, instant] = process.argv.slice(2);
if (!dbPath || !instant) throw new Error("usage: child.ts <db> <instant>");

for (const m of ["loadWork", "loadShared", "loadReported", "loadPartnerCounts", "loadPlans"]) {
  timeCalls(Snapshot.prototype, m, `snapshot.${m}`);
}

const core = buildCore(loadConfig({ DB_PATH: dbPath, LOG_LEVEL: "silent" }));
timeCalls(core.outbox, "add", "outbox.add");
const rssBeforeKB = Math.round(process.memoryUsage().rss / 1024);
const started = performance.now();
const result = await runTick(core, new Date(instant));
const wallMs = performance.now() - started;
const maxRssKB = process.resourceUsage().maxRSS;

const kinds = core.database.sqlite
  .prepare("select kind, count(*) n, sum(length(text)) chars from outbox group by kind")
  .all() as {
  kind: string;
  n: number;
  chars: number;
}[];
// A fingerprint of what was written, so a faster engine can be checked to write the same messages.
const hash = createHash("sha256");
for (const row of core.database.sqlite
  .prepare("select dedupe_key, chat_id, text, choices, send_after from outbox order by dedupe_key")
  .raw()
  .iterate() as IterableIterator<unknown[]>)
  hash.update(JSON.stringify(row));
core.database.close();

const sample: TickSample = {
  wallMs,
  maxRssKB,
  rssBeforeKB,
  rows: result.ids.length,
  byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
  textMB: kinds.reduce((s, k) => s + k.chars, 0) / 2 ** 20,
  fingerprint: hash.digest("hex").slice(0, 16),
  phases,
};
process.send?.(sample);
