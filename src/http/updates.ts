import type { Redis } from "ioredis";
import { ready } from "../jobs/redis.ts";
import type { Logger } from "../logger.ts";
import { countWebhook } from "../metrics.ts";

/** How long an update id is remembered: Telegram and Zalo give up redelivering well before. */
export const SEEN_TTL_SECONDS = 86_400;
const SEEN_TIMEOUT_MS = 1000;
const LOCAL_SEEN_MAX = 10_000;
const DRAIN_TIMEOUT_MS = 5000;

export interface Update {
  /** "telegram" or "zalo": the metrics label and part of the key. */
  channel: string;
  /** The platform's id of this update (Telegram update_id, Zalo event name + message id). */
  id: string;
  /** Updates with the same key run one after another, in the order they arrived. */
  chat: string;
  run(): Promise<unknown>;
}

/**
 * Webhook updates are answered as soon as they are recorded, and run afterwards: a platform
 * that waits too long (grammY's webhook helper gives up after 10 s, answers 500, and Telegram
 * sends the update again) must never see a slow export or a manual reminder as a failure.
 *
 * Each update id is recorded once with SET NX in Redis under the queue prefix, with a day's TTL:
 * every instance sharing the queue sees it, nothing needs cleaning, and no database write sits
 * in front of every update. If Redis does not answer, the update still runs (a user's report
 * matters more than a rare duplicate) and this process's own memory dedupes it.
 *
 * One chat's updates run strictly in arrival order; different chats run side by side.
 */
export class UpdateGate {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly localSeen = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  /** Records the update and queues it; false when it was seen before (a redelivery). */
  async accept(update: Update): Promise<boolean> {
    const first = await this.firstTime(`${update.channel}:${update.id}`);
    countWebhook(update.channel, first ? "accepted" : "duplicate");
    if (first) this.enqueue(update);
    return first;
  }

  /**
   * Resolves when every update accepted so far has run, or after `timeoutMs` with a warning:
   * a handler stuck on a platform that does not answer must not hold the process forever.
   */
  async drain(timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
    const all = (async () => {
      while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
    })();
    await withTimeout(all, timeoutMs).catch(() =>
      this.log.warn({ chats: this.tails.size }, "webhook updates still running at shutdown were left"),
    );
  }

  private async firstTime(key: string): Promise<boolean> {
    try {
      await ready(this.redis, SEEN_TIMEOUT_MS); // a connection still (re)connecting gets a moment
      const set = await withTimeout(
        this.redis.set(`${this.prefix}:update-seen:${key}`, "1", "EX", SEEN_TTL_SECONDS, "NX"),
        SEEN_TIMEOUT_MS,
      );
      return set === "OK";
    } catch (e) {
      this.log.warn({ err: e instanceof Error ? e.message : String(e) }, "update dedupe fell back to memory");
      if (this.localSeen.has(key)) return false;
      if (this.localSeen.size >= LOCAL_SEEN_MAX) this.localSeen.clear();
      this.localSeen.add(key);
      return true;
    }
  }

  private enqueue(update: Update): void {
    const previous = this.tails.get(update.chat) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(() => update.run())
      .then(
        () => {},
        (e) =>
          this.log.error(
            { channel: update.channel, update: update.id, err: e instanceof Error ? e.message : String(e) },
            "webhook update failed",
          ),
      )
      .finally(() => {
        if (this.tails.get(update.chat) === next) this.tails.delete(update.chat);
      });
    this.tails.set(update.chat, next);
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
