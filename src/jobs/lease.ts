import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { errorText } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { producerConnection } from "./redis.ts";

// Take the lease if free, renew it if ours; one round trip, so two instances never both win.
const ACQUIRE = `local v = redis.call('get', KEYS[1])
if v == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * Of the TTL, the share this instance counts on after a renewal: the key expires in Redis a TTL
 * after the renewal *arrived*, we count from before it was *sent*, and the rest is margin for a
 * request in flight, so we stop before anyone else can start.
 */
const TRUSTED_SHARE = 0.8;

export interface LeaseOptions {
  /** The Redis key; its value is the holder's id. */
  key: string;
  /** When the holder dies, the key expires at most this long after its last renewal. */
  ttlMs: number;
  /** How often start() renews (when held) or tries (when not); a third of the TTL by default. */
  renewMs?: number;
  log?: Logger;
}

/**
 * One holder at a time among the instances sharing a Redis: whoever's id the key holds. Used
 * two ways: call acquire() yourself (the scheduler keeper, at each of its checks), or start()
 * it and it renews on a timer, telling onAcquired/onLost listeners when the lease comes and goes
 * (the pollers). Holding is judged locally against a deadline short of the key's expiry, so a
 * holder cut off from Redis stops before another instance can take over.
 */
export class Lease {
  readonly id = randomUUID();
  private heldUntil = 0;
  private holding = false;
  private started = false;
  /** After stop(): a poll loop winding down may call start() again, which must not take it back. */
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | undefined;
  private readonly acquired = new Set<() => void>();
  private readonly lost = new Set<() => void>();
  /** whenHeld() callers: told at the next success, even a renewal of a lease held all along. */
  private readonly waiters = new Set<() => void>();
  private readonly onReady = () => void this.keep();

  constructor(
    private readonly redis: Redis,
    private readonly opts: LeaseOptions,
  ) {}

  get key(): string {
    return this.opts.key;
  }

  /** Takes the lease if free, renews it if ours: one atomic round trip. Throws when Redis fails. */
  async acquire(): Promise<boolean> {
    const asked = performance.now();
    const won = await this.redis.eval(ACQUIRE, 1, this.opts.key, this.id, String(this.opts.ttlMs));
    this.heldUntil = won === 1 ? asked + this.opts.ttlMs * TRUSTED_SHARE : 0;
    return won === 1;
  }

  /** Ours as far as we can tell without asking Redis: renewed recently enough. */
  get held(): boolean {
    return performance.now() < this.heldUntil;
  }

  /**
   * Renews now (or takes the lease if free), sharing a renewal already under way; true while
   * ours. A late timer can leave `held` true after the lease moved, so a poller asks before each
   * poll. When Redis does not answer, our own deadline decides, as between renewals.
   */
  async renew(): Promise<boolean> {
    await this.keep();
    return this.held;
  }

  /** Asks Redis; finding someone else there counts as losing it (listeners are told). */
  async isOurs(): Promise<boolean> {
    const ours = (await this.redis.get(this.opts.key)) === this.id;
    if (!ours) this.settle(false);
    return ours;
  }

  /** Gives the lease up if it is still ours, so another instance takes it at once. */
  async release(): Promise<void> {
    this.heldUntil = 0;
    this.holding = false;
    await this.redis.eval(RELEASE, 1, this.opts.key, this.id);
  }

  onAcquired(listener: () => void): void {
    this.acquired.add(listener);
  }

  onLost(listener: () => void): void {
    this.lost.add(listener);
  }

  /** Resolves true once held (at once if it is), false when `signal` aborts first. */
  whenHeld(signal: AbortSignal): Promise<boolean> {
    if (this.held) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        this.waiters.delete(onHeld);
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const onHeld = () => done(true);
      const onAbort = () => done(false);
      this.waiters.add(onHeld);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Keeps trying (or renewing) every renewMs, and at once whenever Redis is ready again. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.redis.on("ready", this.onReady);
    this.timer = setInterval(() => void this.keep(), this.opts.renewMs ?? this.opts.ttlMs / 3);
    this.timer.unref();
    void this.keep();
  }

  /** Stops renewing and releases, for good: another instance takes over at its next try. Never throws. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    clearInterval(this.timer);
    clearTimeout(this.deadline);
    this.redis.off("ready", this.onReady);
    await this.attempt;
    await this.release().catch(() => undefined);
  }

  private keep(): Promise<void> {
    if (!this.started) return Promise.resolve();
    // Not connected yet (or again): the connection's own errors are logged, and "ready" calls back.
    if (this.redis.status !== "ready") {
      this.settle(this.held);
      return Promise.resolve();
    }
    // Attempts triggered while one runs share it rather than racing it.
    this.attempt ??= this.acquire()
      .then((won) => this.settle(won))
      .catch((e) => {
        // Redis does not answer: hold on until our own deadline, not a moment longer.
        this.opts.log?.warn({ lease: this.opts.key, err: errorText(e) }, "could not renew a lease");
        this.settle(this.held);
      })
      .finally(() => {
        this.attempt = undefined;
      });
    return this.attempt;
  }

  private settle(won: boolean): void {
    clearTimeout(this.deadline);
    if (won && this.started) {
      // Renewals that keep failing must still end the holding on time, between two tries.
      this.deadline = setTimeout(() => this.settle(this.held), this.heldUntil - performance.now() + 1);
      this.deadline.unref();
    }
    // A renewal after our own deadline passed: the caller that saw it pass is waiting again.
    if (won) for (const waiter of [...this.waiters]) waiter();
    if (won === this.holding) return;
    this.holding = won;
    if (!won) this.heldUntil = 0;
    for (const listener of won ? [...this.acquired] : [...this.lost]) listener();
  }
}

/**
 * Leases by name under `<prefix>:`, on one Redis connection opened at the first lease (an
 * instance with nothing to poll opens none) and closed with close().
 */
export function leaseFactory(opts: { url: string; prefix: string; ttlMs: number; log: Logger }) {
  let redis: Redis | undefined;
  const made: Lease[] = [];
  return {
    lease(name: string): Lease {
      if (!redis) {
        redis = producerConnection(opts.url);
        redis.on("error", (e) => opts.log.warn({ err: e.message }, "redis lease connection error"));
      }
      const lease = new Lease(redis, { key: `${opts.prefix}:${name}`, ttlMs: opts.ttlMs, log: opts.log });
      made.push(lease);
      return lease;
    },
    /**
     * Gives up every lease still held. An adapter gives its own up as it stops, after its last
     * update; one whose stop ran out of time has not yet, and once the connection closes it
     * never would: every other instance would wait out the TTL before polling.
     */
    async release(): Promise<void> {
      await Promise.all(made.map((l) => l.stop()));
    },
    close(): void {
      redis?.disconnect();
    },
  };
}
