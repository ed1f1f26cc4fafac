import type { Adapter, AdapterContext } from "../adapter.ts";
import { pollerLeaseName } from "../poll-turn.ts";
import { ZaloBot } from "./bot.ts";
import { ZaloClient } from "./client.ts";
import { zaloPlatform } from "./platform.ts";
import { ZaloSender, zaloPacing } from "./sender.ts";
import { zaloWebhook } from "./webhook.ts";

/**
 * Zalo on its own client: updates by long polling or webhook (ZaloBot), sends as plain text
 * with choices as numbered lines in the recipient's language.
 */
export function createZaloAdapter(ctx: AdapterContext): Adapter {
  const { config, deps } = ctx;
  const client = new ZaloClient({
    token: config.ZALO_BOT_TOKEN ?? "",
    apiRoot: config.ZALO_API_ROOT,
    timeoutMs: config.PLATFORM_TIMEOUT_MS,
  });
  const langOf = (chatId: string) => deps.store.people.chatLang(chatId);
  const pacing = { ...zaloPacing, globalPerSecond: config.ZALO_GLOBAL_PER_SECOND };
  const sender = new ZaloSender(client, deps.i18n, langOf, ctx.rememberMenu, pacing);
  const hook = config.ZALO_WEBHOOK_URL
    ? { url: config.ZALO_WEBHOOK_URL, secret: config.ZALO_WEBHOOK_SECRET ?? "" }
    : undefined;
  const bot = new ZaloBot({
    client,
    router: ctx.router,
    i18n: deps.i18n,
    log: ctx.log,
    langOf,
    pollTimeoutSeconds: config.ZALO_POLL_TIMEOUT,
    webhook: hook,
    // Webhook mode: every instance serves the webhook, and nobody polls.
    lease: hook ? undefined : ctx.lease?.(pollerLeaseName("zalo", config.ZALO_BOT_TOKEN ?? "")),
  });
  return {
    platform: zaloPlatform,
    capabilities: zaloPlatform.capabilities,
    prefix: zaloPlatform.prefix,
    textLimit: sender.textLimit,
    pacing,
    webhook: hook && { url: hook.url, spec: zaloWebhook((u) => bot.handle(u), hook.secret) },
    send: (chatId, message) => sender.send(chatId, message),
    isGroup: () => sender.isGroup(),
    start: () => bot.start(),
    stop: () => bot.stop(),
  };
}
