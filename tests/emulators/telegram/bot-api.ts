/** The Bot API methods the bot calls, answered the way Telegram answers them, errors included. */
import type { EventEmitter } from "node:events";
import { type ChatState, msgKey, nowSec, withoutReply } from "./chats.ts";
import { CHAT_ACTIONS, checkReplyMarkup, NOT_MODIFIED, plainText } from "./checks.ts";
import { badRequest } from "./errors.ts";
import { documentObject, type FileStore, photoSizes } from "./files.ts";
import type { RateLimiter } from "./rate-limits.ts";
import type { Args } from "./request.ts";
import type { BotCommand, SentMessage, TgMessage, TgUser } from "./types.ts";
import type { UpdateFeed } from "./updates.ts";

export type Handler = (args: Args, signal: AbortSignal) => unknown;

/** Key order must not matter when an edit or a command scope is compared with the one before. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export class BotApi {
  readonly handlers: Record<string, Handler>;

  constructor(
    private readonly botUser: TgUser,
    private readonly state: ChatState,
    private readonly files: FileStore,
    private readonly limits: RateLimiter,
    private readonly updates: UpdateFeed,
    private readonly events: EventEmitter,
  ) {
    this.handlers = {
      getme: () => ({
        ...this.botUser,
        can_join_groups: true,
        // Privacy mode is not simulated: every group message is delivered.
        can_read_all_group_messages: true,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      }),
      sendmessage: (a) => this.sendMessage(a),
      sendphoto: (a) => this.sendFile(a, "photo"),
      senddocument: (a) => this.sendFile(a, "document"),
      editmessagetext: (a) => this.editMessageText(a),
      editmessagereplymarkup: (a) => this.editMessageReplyMarkup(a),
      deletemessage: (a) => this.deleteMessage(a),
      answercallbackquery: (a) => this.answerCallbackQuery(a),
      sendchataction: (a) => this.sendChatAction(a),
      setmycommands: (a) => this.setMyCommands(a),
      getmycommands: (a) => this.state.commandSets.get(this.commandsKey(a)) ?? [],
      setwebhook: (a) => this.updates.setWebhook(a),
      deletewebhook: (a) => this.updates.deleteWebhook(a),
      getwebhookinfo: () => this.updates.webhookInfo(),
      getupdates: (a, signal) => this.updates.getUpdates(a, signal),
      getchat: (a) => this.getChat(a),
      leavechat: (a) => this.leaveChat(a),
      getfile: (a) => this.files.getFile(a),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Sending

  private sendMessage(a: Args): TgMessage {
    const chatId = this.state.chatIdOf(a);
    this.limits.takeFault(chatId);
    this.state.checkAccess(chatId);
    const text = a.str("text") ?? "";
    const parseMode = a.str("parse_mode");
    const plain = plainText(text, parseMode);
    if (plain.trim() === "") throw badRequest("message text is empty");
    if (plain.length > 4096) throw badRequest("message is too long");
    const replyMarkup = this.markupOf(a);
    const replyTo = this.replyTarget(a, chatId);
    this.limits.admit(chatId, this.state.chatOf(chatId).type);
    return this.storeBotMessage(
      {
        chatId,
        method: "sendMessage",
        text,
        plainText: plain,
        parseMode,
        replyMarkup,
        replyToMessageId: replyTo?.message_id,
      },
      { text: plain },
      replyTo,
    );
  }

  private sendFile(a: Args, kind: "photo" | "document"): TgMessage {
    const chatId = this.state.chatIdOf(a);
    this.limits.takeFault(chatId);
    this.state.checkAccess(chatId);
    const file = this.files.fileParam(a, kind);
    const caption = a.str("caption");
    const parseMode = a.str("parse_mode");
    const plain = caption === undefined ? undefined : plainText(caption, parseMode);
    if (plain !== undefined && plain.length > 1024) throw badRequest("message caption is too long");
    const replyMarkup = this.markupOf(a);
    const replyTo = this.replyTarget(a, chatId);
    this.limits.admit(chatId, this.state.chatOf(chatId).type);
    const content: Record<string, unknown> =
      kind === "photo" ? { photo: photoSizes(file) } : { document: documentObject(file) };
    if (plain !== undefined && plain.trim() !== "") content.caption = plain;
    return this.storeBotMessage(
      {
        chatId,
        method: kind === "photo" ? "sendPhoto" : "sendDocument",
        caption,
        plainText: plain,
        parseMode,
        replyMarkup,
        replyToMessageId: replyTo?.message_id,
        ...(kind === "photo" ? { photo: file } : { document: file }),
      },
      content,
      replyTo,
    );
  }

  private storeBotMessage(
    record: Omit<SentMessage, "messageId" | "at">,
    content: Record<string, unknown>,
    replyTo: TgMessage | undefined,
  ): TgMessage {
    const messageId = this.state.nextMessageId(record.chatId);
    const message: TgMessage = {
      message_id: messageId,
      from: this.botUser,
      chat: this.state.chatOf(record.chatId),
      date: nowSec(),
      ...content,
    };
    // Telegram echoes inline keyboards only; reply keyboards are not part of the message.
    if (this.isInline(record.replyMarkup)) message.reply_markup = record.replyMarkup;
    if (replyTo !== undefined) message.reply_to_message = withoutReply(replyTo);
    this.state.store.set(msgKey(record.chatId, messageId), message);
    const sent: SentMessage = { ...record, messageId, at: Date.now() };
    this.state.sent.push(sent);
    this.events.emit("sent", sent);
    return message;
  }

  private isInline(markup: unknown): boolean {
    return typeof markup === "object" && markup !== null && "inline_keyboard" in markup;
  }

  private markupOf(a: Args): unknown {
    const markup = a.json("reply_markup");
    checkReplyMarkup(markup);
    return markup;
  }

  private replyTarget(a: Args, chatId: number): TgMessage | undefined {
    const params = a.json("reply_parameters") as
      | { message_id?: number; chat_id?: number; allow_sending_without_reply?: boolean }
      | undefined;
    const messageId = params?.message_id ?? a.int("reply_to_message_id");
    if (messageId === undefined) return undefined;
    const target = this.state.store.get(msgKey(Number(params?.chat_id ?? chatId), messageId));
    if (target !== undefined) return target;
    if (params?.allow_sending_without_reply === true || a.bool("allow_sending_without_reply"))
      return undefined;
    throw badRequest("message to be replied not found");
  }

  // -------------------------------------------------------------------------------------------
  // Editing, callbacks, commands

  private botMessage(
    a: Args,
    verb: "edit" | "delete",
  ): { chatId: number; message: TgMessage; record?: SentMessage } {
    if (a.has("inline_message_id")) throw badRequest("inline messages are not supported by the emulator");
    const chatId = this.state.chatIdOf(a);
    this.state.checkAccess(chatId);
    const messageId = a.int("message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const message = this.state.store.get(msgKey(chatId, messageId));
    if (message === undefined) throw badRequest(`message to ${verb} not found`);
    const record = this.state.sent.find((m) => m.chatId === chatId && m.messageId === messageId);
    if (verb === "edit" && record === undefined) throw badRequest("message can't be edited");
    return { chatId, message, record };
  }

  private editMessageText(a: Args): TgMessage {
    const { message, record } = this.botMessage(a, "edit");
    if (record === undefined || message.text === undefined)
      throw badRequest("there is no text in the message to edit");
    const text = a.str("text") ?? "";
    const parseMode = a.str("parse_mode");
    const plain = plainText(text, parseMode);
    if (plain.trim() === "") throw badRequest("message text is empty");
    if (plain.length > 4096) throw badRequest("MESSAGE_TOO_LONG");
    // Leaving reply_markup out removes the keyboard, as on Telegram.
    const replyMarkup = this.markupOf(a);
    if (
      text === record.text &&
      parseMode === record.parseMode &&
      stableJson(replyMarkup) === stableJson(record.replyMarkup)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    Object.assign(record, { text, plainText: plain, parseMode, replyMarkup, editedAt: Date.now() });
    message.text = plain;
    message.reply_markup = this.isInline(replyMarkup) ? replyMarkup : undefined;
    message.edit_date = nowSec();
    return message;
  }

  private editMessageReplyMarkup(a: Args): TgMessage {
    const { message, record } = this.botMessage(a, "edit");
    const replyMarkup = this.markupOf(a);
    if (record === undefined) throw badRequest("message can't be edited");
    if (stableJson(replyMarkup) === stableJson(record.replyMarkup)) {
      throw badRequest(NOT_MODIFIED);
    }
    Object.assign(record, { replyMarkup, editedAt: Date.now() });
    message.reply_markup = this.isInline(replyMarkup) ? replyMarkup : undefined;
    message.edit_date = nowSec();
    return message;
  }

  private deleteMessage(a: Args): true {
    const { chatId, message, record } = this.botMessage(a, "delete");
    this.state.store.delete(msgKey(chatId, message.message_id));
    if (record !== undefined) record.deletedAt = Date.now();
    return true;
  }

  private answerCallbackQuery(a: Args): true {
    const id = a.str("callback_query_id") ?? "";
    const query = this.state.openQueries.get(id);
    if (query === undefined) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    this.state.openQueries.delete(id);
    const text = a.str("text");
    const url = a.str("url");
    const cacheTime = a.int("cache_time");
    this.state.answers.push({
      callbackQueryId: id,
      ...query,
      ...(text === undefined ? {} : { text }),
      showAlert: a.bool("show_alert"),
      ...(url === undefined ? {} : { url }),
      ...(cacheTime === undefined ? {} : { cacheTime }),
      at: Date.now(),
    });
    return true;
  }

  private sendChatAction(a: Args): true {
    const chatId = this.state.chatIdOf(a);
    this.state.checkAccess(chatId);
    if (!CHAT_ACTIONS.has(a.str("action") ?? "")) throw badRequest("wrong parameter action in request");
    return true;
  }

  private commandsKey(a: Args): string {
    const scope = (a.json("scope") as Record<string, unknown> | undefined) ?? { type: "default" };
    return `${stableJson(scope)}|${a.str("language_code") ?? ""}`;
  }

  private setMyCommands(a: Args): true {
    const commands = a.json("commands");
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    if (commands.length > 100) throw badRequest("BOT_COMMANDS_TOO_MUCH");
    for (const c of commands as Partial<BotCommand>[]) {
      if (typeof c?.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    const list = (commands as BotCommand[]).map(({ command, description }) => ({ command, description }));
    const scope = (a.json("scope") as Record<string, unknown> | undefined) ?? { type: "default" };
    this.state.commandSets.set(this.commandsKey(a), list);
    this.state.commandCalls.push({
      commands: list,
      scope,
      languageCode: a.str("language_code") ?? "",
      at: Date.now(),
    });
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Chats

  private getChat(a: Args): Record<string, unknown> {
    const chatId = this.state.chatIdOf(a);
    if (this.state.removed.has(chatId)) throw badRequest("chat not found");
    if (this.state.gone.has(chatId)) this.state.checkAccess(chatId);
    return { ...this.state.chatOf(chatId), accent_color_id: 0, max_reaction_count: 11 };
  }

  private leaveChat(a: Args): true {
    const chatId = this.state.chatIdOf(a);
    this.state.checkAccess(chatId);
    const chat = this.state.chatOf(chatId);
    if (chat.type === "private") throw badRequest("chat member status can't be changed in private chats");
    this.state.gone.set(chatId, "left");
    this.updates.emitUpdate({
      my_chat_member: {
        chat,
        from: this.botUser,
        date: nowSec(),
        old_chat_member: { user: this.botUser, status: "member" },
        new_chat_member: { user: this.botUser, status: "left" },
      },
    });
    return true;
  }
}
