/**
 * One measured tick, in a process of its own so that maxRSS is this tick's peak and not the
 * parent's (which built the catalog). Run as: node --import tsx bench/tick/child.ts <db> <instant>
 */
import { createHash } from "node:crypto";
import { loadConfig } from "../../src/config.ts";
import { Snapshot } from "../../src/engine/snapshot.ts";
import { runTick } from "../../src/engine/tick.ts";
import { benchStorage } from "../storage.ts";

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

const storage = await benchStorage(loadConfig({ DB_PATH: dbPath, LOG_LEVEL: "silent" }));
const { core } = storage;
timeCalls(core.outbox, "add", "outbox.add");
const rssBeforeKB = Math.round(process.memoryUsage().rss / 1024);
const started = performance.now();
const result = await runTick(core, new Date(instant));
const wallMs = performance.now() - started;
const maxRssKB = process.resourceUsage().maxRSS;

const kinds = (
  await storage.rows<{ kind: string; n: number | string; chars: number | string }>(
    "select kind, count(*) n, sum(length(text)) chars from outbox group by kind",
  )
).map((k) => ({ kind: k.kind, n: Number(k.n), chars: Number(k.chars) }));
// A fingerprint of what was written, so a faster engine can be checked to write the same
// messages. Ordered here, not in SQL: the engines' collations need not agree.
const written = await storage.rows<{ k: string; c: string; t: string; ch: unknown; s: string }>(
  "select dedupe_key k, chat_id c, text t, choices ch, send_after s from outbox",
);
written.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
const hash = createHash("sha256");
// SQLite hands JSON back as text, PostgreSQL's jsonb as a value: hashed as values on both.
const value = (j: unknown) => (typeof j === "string" ? JSON.parse(j) : j);
for (const r of written) hash.update(JSON.stringify([r.k, r.c, r.t, value(r.ch), r.s]));
await storage.close();

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
