import type { Pacing } from "../../src/channels/channel.ts";
import { round, type Spread, show, spread } from "../stats.ts";

const TARGET_SHARE = 0.95;

export interface DeliverySample {
  seconds: number;
  rate: number;
  steadyRate: number;
  /** Start-up: from the first dispatch to the first send, and the sends of the second after it. */
  firstSendMs: number;
  firstSecondSends: number;
  violations: number;
  ownViolations: number;
  maxInWindow: number;
  notSent: number;
  notReceived: number;
  duplicates: number;
  leftoverKeys: number;
  /** CPU seconds per wall second: the bot's process (with the fake API in it when inline), the fake API's, Redis's. */
  cpuShare: number;
  platformCpuShare: number;
  redisCpuShare: number;
  /** Event-loop delay of the bot's process during the run. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface DeliveryBench {
  runs: number;
  messages: number;
  limitPerSecond: number;
  pacing: Pacing;
  concurrency: number;
  /** Sends in flight at once (DELIVERY_IN_FLIGHT), and the fake platform's answer time. */
  inFlight: number;
  replyDelayMs: number;
  seconds: Spread;
  rate: Spread;
  shareOfLimit: Spread;
  steadyRate: Spread;
  firstSendMs: Spread;
  firstSecondSends: Spread;
  violations: Spread;
  ownViolations: Spread;
  maxInWindow: Spread;
  lost: Spread;
  duplicates: Spread;
  cpuShare: { bot: Spread; fakeApi: Spread; redis: Spread };
  loopDelayMs: { p99: Spread; max: Spread };
  target: { shareOfLimit: number; violations: number; lost: number };
  met: { share: boolean; violations: boolean; lost: boolean };
}

/** Medians over the runs; violations and losses count as met only when no run had any. */
export function summarise(
  samples: DeliverySample[],
  settings: Pick<
    DeliveryBench,
    "messages" | "limitPerSecond" | "pacing" | "concurrency" | "inFlight" | "replyDelayMs"
  >,
): DeliveryBench {
  const of = (f: (s: DeliverySample) => number) => spread(samples.map(f));
  const shareOfLimit = of((s) => s.rate / settings.limitPerSecond);
  const violations = of((s) => s.violations);
  const lost = of((s) => s.notSent + s.notReceived);
  const duplicates = of((s) => s.duplicates);
  return {
    runs: samples.length,
    ...settings,
    seconds: of((s) => s.seconds),
    rate: of((s) => s.rate),
    shareOfLimit,
    steadyRate: of((s) => s.steadyRate),
    firstSendMs: of((s) => s.firstSendMs),
    firstSecondSends: of((s) => s.firstSecondSends),
    violations,
    ownViolations: of((s) => s.ownViolations),
    maxInWindow: of((s) => s.maxInWindow),
    lost,
    duplicates,
    cpuShare: {
      bot: of((s) => s.cpuShare),
      fakeApi: of((s) => s.platformCpuShare),
      redis: of((s) => s.redisCpuShare),
    },
    loopDelayMs: { p99: of((s) => s.loopDelayP99Ms), max: of((s) => s.loopDelayMaxMs) },
    target: { shareOfLimit: TARGET_SHARE, violations: 0, lost: 0 },
    met: {
      share: shareOfLimit.median >= TARGET_SHARE,
      violations: violations.max === 0,
      lost: lost.max === 0 && duplicates.max === 0,
    },
  };
}

export function printDelivery(r: DeliveryBench): void {
  const pct = (x: number) => `${round(x * 100)} %`;
  console.log(`\n== Delivery of ${r.messages} messages to the fake Bot API, median of ${r.runs} runs`);
  console.log(
    `  pacing ${r.pacing.globalPerSecond}/s against a ${r.limitPerSecond}/s limit, ${r.concurrency} concurrent jobs, ${r.inFlight} sends in flight, platform answering in ${r.replyDelayMs} ms`,
  );
  console.log(`  duration      ${show(r.seconds, "s", 2)} from first dispatch to the last row sent`);
  console.log(
    `  rate          ${show(r.rate, "/s")} = ${pct(r.shareOfLimit.median)} of the limit (target ≥ ${pct(r.target.shareOfLimit)}): ${r.met.share ? "OK" : "MISSED"}`,
  );
  console.log(`  steady rate   ${show(r.steadyRate, "/s")} between the first and the last send`);
  console.log(
    `  start-up      first send after ${show(r.firstSendMs, "ms", 0)}, ${r.firstSecondSends.median} sends in its first second`,
  );
  console.log(
    `  over limit    ${show(r.violations, "sends", 0)} (own count ${r.ownViolations.median}, busiest second ${r.maxInWindow.max} sends): ${r.met.violations ? "OK" : "MISSED"}`,
  );
  console.log(
    `  CPU           bot ${pct(r.cpuShare.bot.median)}, fake API ${pct(r.cpuShare.fakeApi.median)}, Redis ${pct(r.cpuShare.redis.median)} of one core; bot loop delay p99 ${round(r.loopDelayMs.p99.median)} ms, max ${round(r.loopDelayMs.max.median)} ms`,
  );
  console.log(
    `  lost          ${show(r.lost, "", 0)}, duplicates ${show(r.duplicates, "", 0)}: ${r.met.lost ? "OK" : "MISSED"}`,
  );
}
