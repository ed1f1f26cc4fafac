import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Channel } from "../channels/channel.ts";
import type { Core } from "../core.ts";
import { settledReason } from "../engine/guard.ts";
import { chatUnreachable } from "../engine/notices.ts";
import { runTick, type TickResult } from "../engine/tick.ts";
import type { Logger } from "../logger.ts";
import { timeTick } from "../metrics.ts";
import { DELIVERY_QUEUE, type DeliveryJob, deliver, dispatch, dispatchPauseMs } from "./delivery.ts";
import { Pacer } from "./pacer.ts";
import { producerConnection, workerConnection } from "./redis.ts";

export const TICKS_QUEUE = "ticks";

/**
 * The engine on BullMQ: two job schedulers (tick every 5 minutes, dispatch every minute)
 * re-declared idempotently at every start, a tick worker, and the delivery worker. SQLite
 * holds the truth; after a Redis flush, start() puts back all that matters.
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

  constructor(
    private readonly core: Core,
    private readonly channels: Map<string, Channel>,
    private readonly log: Logger,
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

  /** Declares the schedulers, recovers what a crash or a flush left behind, starts workers. */
  async start(opts: { workers?: boolean; schedulers?: boolean } = {}): Promise<void> {
    const { QUEUE_PREFIX, DELIVERY_CONCURRENCY } = this.core.config;
    if (opts.schedulers ?? true) {
      const tz = this.core.calendar.timeZone;
      await this.ticksQueue.upsertJobScheduler("tick", { pattern: "*/5 * * * *", tz }, { name: "tick" });
      await this.ticksQueue.upsertJobScheduler("dispatch", { every: 60_000 }, { name: "dispatch" });
    }
    if (opts.workers ?? true) {
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
            maxAttempts: this.core.config.DELIVERY_MAX_ATTEMPTS,
            settled: (row) => settledReason(this.core.sqlite, row.guard),
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
        async (job) => {
          if (job.name === "tick") return this.tick(new Date()).then((r) => r.ids.length);
          return this.dispatchNow(new Date());
        },
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
    await this.dispatchNow(new Date());
  }

  /** Runs the rules as of `at`, then hands what is due by `at` to delivery. */
  async tick(at: Date): Promise<TickResult & { dispatched: number }> {
    const endTick = timeTick();
    const result = runTick(this.core, at);
    endTick();
    return { ...result, dispatched: await this.dispatchNow(at) };
  }

  async dispatchNow(horizon: Date): Promise<number> {
    const stale = new Date(Date.now() - this.core.config.DELIVERY_STALE_MS).toISOString();
    const recovered = this.core.outbox.recoverStale(stale);
    if (recovered > 0)
      this.log.warn({ recovered }, "messages claimed by a vanished worker are pending again");
    // Spread the queueing only when this process's own workers would wait behind it.
    const pause = this.workers.length > 0 ? dispatchPauseMs(this.channels.values()) : 0;
    const { count, done } = await dispatch(
      this.deliveryQueue,
      this.core.outbox,
      horizon,
      this.prefixes,
      pause,
      () => this.closing,
    );
    const queued: Promise<void> = done
      .catch((e) => this.log.warn({ err: e instanceof Error ? e.message : String(e) }, "dispatch stopped"))
      .finally(() => this.queueing.delete(queued));
    this.queueing.add(queued);
    return count;
  }

  private async unreachable(chatId: string, reason: string, now: Date): Promise<void> {
    this.log.warn({ chat: chatId.split(":")[0], reason }, "chat unreachable");
    chatUnreachable(this.core, chatId, reason, now);
    await this.dispatchNow(now);
  }

  async close(): Promise<void> {
    // Chunks not yet queued stay pending in the outbox; the next start dispatches them.
    this.closing = true;
    await Promise.allSettled(this.queueing);
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([this.deliveryQueue.close(), this.ticksQueue.close()]);
    for (const c of [...this.connections, this.producer]) c.disconnect();
  }
}
