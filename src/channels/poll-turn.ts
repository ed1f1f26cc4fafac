import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
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
  /** Renews it now (takes it if free); true while ours. */
  renew(): Promise<boolean>;
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

/** What a poller does after a 409 Conflict (see PollTurn.afterConflict). */
export type ConflictStep = "retry" | "wait" | "give-up";

/**
 * Whether this instance may poll now. Without a lease (one instance, tests) it always may; with
 * one, it waits for the lease, asks Redis before each poll whether it still holds it, and the
 * poll under way is aborted the moment the lease is lost, since the instance that took it over
 * is polling already.
 */
export class PollTurn {
  private polling = false;
  private turn = new AbortController();
  /** When the 409s of this turn began, while they last. */
  private conflictSince: number | undefined;
  private conflicts = 0;

  /** @param drainMs how long the previous poller's last request may stay open (its poll timeout and a margin) */
  constructor(
    private readonly platform: string,
    private readonly log: Logger,
    private readonly lease?: PollLease,
    private readonly drainMs = 35_000,
  ) {
    lease?.onLost(() => this.end("another instance holds the poller lease"));
  }

  /** Whether this instance is the one polling (always, without a lease). */
  get mine(): boolean {
    return !this.lease || (this.polling && this.lease.held);
  }

  /** Resolves true once this instance may poll, false when `stop` aborts first. */
  async wait(stop: AbortSignal): Promise<boolean> {
    if (!this.lease) return true;
    // Renewed before every poll: a holder whose timers ran late learns here that it lost the lease.
    if (this.mine && (await this.lease.renew())) return true;
    this.end("the poller lease was not renewed in time");
    this.lease.start();
    if (!(await this.lease.whenHeld(stop))) return false;
    this.polling = true;
    this.conflictSince = undefined;
    this.turn = new AbortController();
    this.log.info({ platform: this.platform }, `${this.platform}: this instance polls for updates`);
    return true;
  }

  /** A poll answered: the conflicts, if any, are over. */
  polled(): void {
    this.conflictSince = undefined;
  }

  /** Aborts when `stop` does or when the turn ends. */
  signal(stop: AbortSignal): AbortSignal {
    return this.lease ? AbortSignal.any([stop, this.turn.signal]) : stop;
  }

  /**
   * After a 409 Conflict (another getUpdates on this token). Without a lease: "give-up", a
   * poller outside the bot. With one that another instance holds now: "wait" for it again. With
   * one still ours (or Redis does not answer): the previous holder's last request, sent late by a
   * stalled process, may still be open, so "retry" after a growing pause (when `stop` has not
   * aborted meanwhile); only when the 409s outlast that request (`drainMs`) is it "give-up".
   */
  async afterConflict(stop: AbortSignal): Promise<ConflictStep> {
    if (!this.lease) return "give-up";
    const ours = await this.lease.isOurs().catch(() => true);
    if (!ours) {
      this.end("another instance polls (409 Conflict) and holds the poller lease");
      return "wait";
    }
    const now = Date.now();
    if (this.conflictSince === undefined) {
      this.conflictSince = now;
      this.conflicts = 0;
    }
    if (now - this.conflictSince > this.drainMs) return "give-up";
    const pauseMs = Math.min(4000, 250 * 2 ** this.conflicts++);
    this.log.warn(
      { platform: this.platform, pauseMs },
      `${this.platform}: 409 Conflict while holding the poller lease; the previous poller's last request may still be open, retrying`,
    );
    await sleep(pauseMs, undefined, { signal: stop }).catch(() => {});
    return "retry";
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
