import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Channel } from "../channels/channel.ts";
import type { Config } from "../config.ts";
import { dailyHousekeeping } from "../engine/housekeeping.ts";
import { chatUnreachable } from "../engine/notices.ts";
import { type EngineDeps, runTick, type TickResult } from "../engine/tick.ts";
import { errorText } from "../errors.ts";
import { chatRef, type Logger } from "../logger.ts";
import { timeTick } from "../metrics.ts";
import { DELIVERY_QUEUE, type DeliveryJob, deliver, dispatch, dispatchPauseMs } from "./delivery.ts";
import { type EngineHealth, presentSchedulers } from "./health.ts";
import { InFlight } from "./in-flight.ts";
import { Pacer } from "./pacer.ts";
import { producerConnection, workerConnection } from "./redis.ts";
import { SCHEDULER_PATTERNS, SchedulerKeeper } from "./schedulers.ts";

export const TICKS_QUEUE = "ticks";

/** What the runner reads: the engine's storage and rules, and the Redis and delivery settings. */
export interface RunnerDeps extends EngineDeps {
  config: Pick<
    Config,
    | "REDIS_URL"
    | "QUEUE_PREFIX"
    | "DELIVERY_CONCURRENCY"
    | "DELIVERY_IN_FLIGHT"
    | "DELIVERY_MAX_ATTEMPTS"
    | "DELIVERY_LOCK_MS"
    | "DELIVERY_STALE_MS"
    | "OUTBOX_TEXT_DAYS"
  >;
}

export interface RunnerOptions {
  /** How often the schedulers are checked (default a minute); the lock lives three times that. */
  schedulerCheckMs?: number;
  /** Scheduler id → cron pattern (default SCHEDULER_PATTERNS). */
  schedulerPatterns?: Record<string, string>;
}

/**
 * The engine on BullMQ: two job schedulers (tick every 5 minutes, dispatch every minute) kept
 * in Redis by a SchedulerKeeper (re-declared whenever Redis comes back), a tick worker, and the
 * delivery worker. SQLite holds the truth; Redis emptied under a running bot loses nothing
 * but what was in flight, and every dispatch hands over again whatever is still pending.
 */
export class EngineRunner {
  private readonly producer: Redis;
  private readonly connections: Redis[] = [];
  private readonly deliveryQueue: Queue<DeliveryJob>;
  private readonly ticksQueue: Queue;
  private readonly workers: Worker[] = [];
  private readonly pacer: Pacer;
  /** Dispatches still queueing their later chunks, so close() can let them finish first. */
  private readonly queueing = new Set<Promise<void>>();
  private closing = false;
  private keeper: SchedulerKeeper | undefined;
  private startedAt: Date | undefined;

  constructor(
    private readonly core: RunnerDeps,
    private readonly channels: Map<string, Channel>,
    private readonly log: Logger,
    private readonly options: RunnerOptions = {},
  ) {
    const { REDIS_URL, QUEUE_PREFIX } = core.config;
    this.producer = producerConnection(REDIS_URL);
    this.producer.on("error", (e) => log.warn({ err: e.message }, "redis producer connection error"));
    const opts = { connection: this.producer, prefix: QUEUE_PREFIX };
    this.deliveryQueue = new Queue<DeliveryJob>(DELIVERY_QUEUE, opts);
    this.ticksQueue = new Queue(TICKS_QUEUE, opts);
    this.pacer = new Pacer(this.producer, QUEUE_PREFIX);
  }

  get prefixes(): string[] {
    return [...this.channels.keys()];
  }

  /** Keeps the schedulers, recovers what a crash or a flush left behind, starts workers. */
  async start(opts: { workers?: boolean; schedulers?: boolean } = {}): Promise<void> {
    const { QUEUE_PREFIX } = this.core.config;
    this.startedAt = new Date();
    if (opts.schedulers ?? true) {
      const checkMs = this.options.schedulerCheckMs ?? 60_000;
      this.keeper = new SchedulerKeeper(this.ticksQueue, this.producer, {
        patterns: { ...(this.options.schedulerPatterns ?? SCHEDULER_PATTERNS) },
        tz: this.core.calendar.timeZone,
        prefix: QUEUE_PREFIX,
        checkMs,
        lockMs: 3 * checkMs,
        log: this.log,
      });
      await this.keeper.start();
    }
    if (opts.workers ?? true) this.startWorkers();
    await this.dispatchNow(new Date());
  }

  /** The delivery worker and the tick worker, each on its own Redis connection. */
  private startWorkers(): void {
    const { QUEUE_PREFIX, DELIVERY_CONCURRENCY, DELIVERY_IN_FLIGHT } = this.core.config;
    const inFlight = new InFlight(DELIVERY_IN_FLIGHT);
    const connection = () => {
      const c = workerConnection(this.core.config.REDIS_URL);
      c.on("error", (e) => this.log.warn({ err: e.message }, "redis worker connection error"));
      this.connections.push(c);
      return c;
    };
    const delivery = new Worker<DeliveryJob>(
      DELIVERY_QUEUE,
      (job, token) =>
        deliver(job, token, {
          outbox: this.core.outbox,
          channels: this.channels,
          pacer: this.pacer,
          inFlight,
          // A quarter of the stale age: a claim waiting this long goes back rather than risk the sweep.
          inFlightWaitMs: this.core.config.DELIVERY_STALE_MS / 4,
          maxAttempts: this.core.config.DELIVERY_MAX_ATTEMPTS,
          settled: (row) => this.core.store.engine.settledReason(row.guard),
          onUnreachable: (chatId, reason, horizon) => this.unreachable(chatId, reason, horizon),
          log: this.log,
        }),
      {
        connection: connection(),
        prefix: QUEUE_PREFIX,
        concurrency: DELIVERY_CONCURRENCY,
        lockDuration: this.core.config.DELIVERY_LOCK_MS,
        stalledInterval: this.core.config.DELIVERY_LOCK_MS,
      },
    );
    const ticks = new Worker(
      TICKS_QUEUE,
      async (job) => (job.name === "tick" ? this.scheduledTick() : this.dispatchNow(new Date())),
      { connection: connection(), prefix: QUEUE_PREFIX, concurrency: 1 },
    );
    for (const w of [delivery, ticks]) {
      w.on("failed", (job, err) =>
        this.log.error({ queue: w.name, jobId: job?.id, err: err.message }, "job failed"),
      );
      w.on("error", (err) => this.log.error({ queue: w.name, err: err.message }, "worker error"));
      this.workers.push(w);
    }
  }

  /** Runs the rules as of `at`, then hands what is due by `at` to delivery. */
  async tick(at: Date): Promise<TickResult & { dispatched: number }> {
    const endTick = timeTick();
    const result = await runTick(this.core, at);
    // No silent loss: what a gap in the ticks cost is in the log as well as told to coordinators.
    if (result.missed) this.log.warn({ ...result.missed, at }, "ticks resumed after a gap: reminders missed");
    endTick();
    return { ...result, dispatched: await this.dispatchNow(at) };
  }

  /** The real-clock tick: its completion is what readiness checks call the last tick. */
  private async scheduledTick(): Promise<number> {
    const at = new Date();
    const result = await this.tick(at);
    await this.core.store.health.recordTickRan(at);
    await this.housekeeping(at);
    return result.ids.length;
  }

  /** Once a local day, on whichever instance ticks first: retention (engine/housekeeping.ts). */
  async housekeeping(at: Date): Promise<void> {
    try {
      const swept = await dailyHousekeeping(this.core.store, {
        now: at,
        localDay: this.core.calendar.localDate(at),
        outboxTextDays: this.core.config.OUTBOX_TEXT_DAYS,
      });
      if (swept) this.log.info(swept, "daily housekeeping done");
    } catch (e) {
      this.log.warn({ err: errorText(e) }, "daily housekeeping failed; the next tick retries");
    }
  }

  /**
   * The dispatcher, and its sweep: every pending message due by `horizon` is handed to delivery
   * again, however its last job ended (deduplication adds nothing while one is alive). Never
   * throws: a locked database or an absent Redis is logged and left to the next run.
   */
  async dispatchNow(horizon: Date): Promise<number> {
    const stale = new Date(Date.now() - this.core.config.DELIVERY_STALE_MS).toISOString();
    try {
      const recovered = await this.core.outbox.recoverStale(stale);
      if (recovered > 0)
        this.log.warn({ recovered }, "messages claimed by a vanished worker are pending again");
    } catch (e) {
      this.log.warn({ err: errorText(e) }, "could not recover stale messages; next dispatch will");
    }
    // Spread the queueing only when this process's own workers would wait behind it.
    const pause = this.workers.length > 0 ? dispatchPauseMs(this.channels.values()) : 0;
    let dispatched: Awaited<ReturnType<typeof dispatch>>;
    try {
      dispatched = await dispatch(
        this.deliveryQueue,
        this.core.outbox,
        horizon,
        this.prefixes,
        pause,
        () => this.closing,
      );
    } catch (e) {
      this.log.warn({ err: errorText(e) }, "dispatch failed; the next dispatch retries");
      return 0;
    }
    const { count, done } = dispatched;
    const queued: Promise<void> = done
      .catch((e) => this.log.warn({ err: errorText(e) }, "dispatch stopped"))
      .finally(() => this.queueing.delete(queued));
    this.queueing.add(queued);
    return count;
  }

  /**
   * For readiness (/readyz, doctor): the schedulers present in Redis ([] when it does not
   * answer), the last completed real-clock tick (any instance) and this engine's start. Pass
   * it to tickLateness() (jobs/health.ts) to ask whether the tick is late. Never throws.
   */
  async health(): Promise<EngineHealth> {
    let lastTickAt: Date | undefined;
    try {
      lastTickAt = await this.core.store.health.lastTickRan();
    } catch {
      lastTickAt = undefined; // a database that cannot be read: the tick looks late, as it soon will be
    }
    return { schedulers: await presentSchedulers(this.ticksQueue), lastTickAt, startedAt: this.startedAt };
  }

  /** Stops keeping one scheduler here and removes it (tests drive ticks at chosen instants). */
  async dropScheduler(id: string): Promise<void> {
    await this.keeper?.drop(id);
  }

  private async unreachable(chatId: string, reason: string, now: Date): Promise<void> {
    this.log.warn({ chat: chatRef(chatId), reason }, "chat unreachable");
    await chatUnreachable(this.core, chatId, reason, now);
    await this.dispatchNow(now);
  }

  async close(): Promise<void> {
    // Chunks not yet queued stay pending in the outbox; the next start dispatches them.
    this.closing = true;
    await this.keeper?.stop();
    await Promise.allSettled(this.queueing);
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([this.deliveryQueue.close(), this.ticksQueue.close()]);
    for (const c of [...this.connections, this.producer]) c.disconnect();
  }
}
