import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { errorText } from "../errors.ts";
import type { Logger } from "../logger.ts";

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

// Take the lock if free, renew it if ours; one round trip, so two instances never both win.
const ACQUIRE = `local v = redis.call('get', KEYS[1])
if v == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * Keeps the job schedulers in Redis, whatever happens to Redis: they are checked at start,
 * whenever the connection becomes ready again (a restarted, possibly empty Redis) and every
 * `checkMs`, and re-declared when missing, changed, or stuck without their next job. Only the
 * instance holding the lock declares, since concurrent upserts have produced duplicate or
 * missing runs upstream; the lock expires when its holder dies, and the next check elsewhere
 * takes it over.
 */
export class SchedulerKeeper {
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;
  private readonly onReady = () => void this.check();

  constructor(
    private readonly queue: Queue,
    private readonly redis: Redis,
    private readonly opts: KeeperOptions,
  ) {}

  get lockKey(): string {
    return `${this.opts.prefix}:engine:scheduler-lock`;
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
    const held = await this.redis.eval(ACQUIRE, 1, this.lockKey, this.instanceId, String(this.opts.lockMs));
    if (held !== 1) return;
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
    await this.redis.eval(RELEASE, 1, this.lockKey, this.instanceId).catch(() => undefined);
  }
}
