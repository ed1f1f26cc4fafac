import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { Redis } from "ioredis";
import { loadConfig } from "../../src/config.ts";
import { conversationDeps } from "../../src/core.ts";
import { createLogger } from "../../src/logger.ts";
import { createWebConsole } from "../../src/web/app.ts";
import { round, type Spread, show, spread } from "../stats.ts";
import { benchStorage, engineLabel } from "../storage.ts";
import { buildCatalog, SCALE } from "../tick/catalog.ts";
import { BUSIEST } from "../tick/run.ts";

/** The issue's target for each page, measured in the server (no network, no browser). */
const TARGET_MS = 50;
const PAGES = { overview: "/web", tasks: "/web/tasks" } as const;

export interface WebBench {
  engine: string;
  samples: number;
  pagesMs: Record<string, Spread>;
  kB: Record<string, number>;
  target: number;
  met: boolean;
}

/**
 * `npm run bench -- web`: the console's overview and task list on the tick bench's national
 * catalog (34 plans × 165 agencies × 62 tasks), signed in as a national coordinator at the
 * busiest instant. Each sample is one whole request through the console's Hono app, from
 * routing and the session check to the last byte of HTML; requests alternate between pages.
 */
export async function benchWeb(): Promise<WebBench> {
  const samples = Number(process.env.BENCH_SAMPLES ?? 30);
  const dir = mkdtempSync(join(tmpdir(), "nhacviec-bench-web-"));
  const redis = new Redis(process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const path = join(dir, "web.db");
    console.log(`web: on ${engineLabel()}; building ${SCALE.plans} plans × ${SCALE.agencies} agencies…`);
    buildCatalog(path);
    const config = loadConfig({
      DB_PATH: path,
      LOG_LEVEL: "silent",
      QUEUE_PREFIX: `bench-web-${process.pid}`,
    });
    const storage = await benchStorage(config);
    try {
      const { core } = storage;
      const now = new Date(BUSIEST);
      const deps = { ...conversationDeps(core, () => now), config, log: createLogger("silent"), redis };
      const web = createWebConsole(deps);
      const app = new Hono().route("/web", web.app);
      const [coordinator] = await storage.rows<{ id: number }>(
        "select id from contacts where role = 'coordinator' order by id limit 1",
      );
      const cookie = await signIn(app, web, coordinator?.id ?? 0);
      const times: Record<string, number[]> = { overview: [], tasks: [] };
      const kB: Record<string, number> = {};
      for (let i = -3; i < samples; i++) {
        for (const [name, path] of Object.entries(PAGES)) {
          const started = performance.now();
          const res = await app.request(path, { headers: { cookie } });
          const body = await res.text();
          const ms = performance.now() - started;
          if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
          kB[name] = round(Buffer.byteLength(body) / 1024);
          if (i >= 0) times[name]?.push(ms); // the first three warm the caches and the JIT
        }
      }
      const pagesMs = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, spread(v)]));
      const result = {
        engine: engineLabel(),
        samples,
        pagesMs,
        kB,
        target: TARGET_MS,
        met: Object.values(pagesMs).every((s) => s.median < TARGET_MS),
      };
      print(result);
      return result;
    } finally {
      await storage.close();
    }
  } finally {
    for (const key of await redis.keys(`bench-web-${process.pid}:*`)) await redis.del(key);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signIn(app: Hono, web: ReturnType<typeof createWebConsole>, contactId: number) {
  const { url } = await web.links.issue(contactId);
  const token = new URL(url).pathname.split("/").at(-1) ?? "";
  const res = await app.request("/web/login", { method: "POST", body: new URLSearchParams({ token }) });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in refused: ${res.status}`);
  return cookie;
}

function print(r: WebBench): void {
  console.log(`\n== Web console on ${r.engine}, ${r.samples} requests per page`);
  for (const [name, s] of Object.entries(r.pagesMs)) {
    const verdict = s.median < r.target ? "OK" : "MISSED";
    console.log(
      `  ${name.padEnd(9)} ${show(s, "ms")}, ${r.kB[name]} kB  target < ${r.target} ms: ${verdict}`,
    );
  }
}
