import type { Logger } from "../logger.ts";

/** How often a continuing outage is logged again, so an operator tailing the log sees it. */
const REPEAT_MS = 5 * 60_000;

/**
 * One platform's reachability as the log tells it: a warning naming the platform when it stops
 * answering (repeated every five minutes while it lasts), one line when it answers again.
 */
export class Reachability {
  private down?: { since: number; loggedAt: number };

  constructor(
    private readonly platform: "telegram" | "zalo",
    private readonly log: Logger,
  ) {}

  get isDown(): boolean {
    return this.down !== undefined;
  }

  failed(reason: string): void {
    const now = Date.now();
    if (this.down && now - this.down.loggedAt < REPEAT_MS) return;
    const since = this.down?.since ?? now;
    this.down = { since, loggedAt: now };
    this.log.warn(
      { platform: this.platform, reason, downForS: Math.round((now - since) / 1000) },
      `${this.platform}: the platform's API is unreachable; the engine and the other channels carry on, retrying every few seconds`,
    );
  }

  answered(): void {
    if (!this.down) return;
    const downForS = Math.round((Date.now() - this.down.since) / 1000);
    this.down = undefined;
    this.log.info(
      { platform: this.platform, downForS },
      `${this.platform}: the platform's API answers again`,
    );
  }
}

/** The pause before attempt `failures + 1`: quick at first, never more than `maxMs`. */
export function retryDelayMs(failures: number, maxMs = 10_000): number {
  return Math.min(maxMs, 500 * 2 ** Math.min(failures, 10));
}
