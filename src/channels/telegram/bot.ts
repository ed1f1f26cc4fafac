import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Context, InputFile, matchFilter } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { commands } from "../../conversation/commands/index.ts";
import type { ConversationRouter } from "../../conversation/router.ts";
import type { I18n } from "../../i18n/index.ts";
import type { Logger } from "../../logger.ts";
import type { Incoming, Reply } from "../../messages.ts";
import { splitText } from "../../text/split.ts";
import { telegramPlatform } from "./platform.ts";
import { keyboard, sendFile } from "./sender.ts";
import { callTimeouts } from "./timeouts.ts";

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  router: ConversationRouter;
  i18n: I18n;
  log: Logger;
  /** Marks a chat the bot was removed from; stops its digests and reminders. */
  onRemoved(chatId: string): Promise<void>;
  /** The bot was added (back) to a chat: it is reachable again. */
  onAdded(chatId: string): Promise<void>;
  /** A group became a supergroup: its people, subscription and messages move to the new id. */
  onMigrated?(from: string, to: string): Promise<void>;
  botInfo?: UserFromGetMe;
  /** Longest wait for one Bot API call (PLATFORM_TIMEOUT_MS). */
  callTimeoutMs?: number;
}

const chatIdOf = (ctx: Context) => `tg:${ctx.chat?.id}`;

/** What a Telegram update means in the core's terms; undefined for what we quietly skip. */
function incomingOf(ctx: Context): Incoming | undefined {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from || from.is_bot) return undefined;
  const base = {
    chatId: `tg:${chat.id}`,
    chatType: chat.type === "private" ? ("private" as const) : ("group" as const),
    userId: `tg:${from.id}`,
    userName: [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username,
    userLang: from.language_code,
    channel: "telegram",
  };
  if (ctx.callbackQuery?.data) return { ...base, choice: ctx.callbackQuery.data };
  const m = ctx.message;
  if (!m) return undefined;
  const replyTo = m.reply_to_message ? String(m.reply_to_message.message_id) : undefined;
  if (m.document) {
    const d = m.document;
    return {
      ...base,
      replyTo,
      text: m.caption,
      attachment: {
        kind: "document",
        fileId: d.file_id,
        name: d.file_name,
        mime: d.mime_type,
        size: d.file_size,
      },
    };
  }
  if (m.photo?.length) {
    const p = m.photo.at(-1);
    return {
      ...base,
      replyTo,
      text: m.caption,
      attachment: { kind: "photo", fileId: p?.file_id, size: p?.file_size },
    };
  }
  if (typeof m.text === "string") return { ...base, replyTo, text: m.text };
  return undefined; // stickers, voice, locations…: nothing to answer
}

/**
 * The Telegram channel's incoming side on grammY: updates become Incoming, the router
 * answers, replies go back with inline keyboards. Direct replies retry on 429 (auto-retry);
 * scheduled messages never come this way, they go through the outbox.
 */
export function createTelegramBot(opts: TelegramBotOptions): Bot {
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot }, botInfo: opts.botInfo });
  // Each attempt has its own deadline; network errors and timeouts are not retried here (the
  // plugin would retry them forever): a reply fails, polling retries in TelegramLink.
  bot.api.config.use(callTimeouts(opts.callTimeoutMs ?? 15_000));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));

  const send = async (chatId: number, replies: Reply[]) => {
    for (const r of replies) {
      if (r.attachment) {
        const file = new InputFile(r.attachment.data, r.attachment.name);
        const k = keyboard(r.choices);
        if ((await sendFile(bot.api, chatId, r.attachment.kind, file, r.text, k)).captioned) continue;
      }
      const parts = splitText(r.text, telegramPlatform.capabilities.textLimit);
      for (const [i, part] of parts.entries()) {
        const markup = i === parts.length - 1 ? keyboard(r.choices) : undefined;
        await bot.api.sendMessage(chatId, part, { reply_markup: markup });
      }
    }
  };

  // One middleware that tells the updates apart, rather than one `bot.on` each: every `bot.on`
  // is a branch grammY builds again for every update that passes it (a composer, its promises),
  // and each update passed all four to reach the last.
  const edited = matchFilter("edited_message");
  const member = matchFilter("my_chat_member");
  const migrated = matchFilter("message:migrate_to_chat_id");
  const spoken = matchFilter(["message", "callback_query:data"]);
  bot.use(async (ctx) => {
    if (edited(ctx)) return; // edits of old messages change nothing we stored
    if (member(ctx)) {
      const status = ctx.myChatMember.new_chat_member.status;
      if (status === "left" || status === "kicked") await opts.onRemoved(chatIdOf(ctx));
      if (status === "member" || status === "administrator") await opts.onAdded(chatIdOf(ctx));
      return;
    }
    if (migrated(ctx)) {
      await opts.onMigrated?.(chatIdOf(ctx), `tg:${ctx.message.migrate_to_chat_id}`);
      return;
    }
    if (!spoken(ctx)) return;
    const incoming = incomingOf(ctx);
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery().catch(() => {});
      // Buttons act once: the keyboard goes away, so a second tap cannot repeat the step.
      if (ctx.callbackQuery.message)
        await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
    }
    if (!incoming || !ctx.chat) return;
    const replies = await opts.router.handle(incoming);
    await send(ctx.chat.id, replies);
  });

  bot.catch((err) =>
    opts.log.error(
      {
        err: err.error instanceof Error ? err.error.message : String(err.error),
        update: err.ctx.update.update_id,
      },
      "telegram update failed",
    ),
  );
  return bot;
}

/** The command menu in Vietnamese (default) and English. */
export async function registerCommands(bot: Bot, i18n: I18n): Promise<void> {
  const visible = commands.filter((c) => i18n.has("vi", `cmd-${c.name}`));
  for (const lang of ["vi", "en"] as const) {
    const list = visible.map((c) => ({
      command: lang === "vi" ? (c.aliases[0] ?? c.name) : c.name,
      description: i18n.t(lang, `cmd-${c.name}`),
    }));
    await bot.api.setMyCommands(list, lang === "en" ? { language_code: "en" } : {});
  }
}
