import { readFile } from "node:fs/promises";
import { type Api, GrammyError, HttpError, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { type Channel, ChannelError, type OutgoingMessage, type Pacing } from "../channel.ts";

/** Telegram's published limits: ~30 messages/s overall, 1/s per chat, 20/min per group. */
export const telegramPacing: Pacing = { globalPerSecond: 30, privateGapMs: 1000, groupGapMs: 3000 };

const GONE =
  /chat not found|bot was blocked|bot was kicked|user is deactivated|not a member|group chat was deactivated|PEER_ID_INVALID/i;

export function keyboard(choices: OutgoingMessage["choices"]): InlineKeyboardMarkup | undefined {
  if (!choices?.length) return undefined;
  return {
    inline_keyboard: choices.map((row) => row.map((c) => ({ text: c.label, callback_data: c.data }))),
  };
}

/** Maps Bot API failures onto what delivery does about them. */
export function toChannelError(e: unknown): ChannelError {
  if (e instanceof GrammyError) {
    if (e.error_code === 429) {
      return new ChannelError("rate_limited", e.description, (e.parameters.retry_after ?? 1) * 1000);
    }
    if (e.error_code === 403 || (e.error_code === 400 && GONE.test(e.description))) {
      return new ChannelError("unreachable", e.description);
    }
    if (e.error_code >= 500) return new ChannelError("transient", e.description);
    return new ChannelError("permanent", `${e.error_code} ${e.description}`);
  }
  if (e instanceof HttpError) return new ChannelError("transient", "network error reaching the Bot API");
  return new ChannelError("transient", e instanceof Error ? e.message : String(e));
}

/** Sending to Telegram through grammY's Api, behind the channel interface. */
export class TelegramSender implements Channel {
  readonly prefix = "tg";
  readonly textLimit = 4096;

  constructor(
    private readonly api: Api,
    readonly pacing: Pacing = telegramPacing,
  ) {}

  isGroup(chatId: string): boolean {
    return chatId.startsWith("-");
  }

  async send(chatId: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const reply_markup = keyboard(message.choices);
    try {
      const a = message.attachment;
      if (a) {
        const file = new InputFile(await readFile(a.path), a.name);
        const caption = message.text.length <= 1024 ? message.text : undefined;
        const sent =
          a.kind === "photo"
            ? await this.api.sendPhoto(chatId, file, { caption, reply_markup })
            : await this.api.sendDocument(chatId, file, { caption, reply_markup });
        if (caption === undefined) await this.api.sendMessage(chatId, message.text, { reply_markup });
        return { messageId: String(sent.message_id) };
      }
      const sent = await this.api.sendMessage(chatId, message.text, { reply_markup });
      return { messageId: String(sent.message_id) };
    } catch (e) {
      throw toChannelError(e);
    }
  }
}
