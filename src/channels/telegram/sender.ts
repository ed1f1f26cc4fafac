import { readFile } from "node:fs/promises";
import { type Api, GrammyError, HttpError, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { OutgoingMessage } from "../../messages.ts";
import { type Channel, ChannelError, type Pacing } from "../channel.ts";
import { CAPTION_LIMIT, telegramPlatform } from "./platform.ts";

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

/**
 * A photo or document with the text as its caption when it fits one; `captioned` false means
 * the caller still sends the text (split as it must be).
 */
export async function sendFile(
  api: Api,
  chatId: string | number,
  kind: "photo" | "document",
  file: InputFile,
  text: string,
  reply_markup: InlineKeyboardMarkup | undefined,
): Promise<{ sent: { message_id: number }; captioned: boolean }> {
  const caption = text.length <= CAPTION_LIMIT ? text : undefined;
  const options = { caption, reply_markup };
  const sent =
    kind === "photo"
      ? await api.sendPhoto(chatId, file, options)
      : await api.sendDocument(chatId, file, options);
  return { sent, captioned: caption !== undefined };
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

/** The supergroup a basic group became, when Telegram says so in a 400 (else undefined). */
export function migratedTo(e: unknown): number | undefined {
  if (!(e instanceof GrammyError) || e.error_code !== 400) return undefined;
  const id = e.parameters.migrate_to_chat_id;
  return typeof id === "number" ? id : undefined;
}

/** A send that went out, and the chat's new id when the group had become a supergroup. */
export interface TelegramSent {
  messageId: string;
  movedTo?: string;
}

/** Sending to Telegram through grammY's Api, behind the channel interface. */
export class TelegramSender implements Channel {
  readonly prefix = "tg";
  readonly textLimit = telegramPlatform.capabilities.textLimit;

  constructor(
    private readonly api: Api,
    readonly pacing: Pacing = telegramPacing,
    /** Moves the chat's people, subscription and waiting messages to the supergroup's id. */
    private readonly onMigrated: (from: string, to: string) => Promise<void> = async () => {},
  ) {}

  isGroup(chatId: string): boolean {
    return telegramPlatform.isGroupId(chatId);
  }

  async send(chatId: string, message: OutgoingMessage): Promise<TelegramSent> {
    try {
      return await this.sendTo(chatId, message);
    } catch (e) {
      const to = migratedTo(e);
      if (to === undefined) throw toChannelError(e);
      await this.onMigrated(`tg:${chatId}`, `tg:${to}`);
      try {
        return { ...(await this.sendTo(String(to), message)), movedTo: String(to) };
      } catch (again) {
        throw toChannelError(again);
      }
    }
  }

  private async sendTo(chatId: string, message: OutgoingMessage): Promise<TelegramSent> {
    const reply_markup = keyboard(message.choices);
    const a = message.attachment;
    if (a) {
      const file = new InputFile(await readFile(a.path), a.name);
      const { sent, captioned } = await sendFile(this.api, chatId, a.kind, file, message.text, reply_markup);
      if (!captioned) await this.api.sendMessage(chatId, message.text, { reply_markup });
      return { messageId: String(sent.message_id) };
    }
    const sent = await this.api.sendMessage(chatId, message.text, { reply_markup });
    return { messageId: String(sent.message_id) };
  }
}
