import { type ChildProcess, spawn } from "node:child_process";
import { Queue } from "bullmq";
import { Api } from "grammy";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { Channel } from "../../src/channels/channel.ts";
import { TelegramSender } from "../../src/channels/telegram/sender.ts";
import { DELIVERY_QUEUE } from "../../src/jobs/delivery.ts";
import { EngineRunner } from "../../src/jobs/runner.ts";
import { createLogger } from "../../src/logger.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { engineFixture, sqliteFile } from "../helpers/engine.ts";
import { TEST_DB } from "../helpers/engine-choice.ts";
import { REDIS_URL, testPrefix, until } from "../helpers/redis.ts";

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const BUSY_MS = 100;

/** The engine on a real database and Redis, sending through `wrap(real Telegram sender)`. */
async function setup(wrap: (real: Channel) => Channel = (real) => real, env: object = {}) {
  const emulator = await TelegramEmulator.start({ token: "123:test" });
  closers.push(() => emulator.close());
  const fixture = await engineFixture({ QUEUE_PREFIX: testPrefix(), REDIS_URL, ...env });
  // A short busy_timeout, so a lock held "longer than busy_timeout" takes a fraction of a second.
  fixture.core.database?.sqlite.pragma(`busy_timeout = ${BUSY_MS}`);
  const real = new TelegramSender(new Api("123:test", { apiRoot: emulator.apiRoot }), {
    globalPerSecond: 200,
    privateGapMs: 20,
    groupGapMs: 20,
  });
  const runner = new EngineRunner(fixture.core, new Map([["tg", wrap(real)]]), createLogger("silent"));
  closers.push(() => runner.close());
  const redis = new Redis(REDIS_URL);
  const jobs = new Queue(DELIVERY_QUEUE, { connection: redis, prefix: fixture.core.config.QUEUE_PREFIX });
  closers.push(async () => {
    await jobs.close();
    redis.disconnect();
  });
  const write = async (text: string, chatId = "tg:5151") =>
    (
      await fixture.core.outbox.add([
        { dedupeKey: text, chatId, kind: "test", text, sendAfter: new Date(Date.now() - 1000).toISOString() },
      ])
    )[0] ?? 0;
  const state = async (id: number) => (await fixture.core.outbox.get(id))?.state;
  return { ...fixture, emulator, runner, jobs, write, state };
}

/** A second process holding the database's write lock until released (or for `holdMs`). */
async function holdWriteLock(dbPath: string, holdMs?: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "tests/fixtures/hold-write-lock.ts"],
    {
      env: { ...process.env, DB_PATH: dbPath, ...(holdMs ? { HOLD_MS: String(holdMs) } : {}) },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  closers.push(() => {
    child.kill("SIGKILL");
  });
  await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
  return {
    exited,
    async release() {
      child.stdin?.write("release\n");
      await exited;
    },
  };
}

/** `fn` throws the first time, then behaves. */
function once<T extends unknown[], R>(fn: (...a: T) => R, error: Error): (...a: T) => R {
  let thrown = false;
  return (...a) => {
    if (thrown) return fn(...a);
    thrown = true;
    throw error;
  };
}

describe("a delivery job that fails never leaves its message pending for good", () => {
  // SQLite's single writer: PostgreSQL locks rows, not the database.
  it.skipIf(TEST_DB === "postgres")(
    "survives another process holding the write lock: dispatch does not throw, the next one sends",
    async () => {
      const t = await setup();
      await t.runner.start({ schedulers: false });
      const id = await t.write("locked out");
      const lock = await holdWriteLock(sqliteFile(t.core).path);
      // Recovering stale messages needs a write: under the lock it is logged and left for later.
      expect(await t.runner.dispatchNow(new Date())).toBe(1);
      // The job cannot claim the row ("database is locked") and fails.
      await until(async () => (await t.jobs.getJobCounts("failed")).failed === 1, "the job failed");
      expect(await t.state(id)).toBe("pending");
      await lock.release();
      await t.runner.dispatchNow(new Date());
      await until(async () => (await t.state(id)) === "sent", "sent by the next dispatch");
      expect(t.emulator.messages(5151).map((m) => m.text)).toEqual(["locked out"]);
    },
  );

  // SQLite's single writer (busy_timeout and SQLITE_BUSY): PostgreSQL locks rows, not the database.
  it.skipIf(TEST_DB === "postgres")(
    "records a send once the lock clears, without sending it twice",
    async () => {
      let lockAfterSend: string | undefined;
      const t = await setup((real) => ({
        ...real,
        isGroup: (id) => real.isGroup(id),
        async send(chatId, message) {
          const sent = await real.send(chatId, message);
          // Someone else takes the write lock just as the platform answers.
          if (lockAfterSend) await holdWriteLock(lockAfterSend, 4 * BUSY_MS);
          lockAfterSend = undefined;
          return sent;
        },
      }));
      lockAfterSend = sqliteFile(t.core).path;
      await t.runner.start({ schedulers: false });
      const id = await t.write("recorded late");
      await t.runner.dispatchNow(new Date());
      await until(async () => (await t.state(id)) === "sent", "recorded as sent");
      expect(t.emulator.messages(5151).map((m) => m.text)).toEqual(["recorded late"]);
      expect((await t.core.outbox.get(id))?.platformMessageId).not.toBeNull();
    },
  );

  it("retries a send that throws something other than a platform error", async () => {
    const t = await setup((real) => ({
      ...real,
      isGroup: (id) => real.isGroup(id),
      send: once((chatId, message) => real.send(chatId, message), new TypeError("a bug in the sender")),
    }));
    await t.runner.start({ schedulers: false });
    const id = await t.write("sent on the retry");
    await t.runner.dispatchNow(new Date());
    await until(async () => (await t.state(id)) === "sent", "sent after the exception");
    expect((await t.core.outbox.get(id))?.attempts).toBe(2);
    expect(t.emulator.messages(5151).map((m) => m.text)).toEqual(["sent on the retry"]);
  });

  it("hands a message over again after its job failed in BullMQ", async () => {
    const t = await setup((real) => ({
      ...real,
      send: (chatId, message) => real.send(chatId, message),
      isGroup: once((id: string) => real.isGroup(id), new Error("thrown before the claim")),
    }));
    await t.runner.start({ schedulers: false });
    const id = await t.write("after a failed job");
    await t.runner.dispatchNow(new Date());
    await until(async () => (await t.jobs.getJobCounts("failed")).failed === 1, "the job failed");
    expect(await t.state(id)).toBe("pending");
    await t.runner.dispatchNow(new Date());
    await until(async () => (await t.state(id)) === "sent", "sent under a new job");
    expect(t.emulator.messages(5151)).toHaveLength(1);
  });

  it("sends a chat's next message when its job found the previous one still in flight", async () => {
    const t = await setup((real) => ({
      ...real,
      isGroup: (id) => real.isGroup(id),
      // A platform slower than the chat's gap: the second job claims while the first is sending.
      send: async (chatId, message) => {
        await new Promise((r) => setTimeout(r, 300));
        return real.send(chatId, message);
      },
    }));
    await t.runner.start({ schedulers: false });
    const ids = [await t.write("first"), await t.write("second")];
    await t.runner.dispatchNow(new Date());
    // No second dispatch: the job for "second" must not give up while "first" is in flight.
    const states = async () => Promise.all(ids.map((id) => t.state(id)));
    await until(async () => (await states()).every((s) => s === "sent"), "both sent");
    expect(t.emulator.messages(5151).map((m) => m.text)).toEqual(["first", "second"]);
  });

  it("picks up a job whose worker died holding it (stalled)", { timeout: 60_000 }, async () => {
    const env = { DELIVERY_LOCK_MS: 1000, DELIVERY_STALE_MS: 1000 };
    const t = await setup(undefined, env);
    const id = await t.write("after a stalled job");
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/crash-after-send.ts"], {
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(t.core.config).map(([k, v]) => [k, String(v ?? "")])),
        TEST_API_ROOT: t.emulator.apiRoot,
        CRASH_BEFORE_CLAIM: "1",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    expect(await new Promise((resolve) => child.on("exit", (_c, sig) => resolve(sig)))).toBe("SIGKILL");
    expect((await t.jobs.getJobCounts("active")).active).toBe(1);
    await t.runner.start({ schedulers: false });
    await until(async () => (await t.state(id)) === "sent", "sent once the stalled job was found", 30_000);
    expect(t.emulator.messages(5151).map((m) => m.text)).toEqual(["after a stalled job"]);
  });
});
