import { createHash } from "node:crypto";
import type { Logger } from "../logger.ts";

/**
 * A lease several instances of the bot share (in the service, a Redis lease: src/jobs/lease.ts).
 * A platform allows one long-poller per token, so only the holder polls.
 */
export interface PollLease {
  /** Starts trying to hold it, and renewing it once held, in the background. */
  start(): void;
  /** Ours as far as this instance can tell without asking. */
  readonly held: boolean;
  /** Resolves true once held, false when `signal` aborts first. */
  whenHeld(signal: AbortSignal): Promise<boolean>;
  /** Called when a renewal or a check finds the lease gone to another instance. */
  onLost(listener: () => void): void;
  /** Asks the lease's store; finding another holder there counts as losing it. */
  isOurs(): Promise<boolean>;
  /** Stops renewing and gives the lease up at once. */
  stop(): Promise<void>;
}

/** The lease's name for a platform's poller: a short hash stands for the token, never the token. */
export function pollerLeaseName(platform: string, token: string): string {
  return `${platform}:poller:${createHash("sha256").update(token).digest("hex").slice(0, 12)}`;
}

/**
 * Whether this instance may poll now. Without a lease (one instance, tests) it always may; with
 * one, it waits for the lease, and the poll under way is aborted the moment the lease is lost,
 * since the instance that took it over is polling already.
 */
export class PollTurn {
  private polling = false;
  private turn = new AbortController();

  constructor(
    private readonly platform: string,
    private readonly log: Logger,
    private readonly lease?: PollLease,
  ) {
    lease?.onLost(() => this.end("another instance holds the poller lease"));
  }

  /** Whether this instance is the one polling (always, without a lease). */
  get mine(): boolean {
    return !this.lease || (this.polling && this.lease.held);
  }

  /** Resolves true once this instance may poll, false when `stop` aborts first. */
  async wait(stop: AbortSignal): Promise<boolean> {
    if (!this.lease || this.mine) return true;
    this.end("the poller lease was not renewed in time");
    this.lease.start();
    if (!(await this.lease.whenHeld(stop))) return false;
    this.polling = true;
    this.turn = new AbortController();
    this.log.info({ platform: this.platform }, `${this.platform}: this instance polls for updates`);
    return true;
  }

  /** Aborts when `stop` does or when the turn ends. */
  signal(stop: AbortSignal): AbortSignal {
    return this.lease ? AbortSignal.any([stop, this.turn.signal]) : stop;
  }

  /**
   * After a 409 Conflict: true when the lease has gone to another instance (its poll ended ours;
   * wait for the lease again), false when we still hold it or cannot tell (Redis does not
   * answer): then the poller is taken to be outside the lease.
   */
  async lostTo409(): Promise<boolean> {
    if (!this.lease) return false;
    const ours = await this.lease.isOurs().catch(() => true);
    if (!ours) this.end("another instance polls (409 Conflict) and holds the poller lease");
    return !ours;
  }

  /** Stops polling here and gives the lease up, so another instance polls at once. */
  async stop(): Promise<void> {
    this.end("stopping");
    await this.lease?.stop();
  }

  private end(reason: string): void {
    if (!this.polling) return;
    this.polling = false;
    this.turn.abort();
    this.log.info({ platform: this.platform, reason }, `${this.platform}: this instance stops polling`);
  }
}
