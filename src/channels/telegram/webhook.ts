import { type Bot, BotError, Context as GrammyContext } from "grammy";
import type { Update as TgUpdate } from "grammy/types";
import type { WebhookSpec } from "../adapter.ts";

/** Telegram's webhook POSTs, read with grammY's own idea of an update's chat. */
export function telegramWebhook(bot: Bot, secret: string): WebhookSpec {
  return {
    channel: "telegram",
    header: "x-telegram-bot-api-secret-token",
    secret,
    unknownStatus: 400,
    parse(body) {
      const update = body as TgUpdate;
      if (typeof body !== "object" || body === null || !Number.isSafeInteger(update.update_id))
        return undefined;
      // grammY's own reading of which chat an update belongs to (messages, buttons, member changes).
      const ctx = new GrammyContext(update, bot.api, bot.botInfo);
      const chat = ctx.chatId ?? ctx.from?.id;
      return {
        id: String(update.update_id),
        chat: `tg:${chat ?? "none"}`,
        // Errors go to the bot's own handler (bot.catch), as they do when polling.
        run: () =>
          bot
            .handleUpdate(update)
            .catch((e) => (e instanceof BotError ? bot.errorHandler(e) : Promise.reject(e))),
      };
    },
  };
}
