import { createServer } from "node:net";
import Database from "better-sqlite3";
import { Queue } from "bullmq";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import * as schema from "../../src/db/schema.ts";
import { type HttpServer, httpPort, startHttpServer } from "../../src/http/server.ts";
import { producerConnection } from "../../src/jobs/redis.ts";
import { TICKS_QUEUE } from "../../src/jobs/runner.ts";
import { createLogger } from "../../src/logger.ts";
import { sqliteQ } from "../../src/store/context.ts";
import { openStore } from "../../src/store/index.ts";
import { tempDatabase } from "../helpers/db.ts";
import { REDIS_URL, testPrefix } from "../helpers/redis.ts";

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const MINUTE = 60_000;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function declareSchedulers(prefix: string, names: string[]): Promise<void> {
  const connection = producerConnection(REDIS_URL);
  const queue = new Queue(TICKS_QUEUE, { connection, prefix });
  try {
    for (const name of names) await queue.upsertJobScheduler(name, { pattern: "0 0 1 1 *" }, { name });
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

interface Setup {
  redisUrl?: string;
  schedulers?: string[];
  lastTickAgoMs?: number;
  startedAgoMs?: number;
  sqlite?: Database.Database;
}

/** The HTTP server alone, on a real database, a real Redis prefix and a free port. */
/** The store on a connection of the test's own (read-only, or closed later). */
const storeOn = (sqlite: Database.Database) => openStore(sqliteQ(drizzle(sqlite, { schema }), sqlite));

async function serve(setup: Setup = {}) {
  const db = tempDatabase();
  const prefix = testPrefix();
  await declareSchedulers(prefix, setup.schedulers ?? ["tick", "dispatch"]);
  if (setup.lastTickAgoMs !== undefined) {
    db.sqlite
      .prepare("insert into engine_state (key, value) values ('lastTickAt', ?)")
      .run(new Date(Date.now() - setup.lastTickAgoMs).toISOString());
  }
  const config = loadConfig({ REDIS_URL: setup.redisUrl ?? REDIS_URL, QUEUE_PREFIX: prefix, HTTP_PORT: "0" });
  const http = await startHttpServer({
    config,
    store: storeOn(setup.sqlite ?? db.sqlite),
    log: createLogger("silent"),
    startedAt: new Date(Date.now() - (setup.startedAgoMs ?? 0)),
  });
  servers.push(http);
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${http.port}${path}`);
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  };
  return { db, http, get };
}

describe("/healthz and /readyz", () => {
  it("are 200 when the database takes writes, Redis answers, the last tick is recent and both schedulers exist", async () => {
    const { get, db } = await serve({ lastTickAgoMs: 4 * MINUTE, startedAgoMs: 60 * MINUTE });
    expect((await get("/healthz")).status).toBe(200);
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    const body = ready.json();
    expect(body).toMatchObject({
      status: "ready",
      failed: [],
      checks: { database: { ok: true }, redis: { ok: true }, tick: { ok: true }, schedulers: { ok: true } },
    });
    expect(body.checks.tick.detail).toMatch(/^last tick 20\d\d-.*, 24\d s ago$/);
    // The write probe leaves nothing behind.
    expect(db.sqlite.prepare("select count(*) n from engine_state").get()).toEqual({ n: 1 });
  });

  it("gives a freshly started process two tick intervals before its first tick", async () => {
    const ready = await (await serve({ startedAgoMs: 2 * MINUTE })).get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json().checks.tick.detail).toMatch(/^no tick yet since the start 12\d s ago$/);
  });

  it("is 503 naming the tick when the last one is older than two intervals", async () => {
    const { get } = await serve({ lastTickAgoMs: 11 * MINUTE, startedAgoMs: 60 * MINUTE });
    const ready = await get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.json()).toMatchObject({ status: "not ready", failed: ["tick"] });
    expect((await get("/healthz")).status).toBe(200);
  });

  it("is 503 naming the schedulers that are missing", async () => {
    const none = await (await serve({ schedulers: [], lastTickAgoMs: 0 })).get("/readyz");
    expect(none.status).toBe(503);
    expect(none.json()).toMatchObject({
      failed: ["schedulers"],
      checks: { schedulers: { ok: false, detail: "missing: tick, dispatch" } },
    });
    const one = await (await serve({ schedulers: ["tick"], lastTickAgoMs: 0 })).get("/readyz");
    expect(one.json()).toMatchObject({
      failed: ["schedulers"],
      checks: { schedulers: { detail: "missing: dispatch" } },
    });
  });

  it("is 503 naming Redis (and the schedulers it holds) when Redis does not answer", async () => {
    const port = await closedPort();
    const { get } = await serve({ redisUrl: `redis://127.0.0.1:${port}`, lastTickAgoMs: 0 });
    const ready = await get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.json().failed).toEqual(["redis", "schedulers"]);
    expect(ready.json().checks.database).toEqual({ ok: true });
    expect((await get("/healthz")).status).toBe(200);
  });

  it("is 503 naming the database when it is read-only, and when it is closed", async () => {
    const file = tempDatabase();
    file.sqlite
      .prepare("insert into engine_state (key, value) values ('lastTickAt', ?)")
      .run(new Date().toISOString());
    const readOnly = new Database(file.path, { readonly: true });
    const ro = await (await serve({ sqlite: readOnly })).get("/readyz");
    expect(ro.status).toBe(503);
    expect(ro.json()).toMatchObject({ failed: ["database"], checks: { database: { ok: false } } });
    expect(ro.json().checks.database.detail).toMatch(/readonly/);
    readOnly.close();

    const { get, db } = await serve({ lastTickAgoMs: 0 });
    db.sqlite.close();
    const closed = await get("/readyz");
    expect(closed.status).toBe(503);
    expect(closed.json().failed).toContain("database");
    expect(closed.json().checks.database.detail).toMatch(/not open/);
  });
});

describe("the HTTP port", () => {
  it("taken: the server warns and the process goes on, unless a webhook needs it", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const db = tempDatabase();
      const base = { QUEUE_PREFIX: testPrefix(), REDIS_URL, HTTP_PORT: String(port) };
      const http = await startHttpServer({
        config: loadConfig(base),
        store: storeOn(db.sqlite),
        log: createLogger("silent"),
      });
      servers.push(http);
      expect(http.port).toBeUndefined();
      const withWebhook = loadConfig({
        ...base,
        TELEGRAM_BOT_TOKEN: "1:x",
        WEBHOOK_URL: "https://bot.example.gov.vn/tg-hook",
        WEBHOOK_SECRET: "s",
      });
      await expect(
        startHttpServer({ config: withWebhook, store: storeOn(db.sqlite), log: createLogger("silent") }),
      ).rejects.toThrow(/could not listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("HTTP_PORT", () => {
  it("defaults to 8787; the deprecated WEBHOOK_PORT and ZALO_WEBHOOK_PORT count only without it", () => {
    const log = createLogger("silent");
    expect(httpPort(loadConfig({}), log)).toBe(8787);
    expect(httpPort(loadConfig({ WEBHOOK_PORT: "8080" }), log)).toBe(8080);
    expect(httpPort(loadConfig({ ZALO_WEBHOOK_PORT: "8081" }), log)).toBe(8081);
    expect(httpPort(loadConfig({ HTTP_PORT: "9000", WEBHOOK_PORT: "8080" }), log)).toBe(9000);
    expect(loadConfig({}).HTTP_HOST).toBe("127.0.0.1");
  });
});
