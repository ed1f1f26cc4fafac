import { type ChildProcess, spawn } from "node:child_process";
import { Queue } from "bullmq";
import { Api } from "grammy";
import { Redis } from "ioredis";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { TelegramSender } from "../../src/channels/telegram/sender.ts";
import { tickLateness } from "../../src/jobs/health.ts";
import { EngineRunner, TICKS_QUEUE } from "../../src/jobs/runner.ts";
import { SCHEDULER_PATTERNS, TICK_INTERVAL_MS } from "../../src/jobs/schedulers.ts";
import { createLogger } from "../../src/logger.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { freePort } from "../helpers/app.ts";
import { engineFixture } from "../helpers/engine.ts";
import { databaseEnv } from "../helpers/engine-choice.ts";
import { REDIS_URL, testPrefix, until } from "../helpers/redis.ts";

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** A Redis server of this test's own, with nothing persisted: a restart comes back empty. */
async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, retryStrategy: () => 50 });
  probe.on("error", () => {});
  try {
    await until(async () => (await probe.ping().catch(() => "")) === "PONG", "redis-server answers");
  } finally {
    probe.disconnect();
  }
  return server;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** A client that keeps reconnecting (the server under it restarts) and the ticks queue on it. */
function watcher(url: string, prefix: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
  redis.on("error", () => {});
  const ticks = new Queue(TICKS_QUEUE, { connection: redis, prefix });
  closers.push(async () => {
    await ticks.close().catch(() => {});
    redis.disconnect();
  });
  const schedulers = async () =>
    (await ticks.getJobSchedulers().catch(() => [])).map((s) => `${s.key}=${s.pattern}`).sort();
  return { redis, ticks, schedulers };
}

/** A logger whose lines the test can read. */
function capturedLog() {
  const lines: { msg: string; scheduler?: string }[] = [];
  const log = pino({ level: "info" }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { log, declared: () => lines.filter((l) => l.msg === "job scheduler declared") };
}

const YEARLY = "0 0 1 1 *"; // a real-clock tick would run the rules at today's date mid-test

describe("schedulers that heal themselves", () => {
  it("come back after Redis restarts empty under a running bot, and a new message is sent", async () => {
    const port = await freePort();
    let server = await startRedis(port);
    closers.push(() => kill(server));
    const url = `redis://127.0.0.1:${port}`;
    const prefix = "heal"; // this Redis is ours alone, and dies with the test
    const emulator = await TelegramEmulator.start({ token: "123:test" });
    closers.push(() => emulator.close());
    const { core } = await engineFixture({ REDIS_URL: url, QUEUE_PREFIX: prefix });
    const sender = new TelegramSender(new Api("123:test", { apiRoot: emulator.apiRoot }), {
      globalPerSecond: 100,
      privateGapMs: 10,
      groupGapMs: 10,
    });
    // The dispatcher fires every second here so the test need not wait a minute; the periodic
    // check is left at a minute: what brings the schedulers back is the reconnection.
    const runner = new EngineRunner(core, new Map([["tg", sender]]), createLogger("silent"), {
      schedulerPatterns: { tick: YEARLY, dispatch: "* * * * * *" },
    });
    closers.push(() => runner.close());
    await runner.start();
    const { schedulers } = watcher(url, prefix);
    expect(await schedulers()).toEqual(["dispatch=* * * * * *", `tick=${YEARLY}`]);
    const write = async (tag: string) =>
      (
        await core.outbox.add([
          { dedupeKey: tag, chatId: "tg:4242", kind: "test", text: tag, sendAfter: new Date().toISOString() },
        ])
      )[0] ?? 0;
    const first = await write("before the restart");
    await until(
      async () => (await core.outbox.get(first))?.state === "sent",
      "sent by the scheduled dispatcher",
    );

    await kill(server);
    server = await startRedis(port);
    await until(async () => (await schedulers()).length === 2, "schedulers declared again", 20_000);
    const second = await write("after the restart");
    await until(
      async () => (await core.outbox.get(second))?.state === "sent",
      "sent after the restart",
      20_000,
    );
    expect(emulator.messages(4242).map((m) => m.text)).toEqual(["before the restart", "after the restart"]);
    expect((await runner.health()).schedulers).toEqual(["dispatch", "tick"]);
  });

  it("are put back by the periodic check when their keys vanish without a reconnection", async () => {
    const prefix = testPrefix();
    const { core } = await engineFixture({ REDIS_URL, QUEUE_PREFIX: prefix });
    const runner = new EngineRunner(core, new Map(), createLogger("silent"), {
      schedulerCheckMs: 200,
      schedulerPatterns: { tick: YEARLY, dispatch: YEARLY },
    });
    closers.push(() => runner.close());
    await runner.start({ workers: false });
    const { redis, ticks, schedulers } = watcher(REDIS_URL, prefix);
    await ticks.removeJobScheduler("dispatch");
    await until(async () => (await schedulers()).length === 2, "dispatch declared again");
    // A scheduler whose next run vanished (as under memory eviction) produces nothing more: it
    // is declared again too.
    const nextRun = async () => `repeat:tick:${(await ticks.getJobScheduler("tick"))?.next}`;
    const lost = await nextRun();
    await redis.del(`${prefix}:${TICKS_QUEUE}:${lost}`);
    await redis.zrem(`${prefix}:${TICKS_QUEUE}:delayed`, lost);
    expect(await ticks.getJob(lost)).toBeUndefined();
    await until(
      async () => (await ticks.getJob(await nextRun())) !== undefined,
      "the tick's next run is back",
    );
  });

  it("use cron patterns, replacing a dispatcher declared with `every` by an older version", async () => {
    const prefix = testPrefix();
    const { ticks, schedulers } = watcher(REDIS_URL, prefix);
    await ticks.upsertJobScheduler("dispatch", { every: 60_000 }, { name: "dispatch" });
    const { core } = await engineFixture({ REDIS_URL, QUEUE_PREFIX: prefix });
    const runner = new EngineRunner(core, new Map(), createLogger("silent"));
    closers.push(() => runner.close());
    await runner.start({ workers: false });
    await runner.dropScheduler("tick");
    expect(await schedulers()).toEqual([`dispatch=${SCHEDULER_PATTERNS.dispatch}`]);
    expect((await ticks.getJobScheduler("dispatch"))?.every).toBeUndefined();
    expect(SCHEDULER_PATTERNS).toEqual({ tick: "*/5 * * * *", dispatch: "* * * * *" });
  });

  it("are declared by one instance at a time; the lock moves when its holder dies", {
    timeout: 180_000,
  }, async () => {
    const prefix = testPrefix();
    const { core } = await engineFixture({ REDIS_URL, QUEUE_PREFIX: prefix });
    const { ticks, schedulers } = watcher(REDIS_URL, prefix);
    // The first instance, in a process of its own, takes the lock and declares.
    const first = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/engine-instance.ts"], {
      env: {
        ...process.env,
        ...databaseEnv(core),
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        TEST_SCHEDULER_CHECK_MS: "1000", // a lock of 3 s: a loaded machine stalls a process for less
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    closers.push(() => kill(first));
    let firstLog = "";
    first.stderr?.on("data", (d) => {
      firstLog += String(d);
    });
    const firstDeclared = () =>
      firstLog.split("\n").filter((l) => l.includes("job scheduler declared")).length;
    await until(() => firstDeclared() === 2, "the first instance declared both", 60_000);

    const second = capturedLog();
    // Neither instance runs workers here, so the real-clock tick both want never runs.
    const runner = new EngineRunner(core, new Map(), second.log, { schedulerCheckMs: 1000 });
    closers.push(() => runner.close());
    await runner.start({ workers: false });

    await ticks.removeJobScheduler("dispatch");
    await until(() => firstDeclared() === 3, "the holder declared it again", 30_000);
    expect(second.declared()).toEqual([]);

    await kill(first);
    await ticks.removeJobScheduler("dispatch");
    // The holder's lock expires (three checks), then the survivor takes it over.
    await until(() => second.declared().length === 1, "the survivor declared it", 30_000);
    expect(await schedulers()).toContain(`dispatch=${SCHEDULER_PATTERNS.dispatch}`);
  });
});

describe("readiness", () => {
  it("reports the schedulers, the last real-clock tick, and a tick late past two intervals", async () => {
    const { core } = await engineFixture({ REDIS_URL, QUEUE_PREFIX: testPrefix() });
    const runner = new EngineRunner(core, new Map(), createLogger("silent"));
    closers.push(() => runner.close());
    await runner.start({ workers: false });
    const health = await runner.health();
    expect(health.schedulers).toEqual(["dispatch", "tick"]);
    expect(health.lastTickAt).toBeUndefined();
    // Just started: not late yet, even with no tick on record.
    expect(tickLateness(health).late).toBe(false);
    const started = health.startedAt ?? new Date(0);
    const later = new Date(started.getTime() + 2 * TICK_INTERVAL_MS + 1);
    expect(tickLateness(health, later)).toEqual({
      late: true,
      ageMs: 2 * TICK_INTERVAL_MS + 1,
      limitMs: 600_000,
    });
    const lastTickAt = new Date(later.getTime() - TICK_INTERVAL_MS);
    expect(tickLateness({ ...health, lastTickAt }, later).late).toBe(false);
    // Nothing known at all (doctor, no engine in its process, no tick ever): late.
    expect(tickLateness({}, later).late).toBe(true);
    // A simulated tick (console /tick, cli tick) is not the clock ticking.
    await runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    expect((await runner.health()).lastTickAt).toBeUndefined();
  });
});
