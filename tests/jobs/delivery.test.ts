import { spawn } from "node:child_process";
import { Queue } from "bullmq";
import { Api } from "grammy";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { Channel, Pacing } from "../../src/channels/channel.ts";
import { TelegramSender } from "../../src/channels/telegram/sender.ts";
import { runTick } from "../../src/engine/tick.ts";
import { DELIVERY_QUEUE, dispatchPauseMs } from "../../src/jobs/delivery.ts";
import { deleteKeysWithPrefix } from "../../src/jobs/redis.ts";
import { EngineRunner, TICKS_QUEUE } from "../../src/jobs/runner.ts";
import { createLogger } from "../../src/logger.ts";
import { TelegramEmulator } from "../emulators/telegram-api.ts";
import { engineFixture, reportAll } from "../helpers/engine.ts";
import { databaseEnv, rowsOf } from "../helpers/engine-choice.ts";
import { REDIS_URL, testPrefix, until } from "../helpers/redis.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const fastPacing: Pacing = { globalPerSecond: 200, privateGapMs: 50, groupGapMs: 50 };

async function setup(
  opts: { pacing?: Pacing; emulator?: Parameters<typeof TelegramEmulator.start>[0]; env?: object } = {},
) {
  const emulator = await TelegramEmulator.start({ token: "123:test", ...opts.emulator });
  closers.push(() => emulator.close());
  const fixture = await engineFixture({ QUEUE_PREFIX: testPrefix(), REDIS_URL, ...opts.env });
  const sender = new TelegramSender(
    new Api("123:test", { apiRoot: emulator.apiRoot }),
    opts.pacing ?? fastPacing,
  );
  const runner = new EngineRunner(fixture.core, new Map([["tg", sender]]), createLogger("silent"));
  closers.push(() => runner.close());
  await runner.start();
  const state = async (id: number) => (await fixture.core.outbox.get(id))?.state;
  return { ...fixture, emulator, runner, state };
}

/** Writes plain messages straight to the outbox, due now. */
async function queue(
  core: Awaited<ReturnType<typeof engineFixture>>["core"],
  chats: string[],
  perChat: number,
  tag: string,
) {
  const messages = chats.flatMap((chatId) =>
    Array.from({ length: perChat }, (_, i) => ({
      dedupeKey: `${tag}:${chatId}:${i}`,
      chatId,
      kind: "test",
      text: `${tag} ${i}`,
      sendAfter: new Date(Date.now() - 1000).toISOString(),
    })),
  );
  return core.outbox.add(messages);
}

describe("delivery through the outbox", () => {
  it("sends a tick's messages with their buttons and records the platform's ids", async () => {
    const { runner, emulator, core } = await setup();
    const r = await runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    expect(r.dispatched).toBe(r.ids.length);
    await emulator.waitForMessages(1001, 2);
    await until(async () => (await core.outbox.list()).every((m) => m.state === "sent"), "all sent");
    const [open] = emulator.messages(1001);
    expect(open?.text).toContain("Kỳ báo cáo tháng 11/2026 — Sở Y tế");
    expect(JSON.stringify(open?.replyMarkup)).toContain('"callback_data":"rp"');
    expect((await core.outbox.list()).map((m) => m.platformMessageId)).not.toContain(null);
  });

  it("keeps each private chat to one message a second and the channel to its global rate", async () => {
    const { core, emulator, runner } = await setup({
      pacing: { globalPerSecond: 20, privateGapMs: 1000, groupGapMs: 3000 },
      emulator: { perChatLimitPerSecond: 1, globalLimitPerSecond: 20, enforceLimits: false },
    });
    const ids = await queue(core, ["tg:7001", "tg:7002", "tg:7003"], 3, "pace");
    await runner.dispatchNow(new Date());
    await until(
      async () => (await core.outbox.list({ ids: ids })).every((m) => m.state === "sent"),
      "paced messages sent",
      20_000,
    );
    expect(emulator.stats().violations).toBe(0);
    const times = emulator.sendTimes(7001);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(990);
    // Order within a chat is the order written.
    expect(emulator.messages(7001).map((m) => m.text)).toEqual(["pace 0", "pace 1", "pace 2"]);
  });

  it("queues a large dispatch in chunks and still sends every message exactly once", {
    timeout: 120_000,
  }, async () => {
    // 200/s: chunks 100 ms apart. Sixteen sends in flight, since one at a time (the default) would
    // send at the pace of this loaded process's round trips, not of the chunks.
    const { core, emulator, runner } = await setup({ env: { DELIVERY_IN_FLIGHT: 16 } });
    const chats = Array.from({ length: 400 }, (_, i) => `tg:${20_000 + i}`);
    const ids = await queue(core, chats, 1, "bulk");
    expect(await runner.dispatchNow(new Date())).toBe(400);
    // It returns once the first batch is queued: a caller such as /remind never waits on a backlog.
    const redis = new Redis(REDIS_URL);
    closers.push(async () => redis.disconnect());
    const jobs = new Queue(DELIVERY_QUEUE, { connection: redis, prefix: core.config.QUEUE_PREFIX });
    closers.push(() => jobs.close());
    const counts = await jobs.getJobCounts("waiting", "active", "delayed", "prioritized", "completed");
    // (Not all 400: how many chunks followed by now depends on the machine's load.)
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeLessThan(400);
    await until(
      async () => (await core.outbox.list({ ids: ids })).every((m) => m.state === "sent"),
      "bulk sent",
      // Two seconds of pacing; the rest is room for a loaded CI machine, not a speed claim.
      90_000,
    );
    const received = emulator.messages().map((m) => m.chatId);
    expect(received).toHaveLength(400);
    expect(new Set(received).size).toBe(400);
  });

  it("spaces dispatch chunks to queue twice as fast as the channels send", async () => {
    const channel = (globalPerSecond: number) =>
      ({ pacing: { globalPerSecond, privateGapMs: 1000, groupGapMs: 3000 } }) as Channel;
    expect(dispatchPauseMs([])).toBe(0);
    expect(dispatchPauseMs([channel(30), channel(5)])).toBe(100);
    expect(dispatchPauseMs([channel(2000)])).toBe(25);
  });

  it("rides out a 429 storm: every message arrives, none faster than allowed", async () => {
    const { core, emulator, runner } = await setup({
      pacing: { globalPerSecond: 20, privateGapMs: 1000, groupGapMs: 3000 },
      emulator: { perChatLimitPerSecond: 1, globalLimitPerSecond: 20, enforceLimits: false },
    });
    emulator.rateLimitNext(6, 1);
    const ids = await queue(
      core,
      Array.from({ length: 10 }, (_, i) => `tg:${8000 + i}`),
      2,
      "storm",
    );
    const started = Date.now();
    await runner.dispatchNow(new Date());
    await until(
      async () => (await core.outbox.list({ ids: ids })).every((m) => m.state === "sent"),
      "storm delivered",
      30_000,
    );
    expect(emulator.stats().rejected429).toBe(6);
    expect(emulator.stats().violations).toBe(0);
    expect(emulator.messages()).toHaveLength(20);
    expect(new Set(emulator.messages().map((m) => `${m.chatId}:${m.text}`)).size).toBe(20);
    // Each 429 said "retry after 1 s", and the bot waited.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect((await core.outbox.list({ ids })).every((m) => m.attempts === 1)).toBe(true);
  });

  it("marks a chat that blocked the bot unreachable and tells the coordinators once", async () => {
    const { core, emulator, runner } = await setup();
    emulator.blockChat(1001);
    await runner.tick(new Date("2026-12-01T08:00:00+07:00"));
    await until(() => emulator.messages(2001).length === 1, "coordinator told");
    expect(emulator.messages(2001)[0]?.text).toMatch(
      /Không gửi được tin nhắn tới Đầu mối Y tế \(Sở Y tế, tg\)/,
    );
    await until(
      async () =>
        (await core.outbox.list())
          .filter((m) => m.chatId === "tg:1001")
          .every((m) => m.state === "unreachable"),
      "stopped",
    );
    const [chat] = await rowsOf(core)<{ u: string | null }>(
      "select unreachable_at u from chats where id = 'tg:1001'",
    );
    expect(chat?.u).toEqual(expect.any(String));
    // The next rules skip the chat entirely, and the coordinators are not told again.
    await runner.tick(new Date("2026-12-05T08:00:00+07:00"));
    await runner.tick(new Date("2026-12-07T08:00:00+07:00"));
    await new Promise((r) => setTimeout(r, 300));
    expect(
      (await core.outbox.list()).filter((m) => m.chatId === "tg:1001" && m.kind === "cycle-nudge5"),
    ).toEqual([]);
    expect(emulator.messages(2001).filter((m) => m.text?.includes("Không gửi được"))).toHaveLength(1);
    expect(emulator.calls("sendMessage").filter((c) => String(c.params.chat_id) === "1001").length).toBe(1);
  });

  it("retries failures with backoff and ends as failed with the reason", async () => {
    const { core, emulator, runner } = await setup({ env: { DELIVERY_MAX_ATTEMPTS: 2 } });
    emulator.failNext(1);
    const [ok] = await queue(core, ["tg:9001"], 1, "flaky");
    await runner.dispatchNow(new Date());
    await until(async () => (await core.outbox.get(ok ?? 0))?.state === "sent", "retried and sent");
    expect((await core.outbox.get(ok ?? 0))?.attempts).toBe(2);
    emulator.failNext(5);
    const [bad] = await queue(core, ["tg:9002"], 1, "broken");
    await runner.dispatchNow(new Date());
    await until(async () => (await core.outbox.get(bad ?? 0))?.state === "failed", "gave up");
    expect((await core.outbox.get(bad ?? 0))?.lastError).toContain("Internal Server Error");
  });
});

describe("settled before sending", () => {
  it("drops a nudge for an agency that reported after it was written, and sends the rest", async () => {
    const { core, emulator, runner, tick, state } = await setup();
    // Saturday's nudge is written on Monday at 07:30; the agency reports before it goes out
    // (as when a backlog or an outage holds messages up).
    const written = (await tick("2026-12-07T07:30:00+07:00")).filter((r) => r.kind === "cycle-nudge5");
    expect(written.map((r) => r.chatId).sort()).toEqual(["tg:1001", "tg:3001"]);
    await reportAll(core, "so-y-te", "2026-11");
    await runner.dispatchNow(new Date("2026-12-07T08:00:00+07:00"));
    await until(
      async () =>
        (await Promise.all(written.map((r) => state(r.id)))).every((s) =>
          ["sent", "skipped"].includes(s ?? ""),
        ),
      "nudges settled",
    );
    const [health, office] = await Promise.all(written.map((r) => core.outbox.get(r.id)));
    expect(health?.chatId === "tg:1001" ? health?.state : office?.state).toBe("skipped");
    expect((await core.outbox.list({ state: "skipped" }))[0]?.lastError).toContain("reported for 2026-11");
    expect(emulator.messages(1001)).toHaveLength(0);
    expect(emulator.messages(3001)).toHaveLength(1);
  });

  it("drops a due reminder whose task was reported done after it was written", async () => {
    const { core, emulator, runner, state } = await setup();
    const rows = rowsOf(core);
    const work = await rows<{ id: number; task_id: number }>(
      `select a.id, a.task_id from assignments a join tasks t on t.id = a.task_id
       where a.agency_id = 'so-y-te' and a.role = 'lead' and t.deadline_kind <> 'recurring' order by a.id limit 2`,
    );
    const [first, second] = work;
    if (!first || !second) throw new Error("fixture: so-y-te leads two dated tasks");
    const message = (key: string, assignments: number[]) => ({
      dedupeKey: key,
      chatId: "tg:1001",
      kind: "due",
      text: key,
      guard: { assignments },
      sendAfter: new Date(Date.now() - 1000).toISOString(),
    });
    const [doneOne, stillOpen] = await core.outbox.add([
      message("due:one", [first.id]),
      message("due:both", [first.id, second.id]),
    ]);
    await rows(
      `insert into reports (assignment_id, task_id, agency_id, period, status, percent, submitted_at)
       values (?, ?, 'so-y-te', '2026-11', 'done', 100, ?)`,
      first.id,
      first.task_id,
      new Date().toISOString(),
    );
    await runner.dispatchNow(new Date());
    await until(async () => (await state(stillOpen ?? 0)) === "sent", "the open reminder sent");
    expect(await state(doneOne ?? 0)).toBe("skipped");
    expect(emulator.messages(1001).map((m) => m.text)).toEqual(["due:both"]);
  });
});

describe("recovery", () => {
  it("repeats at most the one message a killed worker sent but did not record", {
    timeout: 90_000,
  }, async () => {
    const emulator = await TelegramEmulator.start({ token: "123:test" });
    closers.push(() => emulator.close());
    const env = { QUEUE_PREFIX: testPrefix(), REDIS_URL, DELIVERY_STALE_MS: 1000, DELIVERY_LOCK_MS: 1500 };
    const fixture = await engineFixture(env);
    const [first, second] = await queue(fixture.core, ["tg:9100"], 2, "crash");
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/crash-after-send.ts"], {
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
        ...databaseEnv(fixture.core),
        TEST_API_ROOT: emulator.apiRoot,
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    const signal = await new Promise((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
    expect(signal).toBe("SIGKILL");
    expect(emulator.messages(9100).map((m) => m.text)).toEqual(["crash 0"]);
    expect((await fixture.core.outbox.get(first ?? 0))?.state).toBe("sending");

    const sender = new TelegramSender(new Api("123:test", { apiRoot: emulator.apiRoot }), fastPacing);
    const runner = new EngineRunner(fixture.core, new Map([["tg", sender]]), createLogger("silent"));
    closers.push(() => runner.close());
    await runner.start({ schedulers: false });
    await until(
      async () => {
        await runner.dispatchNow(new Date());
        const ids = [first ?? 0, second ?? 0];
        return (await fixture.core.outbox.list({ ids })).every((m) => m.state === "sent");
      },
      "recovered",
      60_000,
    );
    // The chat's order holds too: nothing newer goes out while the older message is in doubt.
    expect(emulator.messages(9100).map((m) => m.text)).toEqual(["crash 0", "crash 0", "crash 1"]);
  });

  it("recovers from an emptied Redis: schedulers come back and pending messages go out", async () => {
    const url = REDIS_URL;
    const emulator = await TelegramEmulator.start({ token: "123:test" });
    closers.push(() => emulator.close());
    const fixture = await engineFixture({ QUEUE_PREFIX: testPrefix(url), REDIS_URL: url });
    const sender = new TelegramSender(new Api("123:test", { apiRoot: emulator.apiRoot }), fastPacing);
    const before = new EngineRunner(fixture.core, new Map([["tg", sender]]), createLogger("silent"));
    await before.start({ workers: false });
    const r = await runTick(fixture.core, new Date("2026-12-01T08:00:00+07:00"));
    await before.dispatchNow(new Date("2026-12-01T08:00:00+07:00"));
    await before.close();

    const redis = new Redis(url);
    closers.push(async () => redis.disconnect());
    // An empty restart, as far as this test's own keys go: never FLUSHDB a Redis that others share.
    const prefix = fixture.core.config.QUEUE_PREFIX;
    expect(await redis.keys(`${prefix}:*`)).not.toHaveLength(0);
    await deleteKeysWithPrefix(redis, prefix);
    expect(await redis.keys(`${prefix}:*`)).toHaveLength(0);

    const after = new EngineRunner(fixture.core, new Map([["tg", sender]]), createLogger("silent"));
    closers.push(() => after.close());
    await after.start();
    await after.dispatchNow(new Date("2026-12-01T08:00:00+07:00"));
    const ticks = new Queue(TICKS_QUEUE, { connection: redis, prefix: fixture.core.config.QUEUE_PREFIX });
    closers.push(() => ticks.close());
    expect((await ticks.getJobSchedulers()).map((s) => s.key).sort()).toEqual(["dispatch", "tick"]);
    await until(
      async () => (await fixture.core.outbox.list({ ids: r.ids })).every((m) => m.state === "sent"),
      "pending re-sent",
    );
    expect(emulator.messages(1001).length).toBe(2);
  });
});
