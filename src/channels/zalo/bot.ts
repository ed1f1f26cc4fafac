import { setTimeout as sleep } from "node:timers/promises";
import type { ConversationRouter } from "../../conversation/router.ts";
import type { I18n, Lang } from "../../i18n/index.ts";
import type { Logger } from "../../logger.ts";
import type { Incoming, Reply } from "../../messages.ts";
import { splitText } from "../../text/split.ts";
import { renderNumbered } from "../numbered.ts";
import { type PollLease, PollTurn } from "../poll-turn.ts";
import { Reachability, retryDelayMs } from "../reachability.ts";
import { updateKey, ZaloApiError, type ZaloClient, type ZaloUpdate } from "./client.ts";
import { ZALO_TEXT_LIMIT } from "./sender.ts";

export interface ZaloBotOptions {
  client: ZaloClient;
  router: ConversationRouter;
  i18n: I18n;
  log: Logger;
  langOf(chatId: string): Promise<Lang>;
  /** Webhook mode: registered here, received by the HTTP server (src/http/), which calls handle(). */
  webhook?: { url: string; secret: string };
  pollTimeoutSeconds?: number;
  /** Several instances on this token: poll only while holding this lease (always, without one). */
  lease?: PollLease;
}

/**
 * The Zalo channel's incoming side: long polling (one update per call, 408 when idle) or a
 * webhook registered here and received by the HTTP server. Updates are deduplicated on event
 * and message id, and the bot's own messages echoed back are ignored.
 */
export class ZaloBot {
  private readonly seen: string[] = [];
  private readonly seenSet = new Set<string>();
  private botId = "";
  private stopped = false;
  private abort = new AbortController();
  private loop?: Promise<void>;
  private readonly reach: Reachability;
  private readonly turn: PollTurn;

  constructor(private readonly opts: ZaloBotOptions) {
    this.reach = new Reachability("zalo", opts.log);
    const drainMs = ((opts.pollTimeoutSeconds ?? 30) + 5) * 1000;
    this.turn = new PollTurn("zalo", opts.log, opts.lease, drainMs);
  }

  /**
   * Returns at once: reaching the Zalo API (getMe, the webhook, polling) goes on in the
   * background, retried every few seconds for as long as it takes, so nothing else waits on it.
   */
  async start(): Promise<void> {
    // Webhook updates arrive through the HTTP server (src/http); here only registering it.
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopped; ) {
      try {
        const me = await this.opts.client.getMe();
        this.botId = String(me.id);
        const hook = this.opts.webhook;
        if (hook) await this.opts.client.setWebhook(hook.url, hook.secret);
        else await this.opts.client.deleteWebhook().catch(() => {});
        this.reach.answered();
        this.opts.log.info({ platform: "zalo", mode: hook ? "webhook" : "polling" }, "zalo connected");
        break;
      } catch (e) {
        if (this.stopped) return;
        this.reach.failed(e instanceof Error ? e.message : String(e));
        await this.pause(retryDelayMs(failures++));
      }
    }
    if (!this.stopped && !this.opts.webhook) await this.poll();
  }

  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.abort.signal }).catch(() => {});
  }

  private async poll(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!(await this.turn.wait(this.abort.signal))) continue;
        const update = await this.opts.client.getUpdates(
          this.opts.pollTimeoutSeconds ?? 30,
          this.turn.signal(this.abort.signal),
        );
        failures = 0;
        this.reach.answered();
        this.turn.polled();
        if (update) await this.handle(update);
      } catch (e) {
        if (this.stopped) return;
        if (!this.turn.mine) continue; // the lease moved mid-poll: wait for it again
        if (e instanceof ZaloApiError && e.isPollingTimeout) {
          this.turn.polled();
          continue;
        }
        // Zalo's answer to a second poller is undocumented; a 409 is taken as Telegram's. Past the
        // drain, a poller outside the bot: reported as a failure and retried, as before.
        if (
          e instanceof ZaloApiError &&
          e.errorCode === 409 &&
          (await this.turn.afterConflict(this.abort.signal)) !== "give-up"
        )
          continue;
        this.reach.failed(e instanceof Error ? e.message : String(e));
        await this.pause(retryDelayMs(failures++));
      }
    }
  }

  /** One update: dedupe, drop echoes, route, answer. Never throws. */
  async handle(update: ZaloUpdate): Promise<void> {
    const key = updateKey(update);
    if (this.seenSet.has(key)) return;
    this.seenSet.add(key);
    this.seen.push(key);
    if (this.seen.length > 5000) this.seenSet.delete(this.seen.shift() ?? "");
    const m = update.message;
    if (m.from.is_bot || String(m.from.id) === this.botId) return;
    const chatId = `zalo:${m.chat.id}`;
    const base = {
      chatId,
      chatType: m.chat.chat_type === "GROUP" ? ("group" as const) : ("private" as const),
      userId: `zalo:${m.from.id}`,
      userName: m.from.display_name,
      channel: "zalo",
    };
    let incoming: Incoming | undefined;
    if (update.event_name === "message.text.received" && typeof m.text === "string")
      incoming = { ...base, text: m.text };
    else if (update.event_name === "message.image.received") {
      const url = m.photo_url ?? m.photo;
      incoming = { ...base, text: m.caption, attachment: url ? { kind: "photo", url } : undefined };
    }
    if (!incoming) return; // stickers, voice, unsupported: nothing to answer
    try {
      const replies = await this.opts.router.handle(incoming, { bareCommands: true });
      await this.reply(String(m.chat.id), replies);
    } catch (e) {
      this.opts.log.error({ err: e instanceof Error ? e.message : String(e) }, "zalo reply failed");
    }
  }

  /** Direct replies: numbered choices, split under 2,000 characters, a short wait on a 429. */
  private async reply(chatId: string, replies: Reply[]): Promise<void> {
    const lang = await this.opts.langOf(`zalo:${chatId}`);
    for (const r of replies) {
      for (const part of splitText(
        renderNumbered(this.opts.i18n, lang, r.text, r.choices, r.freeNumber),
        ZALO_TEXT_LIMIT,
      )) {
        for (let attempt = 0; ; attempt++) {
          try {
            await this.opts.client.sendMessage(chatId, part);
            break;
          } catch (e) {
            if (!(e instanceof ZaloApiError) || e.errorCode !== 429 || attempt >= 3) throw e;
            await sleep(e.retryAfterMs ?? 1000 * 2 ** attempt);
          }
        }
      }
    }
  }

  /** Stops polling at once; an update being answered gets at most `budgetMs` to finish. */
  async stop(budgetMs = 3000): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await Promise.race([this.loop?.catch(() => {}), sleep(budgetMs, undefined, { ref: false })]);
    await Promise.race([this.turn.stop(), sleep(budgetMs, undefined, { ref: false })]);
  }
}
