import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import { Redis } from "ioredis";
import type { Pacing } from "../../src/channels/channel.ts";
import { TelegramSender } from "../../src/channels/telegram/sender.ts";
import { loadConfig } from "../../src/config.ts";
import { deleteKeysWithPrefix } from "../../src/jobs/redis.ts";
import { EngineRunner } from "../../src/jobs/runner.ts";
import { createLogger } from "../../src/logger.ts";
import { round, runsFromEnv } from "../stats.ts";
import { benchStorage, engineLabel } from "../storage.ts";
import { type Platform, startPlatform } from "./platform.ts";
import { type DeliveryBench, type DeliverySample, printDelivery, summarise } from "./report.ts";
import { overLimit, steadyRate } from "./window.ts";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
// BENCH_LIMIT: a lower limit shows the pacing on a machine too loaded to send 500 a second.
const LIMIT = Number(process.env.BENCH_LIMIT ?? 500);
// 97 % of the limit: the margin absorbs jitter between reserving a slot and the request arriving.
const PACING: Pacing = { globalPerSecond: Math.floor(LIMIT * 0.97), privateGapMs: 1000, groupGapMs: 3000 };
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
// The service sends one at a time by default (DELIVERY_IN_FLIGHT=1, a crash repeats at most one
// message); this bench measures the pacing, so by default every job may send at once.
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? CONCURRENCY);
// A real platform answers in 100–200 ms from Vietnam; the local fake at once unless told.
const REPLY_DELAY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Redis's own CPU seconds so far, to see whether the server is what limits the rate. */
async function redisCpuSeconds(): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    const info = await redis.info("cpu");
    const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
    return field("used_cpu_user") + field("used_cpu_sys");
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key of the run's prefix: BullMQ's queues and the pacer's slots alike. */
async function deleteKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    await deleteKeysWithPrefix(redis, prefix);
    const [, left] = await redis.scan("0", "MATCH", `${prefix}:*`, "COUNT", 100_000);
    return left.length;
  } finally {
    redis.disconnect();
  }
}

async function once(): Promise<DeliverySample> {
  const dir = mkdtempSync(join(tmpdir(), "nhacviec-bench-delivery-"));
  const prefix = `bench-${process.pid}-${Date.now()}`;
  const config = loadConfig({
    DB_PATH: join(dir, "delivery.db"),
    LOG_LEVEL: "silent",
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    DELIVERY_CONCURRENCY: String(CONCURRENCY),
    DELIVERY_IN_FLIGHT: String(IN_FLIGHT),
  });
  const storage = await benchStorage(config);
  const { core } = storage;
  let platform: Platform | undefined;
  let runner: EngineRunner | undefined;
  let sample: Omit<DeliverySample, "leftoverKeys">;
  let leftoverKeys = 0;
  try {
    platform = await startPlatform(LIMIT, REPLY_DELAY_MS);
    const due = new Date(Date.now() - 60_000).toISOString();
    await core.outbox.add(
      Array.from({ length: MESSAGES }, (_, i) => ({
        dedupeKey: `bench:${i + 1}`,
        chatId: `tg:${i + 1}`,
        kind: "bench",
        text: `📅 Nhắc hạn nhiệm vụ — Sở ${i + 1}:\n• II.4 Triển khai dịch vụ công trực tuyến toàn trình — hạn 31/12/2026`,
        choices: [[{ label: "Báo cáo", data: "rp" }]],
        sendAfter: due,
      })),
    );
    const sender = new TelegramSender(new Api(platform.token, { apiRoot: platform.apiRoot }), PACING);
    runner = new EngineRunner(core, new Map([["tg", sender]]), createLogger("silent"));
    const sentCount = async () =>
      Number((await storage.rows<{ n: number }>("select count(*) n from outbox where state = 'sent'"))[0]?.n);
    // Generous: three times the paced duration, so a stalled run ends with its losses counted.
    const deadline = performance.now() + (MESSAGES / PACING.globalPerSecond) * 3000 + 30_000;
    const platformBefore = (await platform.report()).cpuSeconds;
    const redisBefore = await redisCpuSeconds();
    const started = performance.now();
    const startedAt = Date.now();
    const cpu = process.cpuUsage();
    // A late timer sends late: loop delay shows whether the bot's own thread is what slows it.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    await runner.start({ schedulers: false }); // the first dispatch happens in here
    while ((await sentCount()) < MESSAGES && performance.now() < deadline) await sleep(20);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    loop.disable();
    const redisUsed = (await redisCpuSeconds()) - redisBefore;

    const notSent = MESSAGES - (await sentCount());
    const seen = await platform.report();
    const chats = new Set(seen.chatIds);
    const times = [...seen.sendTimes].sort((a, b) => a - b);
    const own = overLimit(times, LIMIT);
    sample = {
      seconds,
      rate: (MESSAGES - notSent) / seconds,
      steadyRate: steadyRate(times),
      firstSendMs: (times[0] ?? startedAt) - startedAt,
      firstSecondSends: times.filter((t) => t < (times[0] ?? 0) + 1000).length,
      violations: seen.violations,
      ownViolations: own.violations,
      maxInWindow: own.maxInWindow,
      notSent,
      notReceived: MESSAGES - chats.size,
      duplicates: seen.chatIds.length - chats.size,
      cpuShare: (used.user + used.system) / 1e6 / seconds,
      platformCpuShare: (seen.cpuSeconds - platformBefore) / seconds,
      redisCpuShare: redisUsed / seconds,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
    };
  } finally {
    await runner?.close();
    await platform?.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
    leftoverKeys = await deleteKeys(prefix);
  }
  return { ...sample, leftoverKeys };
}

export async function benchDelivery(): Promise<DeliveryBench> {
  const runs = runsFromEnv();
  console.log(`delivery: on ${engineLabel()}`);
  const samples: DeliverySample[] = [];
  for (let i = 1; i <= runs; i++) {
    const s = await once();
    console.log(
      `delivery: run ${i}/${runs}: ${round(s.seconds, 2)} s, ${round(s.rate)}/s, ${s.violations} over the limit, ${s.notSent + s.notReceived} lost, ${s.duplicates} duplicates, CPU: bot ${round(s.cpuShare * 100)} %, fake API ${round(s.platformCpuShare * 100)} %, Redis ${round(s.redisCpuShare * 100)} %, loop delay p99 ${round(s.loopDelayP99Ms)} ms`,
    );
    if (s.leftoverKeys > 0) console.log(`delivery: ${s.leftoverKeys} Redis keys survived the clean-up`);
    samples.push(s);
  }
  const result = summarise(samples, {
    messages: MESSAGES,
    limitPerSecond: LIMIT,
    pacing: PACING,
    concurrency: CONCURRENCY,
    inFlight: IN_FLIGHT,
    replyDelayMs: REPLY_DELAY_MS,
  });
  printDelivery(result);
  return result;
}
