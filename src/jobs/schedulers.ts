import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { errorText } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { Lease } from "./lease.ts";

/**
 * Cron patterns for both schedulers: BullMQ's open reports (taskforcesh/bullmq #3262, #3272)
 * say an `every` scheduler can stop producing jobs when a second instance starts.
 */
export const SCHEDULER_PATTERNS: Record<string, string> = {
  tick: "*/5 * * * *",
  dispatch: "* * * * *",
};

/** How often the tick scheduler fires; /readyz and doctor call a tick late past two of these. */
export const TICK_INTERVAL_MS = 5 * 60_000;

export interface KeeperOptions {
  /** Scheduler id → cron pattern (tests use seconds patterns to stay quick). */
  patterns: Record<string, string>;
  tz: string;
  /** Where the lock lives: `<prefix>:engine:scheduler-lock`. */
  prefix: string;
  /** How often the schedulers are checked (and the lock renewed). */
  checkMs: number;
  /** The lock's TTL: when its holder dies, another instance takes it after this long. */
  lockMs: number;
  log: Logger;
}

/**
 * Keeps the job schedulers in Redis, whatever happens to Redis: they are checked at start,
 * whenever the connection becomes ready again (a restarted, possibly empty Redis) and every
 * `checkMs`, and re-declared when missing, changed, or stuck without their next job. Only the
 * instance holding the lock declares, since concurrent upserts have produced duplicate or
 * missing runs upstream; the lock expires when its holder dies, and the next check elsewhere
 * takes it over.
 */
export class SchedulerKeeper {
  private readonly lock: Lease;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;
  private readonly onReady = () => void this.check();

  constructor(
    private readonly queue: Queue,
    private readonly redis: Redis,
    private readonly opts: KeeperOptions,
  ) {
    this.lock = new Lease(redis, { key: `${opts.prefix}:engine:scheduler-lock`, ttlMs: opts.lockMs });
  }

  get lockKey(): string {
    return this.lock.key;
  }

  async start(): Promise<void> {
    this.redis.on("ready", this.onReady);
    this.timer = setInterval(() => void this.check(), this.opts.checkMs);
    this.timer.unref();
    await this.check();
  }

  /** No longer wanted here (tests that tick at chosen instants drop the real-clock tick). */
  async drop(id: string): Promise<void> {
    delete this.opts.patterns[id];
    await this.queue.removeJobScheduler(id);
  }

  /** One check; never throws (a Redis that is down is checked again when it is back). */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    // Checks triggered while one runs share it rather than racing it.
    this.checking ??= this.run()
      .catch((e) => this.opts.log.warn({ err: errorText(e) }, "scheduler check failed"))
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private async run(): Promise<void> {
    await this.queue.waitUntilReady(); // the first connection (later, a Redis that is down fails fast)
    if (!(await this.lock.acquire())) return;
    for (const [id, pattern] of Object.entries(this.opts.patterns)) {
      const reason = await this.problem(id, pattern);
      if (!reason) continue;
      if (reason === "stuck") await this.queue.removeJobScheduler(id);
      await this.queue.upsertJobScheduler(id, { pattern, tz: this.opts.tz }, { name: id });
      this.opts.log.info({ scheduler: id, pattern, reason }, "job scheduler declared");
    }
  }

  private async problem(id: string, pattern: string): Promise<string | undefined> {
    const s = await this.queue.getJobScheduler(id);
    if (!s) return "missing";
    if (s.pattern !== pattern || s.tz !== this.opts.tz) return "changed";
    // The scheduler adds its next run when the current one starts: a run that vanished stops it.
    if (s.next === undefined || !(await this.queue.getJob(`repeat:${id}:${s.next}`))) return "stuck";
    return undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.redis.off("ready", this.onReady);
    await this.checking;
    // Let another instance take over at once instead of after the TTL.
    await this.lock.release().catch(() => undefined);
  }
}
