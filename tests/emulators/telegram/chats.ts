/**
 * Chats and messages, shared by the bot's API methods and the simulated users, so that what one side
 * sends the other can reply to, edit or press.
 */
import { ApiError, badRequest } from "./errors.ts";
import type { Args } from "./request.ts";
import type {
  BotCommand,
  CallbackAnswer,
  ChatInput,
  CommandsCall,
  SentMessage,
  TgChat,
  TgMessage,
  TgUser,
} from "./types.ts";

export const nowSec = () => Math.floor(Date.now() / 1000);
export const msgKey = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/** Telegram leaves out reply_to_message of the message being replied to. */
export function withoutReply(message: TgMessage): TgMessage {
  const copy = { ...message };
  copy.reply_to_message = undefined;
  return JSON.parse(JSON.stringify(copy)) as TgMessage;
}

export class ChatState {
  sent: SentMessage[] = [];
  readonly store = new Map<string, TgMessage>();
  private readonly nextMessageIds = new Map<number, number>();
  readonly chats = new Map<number, TgChat>();
  readonly blocked = new Set<number>();
  readonly removed = new Set<number>();
  readonly gone = new Map<number, "left" | "kicked">();
  /** Basic groups upgraded to a supergroup: old id → new id, as Telegram reports in a 400. */
  readonly migrated = new Map<number, number>();
  answers: CallbackAnswer[] = [];
  readonly openQueries = new Map<string, { chatId: number; messageId: number; data: string }>();
  commandCalls: CommandsCall[] = [];
  readonly commandSets = new Map<string, BotCommand[]>();

  chatIdOf(a: Args): number {
    const raw = a.str("chat_id");
    if (raw === undefined || raw === "") throw badRequest("chat_id is empty");
    if (raw.startsWith("@")) {
      const chat = [...this.chats.values()].find((c) => c.username === raw.slice(1));
      if (chat === undefined) throw badRequest("chat not found");
      return chat.id;
    }
    if (!/^\s*-?\d+\s*$/.test(raw)) throw badRequest("chat not found");
    return Number(raw);
  }

  chatOf(chatId: number): TgChat {
    const known = this.chats.get(chatId);
    if (known !== undefined) return known;
    if (chatId > 0) return { id: chatId, type: "private", first_name: `User ${chatId}` };
    // Supergroup ids look like -100xxxxxxxxxx; basic groups are small negatives.
    return {
      id: chatId,
      type: chatId <= -1_000_000_000_000 ? "supergroup" : "group",
      title: `Group ${chatId}`,
    };
  }

  checkAccess(chatId: number): void {
    if (this.removed.has(chatId)) throw badRequest("chat not found");
    const movedTo = this.migrated.get(chatId);
    if (movedTo !== undefined)
      throw new ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: movedTo,
      });
    if (this.blocked.has(chatId)) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    const gone = this.gone.get(chatId);
    if (gone === undefined) return;
    const kind = this.chatOf(chatId).type === "supergroup" ? "supergroup" : "group";
    throw new ApiError(
      403,
      gone === "kicked"
        ? `Forbidden: bot was kicked from the ${kind} chat`
        : `Forbidden: bot is not a member of the ${kind} chat`,
    );
  }

  nextMessageId(chatId: number): number {
    const id = this.nextMessageIds.get(chatId) ?? 1;
    this.nextMessageIds.set(chatId, id + 1);
    return id;
  }

  registerChat(chat: ChatInput, user?: TgUser): TgChat {
    const username = chat.username ?? (chat.type === "private" ? user?.username : undefined);
    const tg: TgChat =
      chat.type === "private"
        ? { id: chat.id, type: "private", first_name: user?.first_name ?? `User ${chat.id}` }
        : {
            id: chat.id,
            type: chat.type,
            title: chat.title ?? this.chats.get(chat.id)?.title ?? `Group ${chat.id}`,
          };
    if (username !== undefined) tg.username = username;
    this.chats.set(chat.id, tg);
    return tg;
  }

  reset(): void {
    this.sent = [];
    this.store.clear();
    this.nextMessageIds.clear();
    this.chats.clear();
    this.blocked.clear();
    this.removed.clear();
    this.gone.clear();
    this.migrated.clear();
    this.answers = [];
    this.openQueries.clear();
    this.commandCalls = [];
    this.commandSets.clear();
  }
}
