import { setTimeout as sleep } from "node:timers/promises";
import { type Bot, BotError, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../../logger.ts";
import { type PollLease, PollTurn } from "../poll-turn.ts";
import { Reachability, retryDelayMs } from "../reachability.ts";

export interface TelegramLinkOptions {
  bot: Bot;
  log: Logger;
  /** Webhook mode: register this URL; the HTTP server that receives it lives elsewhere. */
  webhook?: { url: string; secret: string };
  pollTimeoutSeconds?: number;
  /** Longest pause between two attempts while the Bot API does not answer. */
  retryMaxMs?: number;
  /** The Bot API answered getMe (at start, or after an outage that began before it). */
  onReady?(me: UserFromGetMe): void | Promise<void>;
  /**
   * Another process polls with this token (409 Conflict without a lease, or 409s outlasting the
   * previous holder's last poll while this instance holds it): polling stops; the caller closes.
   */
  onConflict(): void;
  /** Several instances on this token: poll only while holding this lease (always, without one). */
  lease?: PollLease;
}

/**
 * The Telegram channel's life: reach the Bot API (getMe, then the webhook or long polling),
 * in the background, retried every few seconds for as long as it takes, so the engine and
 * the other channels never wait for Telegram. grammY's own `bot.start()` and `bot.init()`
 * retry with a back-off growing to 20 minutes; this loop never waits more than `retryMaxMs`,
 * so the bot answers again within seconds of the Bot API coming back.
 */
export class TelegramLink {
  private stopped = false;
  private ready = false;
  private readonly abort = new AbortController();
  private offset = 0;
  private loop?: Promise<void>;
  private readonly reach: Reachability;
  private readonly turn: PollTurn;

  constructor(private readonly opts: TelegramLinkOptions) {
    this.reach = new Reachability("telegram", opts.log);
    const drainMs = ((opts.pollTimeoutSeconds ?? 30) + 5) * 1000;
    this.turn = new PollTurn("telegram", opts.log, opts.lease, drainMs);
  }

  start(): void {
    this.loop ??= this.run();
  }

  get connected(): boolean {
    return this.ready && !this.reach.isDown;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!this.ready) await this.connect();
        if (this.opts.webhook) return; // Telegram posts to us from now on
        if (!(await this.turn.wait(this.abort.signal))) continue;
        await this.pollOnce();
        failures = 0;
      } catch (e) {
        if (this.stopped) return;
        if (this.ready && !this.turn.mine) continue; // the lease moved mid-poll: wait for it again
        if (e instanceof GrammyError && e.error_code === 409) {
          if ((await this.turn.afterConflict(this.abort.signal)) !== "give-up") continue;
          this.opts.log.error(
            { platform: "telegram" },
            "telegram: another process is polling with this bot token (409 Conflict); this one stops. Run one poller per token, or use webhooks",
          );
          this.stopped = true;
          this.opts.onConflict();
          return;
        }
        this.reach.failed(reasonOf(e));
        const wait = retryDelayMs(failures++, this.opts.retryMaxMs);
        await sleep(wait, undefined, { signal: this.abort.signal }).catch(() => {});
      }
    }
  }

  private async connect(): Promise<void> {
    const { bot, webhook } = this.opts;
    const signal = this.abort.signal as never;
    const me = await bot.api.getMe(signal);
    bot.botInfo = me;
    if (webhook) await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret }, signal);
    else await bot.api.deleteWebhook(undefined, signal);
    this.ready = true;
    this.reach.answered();
    this.opts.log.info({ platform: "telegram", mode: webhook ? "webhook" : "polling" }, "telegram connected");
    await this.opts.onReady?.(me);
  }

  private async pollOnce(): Promise<void> {
    const updates = await this.opts.bot.api.getUpdates(
      { offset: this.offset, timeout: this.opts.pollTimeoutSeconds ?? 30 },
      this.turn.signal(this.abort.signal) as never,
    );
    this.reach.answered();
    this.turn.polled();
    for (const update of updates) {
      // The rest are fetched again at the next start, or by the instance that polls now.
      if (this.stopped || !this.turn.mine) return;
      this.offset = update.update_id + 1;
      try {
        await this.opts.bot.handleUpdate(update);
      } catch (e) {
        if (e instanceof BotError) await this.opts.bot.errorHandler(e);
        else throw e;
      }
    }
  }

  /**
   * Stops polling at once (the pending long poll is aborted) and confirms the updates handled,
   * waiting at most `budgetMs` for an update being handled and for the confirmation.
   */
  async stop(budgetMs = 3000): Promise<void> {
    if (this.stopped && !this.loop) return;
    this.stopped = true;
    this.abort.abort();
    const deadline = AbortSignal.timeout(budgetMs);
    const expired = new Promise<void>((resolve) => deadline.addEventListener("abort", () => resolve()));
    await Promise.race([this.loop, expired]);
    this.loop = undefined;
    // Telegram forgets updates below the offset only when a getUpdates call carries it; only the
    // poller may call it (another call ends the poll of whoever holds the lease now).
    if (!this.opts.webhook && this.offset !== 0 && !deadline.aborted && this.turn.mine)
      await this.opts.bot.api
        .getUpdates({ offset: this.offset, limit: 1, timeout: 0 }, deadline as never)
        .catch(() => {});
    // Given up last, so the next poller starts after the confirmation; with a budget of its own,
    // since a slow update may have spent the first, and a lease left to expire keeps every other
    // instance from polling for its whole TTL.
    await Promise.race([this.turn.stop(), sleep(budgetMs, undefined, { ref: false })]);
  }
}

/** A failure in words fit for the log: the token, which grammY puts in URLs, never appears. */
function reasonOf(e: unknown): string {
  if (e instanceof GrammyError) return `${e.error_code} ${e.description}`;
  return (e instanceof Error ? e.message : String(e)).replace(/bot\d+:[\w-]+/g, "bot<token>");
}
