import { Api } from "grammy";
import type { OutgoingMessage } from "../../messages.ts";
import type { Adapter, AdapterContext } from "../adapter.ts";
import { pollerLeaseName } from "../poll-turn.ts";
import { createTelegramBot, registerCommands } from "./bot.ts";
import { TelegramLink } from "./link.ts";
import { telegramPlatform } from "./platform.ts";
import { TelegramSender, type TelegramSent } from "./sender.ts";
import { callTimeouts } from "./timeouts.ts";
import { telegramWebhook } from "./webhook.ts";

/**
 * Telegram on grammY: updates by long polling or webhook (TelegramLink reaches the Bot API in
 * the background), sends through TelegramSender with inline buttons, photos and documents.
 */
export function createTelegramAdapter(ctx: AdapterContext): Adapter {
  const { config, deps, log, events } = ctx;
  const token = config.TELEGRAM_BOT_TOKEN ?? "";
  const api = new Api(token, { apiRoot: config.TELEGRAM_API_ROOT });
  api.config.use(callTimeouts(config.PLATFORM_TIMEOUT_MS));
  const pacing = { globalPerSecond: config.TELEGRAM_GLOBAL_PER_SECOND, privateGapMs: 1000, groupGapMs: 3000 };
  const sender = new TelegramSender(api, pacing, events.moved);
  const bot = createTelegramBot({
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    router: ctx.router,
    i18n: deps.i18n,
    log,
    callTimeoutMs: config.PLATFORM_TIMEOUT_MS,
    onAdded: events.added,
    onRemoved: events.removed,
    onMigrated: events.moved,
  });
  deps.botUsername = config.TELEGRAM_BOT_USERNAME;
  const hook = config.WEBHOOK_URL
    ? { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET ?? "" }
    : undefined;
  let conflict = () => {};
  const done = new Promise<void>((resolve) => {
    conflict = resolve;
  });
  const link = new TelegramLink({
    bot,
    log,
    webhook: hook,
    onReady: (me) => {
      deps.botUsername = me.username;
      registerCommands(bot, deps.i18n).catch((e) =>
        log.warn({ err: String(e) }, "could not register commands"),
      );
    },
    onConflict: conflict,
    pollTimeoutSeconds: config.TELEGRAM_POLL_TIMEOUT,
    // Webhook mode: every instance serves the webhook, and nobody polls.
    lease: hook ? undefined : ctx.lease?.(pollerLeaseName("telegram", token)),
  });
  return {
    platform: telegramPlatform,
    capabilities: telegramPlatform.capabilities,
    prefix: telegramPlatform.prefix,
    textLimit: sender.textLimit,
    pacing,
    webhook: hook && { url: hook.url, spec: telegramWebhook(bot, hook.secret) },
    done,
    send: (chatId: string, message: OutgoingMessage): Promise<TelegramSent> => sender.send(chatId, message),
    isGroup: (chatId) => sender.isGroup(chatId),
    // Telegram is reached in the background: the engine, Zalo and the console never wait for it.
    start: async () => link.start(),
    stop: () => link.stop(),
  };
}
