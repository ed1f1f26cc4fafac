/**
 * A local stand-in for the Telegram Bot API. It speaks the same wire protocol as api.telegram.org
 * (`POST {apiRoot}/bot{token}/{method}`, JSON / urlencoded / multipart / query string), so grammY
 * only needs `apiRoot` pointed here. End-to-end tests drive it as the users; the delivery benchmark
 * reads its send timestamps and rate-limit statistics.
 */
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { BotApi } from "./bot-api.ts";
import { ChatState, msgKey, nowSec, withoutReply } from "./chats.ts";
import { callbackDataOf } from "./checks.ts";
import { documentObject, FileStore, mimeFor, photoSizes } from "./files.ts";
import { RateLimiter } from "./rate-limits.ts";
import { ApiServer } from "./server.ts";
import type {
  ApiCall,
  CallbackAnswer,
  ChatInput,
  CommandsCall,
  EmulatorStats,
  SentMessage,
  TelegramEmulatorOptions,
  TgMessage,
  TgUpdate,
  TgUser,
  UserInput,
  WebhookDelivery,
} from "./types.ts";
import { UpdateFeed } from "./updates.ts";

export class TelegramEmulator {
  readonly token: string;
  readonly botUser: TgUser;
  private root = "";
  private closed = false;
  private readonly events = new EventEmitter();
  private readonly state = new ChatState();
  private readonly files = new FileStore();
  private readonly limits: RateLimiter;
  private readonly updates: UpdateFeed;
  private readonly server: ApiServer;
  private querySeq = 0;

  private constructor(opts: TelegramEmulatorOptions) {
    this.token = opts.token ?? "1234567890:AAE-emulator-test-token";
    const idPart = this.token.split(":")[0] ?? "";
    this.botUser = {
      id: /^\d+$/.test(idPart) ? Number(idPart) : 1234567890,
      is_bot: true,
      first_name: "Nhắc việc (test)",
      username: opts.botUsername ?? "nhacviec_test_bot",
    };
    this.events.setMaxListeners(100);
    this.limits = new RateLimiter(opts);
    this.updates = new UpdateFeed(this.events);
    const api = new BotApi(this.botUser, this.state, this.files, this.limits, this.updates, this.events);
    this.server = new ApiServer(this.token, api.handlers, this.files, opts.replyDelayMs ?? 0);
  }

  static async start(opts: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
    const emulator = new TelegramEmulator(opts);
    emulator.root = await emulator.server.listen();
    return emulator;
  }

  get apiRoot(): string {
    return this.root;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.updates.close();
    await this.server.close();
  }

  // -------------------------------------------------------------------------------------------
  // Acting as users

  private toUser(from: UserInput): TgUser {
    return {
      id: from.id,
      is_bot: false,
      first_name: from.first_name ?? `User ${from.id}`,
      ...(from.username === undefined ? {} : { username: from.username }),
      ...(from.language_code === undefined ? {} : { language_code: from.language_code }),
    };
  }

  private userMessage(from: UserInput, chat: ChatInput, content: Record<string, unknown>): TgMessage {
    const user = this.toUser(from);
    const message: TgMessage = {
      message_id: this.state.nextMessageId(chat.id),
      from: user,
      chat: this.state.registerChat(chat, user),
      date: nowSec(),
      ...content,
    };
    this.state.store.set(msgKey(chat.id, message.message_id), message);
    return message;
  }

  sendText(
    from: UserInput,
    chat: ChatInput,
    text: string,
    opts: { replyToMessageId?: number } = {},
  ): TgUpdate {
    const content: Record<string, unknown> = { text };
    const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
    if (command) content.entities = [{ type: "bot_command", offset: 0, length: command[0].length }];
    if (opts.replyToMessageId !== undefined) {
      const target = this.state.store.get(msgKey(chat.id, opts.replyToMessageId));
      if (target === undefined)
        throw new Error(`sendText: message ${opts.replyToMessageId} not in chat ${chat.id}`);
      content.reply_to_message = withoutReply(target);
    }
    return this.updates.emitUpdate({ message: this.userMessage(from, chat, content) });
  }

  sendDocumentFromUser(
    from: UserInput,
    chat: ChatInput,
    file: { filename: string; bytes: Uint8Array | string; mimeType?: string },
    opts: { caption?: string } = {},
  ): TgUpdate {
    const stored = this.files.registerFile("document", {
      filename: file.filename,
      mimeType: file.mimeType ?? mimeFor(file.filename),
      bytes: Buffer.from(file.bytes),
    });
    const content: Record<string, unknown> = { document: documentObject(stored) };
    if (opts.caption !== undefined) content.caption = opts.caption;
    return this.updates.emitUpdate({ message: this.userMessage(from, chat, content) });
  }

  sendPhotoFromUser(
    from: UserInput,
    chat: ChatInput,
    opts: { bytes?: Uint8Array | string; width?: number; height?: number; caption?: string } = {},
  ): TgUpdate {
    const stored = this.files.registerFile("photo", { bytes: Buffer.from(opts.bytes ?? "photo") });
    stored.width = opts.width ?? 1280;
    stored.height = opts.height ?? 720;
    const content: Record<string, unknown> = { photo: photoSizes(stored) };
    if (opts.caption !== undefined) content.caption = opts.caption;
    return this.updates.emitUpdate({ message: this.userMessage(from, chat, content) });
  }

  /** Throws when the message has no such button: a real user could not press it. */
  pressButton(from: UserInput, chat: ChatInput, messageId: number, data: string): TgUpdate {
    const message = this.state.store.get(msgKey(chat.id, messageId));
    if (message === undefined) throw new Error(`pressButton: message ${messageId} not in chat ${chat.id}`);
    const buttons = callbackDataOf(message.reply_markup);
    if (!buttons.includes(data)) {
      throw new Error(
        `pressButton: message ${messageId} has no button ${JSON.stringify(data)}; it has ${JSON.stringify(buttons)}`,
      );
    }
    const user = this.toUser(from);
    const id = `${this.botUser.id}${String(++this.querySeq).padStart(6, "0")}`;
    this.state.openQueries.set(id, { chatId: chat.id, messageId, data });
    const chatInstance = createHash("sha256").update(String(chat.id)).digest().readBigInt64BE().toString();
    return this.updates.emitUpdate({
      callback_query: { id, from: user, message, chat_instance: chatInstance, data },
    });
  }

  editText(from: UserInput, chat: ChatInput, messageId: number, text: string): TgUpdate {
    const message = this.state.store.get(msgKey(chat.id, messageId));
    if (message === undefined || message.from?.id !== from.id || message.text === undefined) {
      throw new Error(`editText: chat ${chat.id} has no text message ${messageId} from user ${from.id}`);
    }
    message.text = text;
    message.edit_date = nowSec();
    return this.updates.emitUpdate({ edited_message: message });
  }

  addedToGroup(chat: ChatInput, by: UserInput): TgUpdate {
    return this.memberChange(chat, by, "left", "member");
  }

  removedFromGroup(chat: ChatInput, by: UserInput): TgUpdate {
    return this.memberChange(chat, by, "member", "kicked");
  }

  private memberChange(chat: ChatInput, by: UserInput, before: string, after: "member" | "kicked"): TgUpdate {
    if (chat.type === "private")
      throw new Error("addedToGroup/removedFromGroup need a group or supergroup chat");
    const tgChat = this.state.registerChat(chat);
    if (after === "kicked") this.state.gone.set(chat.id, "kicked");
    else this.state.gone.delete(chat.id);
    const member = (status: string) => ({
      user: this.botUser,
      status,
      ...(status === "kicked" ? { until_date: 0 } : {}),
    });
    return this.updates.emitUpdate({
      my_chat_member: {
        chat: tgChat,
        from: this.toUser(by),
        date: nowSec(),
        old_chat_member: member(before),
        new_chat_member: member(after),
      },
    });
  }

  /** Delivers the object exactly as given, for bad-input tests. */
  injectUpdate(update: object): object {
    return this.updates.injectUpdate(update);
  }

  // -------------------------------------------------------------------------------------------
  // Fault injection

  blockChat(chatId: number): void {
    this.state.blocked.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.state.blocked.delete(chatId);
  }

  removeChat(chatId: number): void {
    this.state.removed.add(chatId);
  }

  /** Calls of the Bot API method wait until `release`: a platform that is slow to answer. */
  hold(method: string): void {
    this.server.hold(method.toLowerCase());
  }

  release(method: string): void {
    this.server.release(method.toLowerCase());
  }

  /** Calls of the method waiting on a hold. */
  held(method: string): number {
    return this.server.held(method.toLowerCase());
  }

  /**
   * The group becomes a supergroup with a new id (-100…): sends to the old id answer 400 with
   * `migrate_to_chat_id`, as Telegram does. Returns the new chat.
   */
  upgradeToSupergroup(chat: ChatInput): ChatInput {
    const newId = -(1_000_000_000_000 + Math.abs(chat.id));
    this.state.migrated.set(chat.id, newId);
    const upgraded: ChatInput = { ...chat, id: newId, type: "supergroup" };
    this.state.registerChat(upgraded);
    return upgraded;
  }

  /**
   * The Bot API stops answering: every request is held open with no reply, as behind a dead
   * link or a firewall that drops packets. `resume()` ends the outage for new requests; the
   * held ones never get an answer, so the bot recovers only if it times out its own calls.
   */
  hang(): void {
    this.server.outage.hanging = true;
  }

  resume(): void {
    this.server.outage.hanging = false;
  }

  /**
   * The next `n` getUpdates calls answer 409 "terminated by other getUpdates request", as when
   * another poller's request (a stalled instance's last one) arrives after ours.
   */
  conflictPolls(n: number): void {
    this.updates.conflicts += n;
  }

  failNext(n: number, status = 500): void {
    this.limits.failNext(n, status);
  }

  rateLimitNext(n: number, retryAfter: number): void {
    this.limits.rateLimitNext(n, retryAfter);
  }

  // -------------------------------------------------------------------------------------------
  // Reading what the bot did

  messages(chatId?: number): SentMessage[] {
    return chatId === undefined ? [...this.state.sent] : this.state.sent.filter((m) => m.chatId === chatId);
  }

  waitForMessages(chatId: number, count: number, timeoutMs = 5000): Promise<SentMessage[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const got = this.messages(chatId);
        if (got.length < count) return;
        cleanup();
        resolve(got);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(this.describeWait(chatId, count, timeoutMs)));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("sent", check);
      };
      this.events.on("sent", check);
      check();
    });
  }

  private describeWait(chatId: number, count: number, timeoutMs: number): string {
    const got = this.messages(chatId);
    const lines = got.map(
      (m) => `  #${m.messageId} ${m.method} ${JSON.stringify(m.text ?? m.caption ?? "")}`,
    );
    const others = [...new Set(this.state.sent.map((m) => m.chatId))].filter((id) => id !== chatId);
    const otherText = others.map((id) => `${id} (${this.messages(id).length})`).join(", ");
    const failed = this.server.callLog.filter((c) => c.status !== 200).map((c) => `${c.method}→${c.status}`);
    return [
      `waitForMessages: chat ${chatId} expected at least ${count} bot message(s) within ${timeoutMs} ms, got ${got.length}`,
      ...lines,
      others.length > 0 ? `messages to other chats: ${otherText}` : "no messages to other chats",
      failed.length > 0 ? `failed API calls: ${failed.join(", ")}` : "no failed API calls",
    ].join("\n");
  }

  get callbackAnswers(): CallbackAnswer[] {
    return [...this.state.answers];
  }

  get commands(): CommandsCall[] {
    return [...this.state.commandCalls];
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return this.updates.webhookDeliveries;
  }

  /** Every API request with its fields and answered HTTP status, getUpdates included. */
  calls(method?: string): ApiCall[] {
    const wanted = method?.toLowerCase();
    return this.server.callLog.filter((c) => wanted === undefined || c.method.toLowerCase() === wanted);
  }

  /** Resolves once every webhook delivery queued so far has been answered or has failed. */
  flushWebhook(): Promise<void> {
    return this.updates.flushWebhook();
  }

  stats(): EmulatorStats {
    return this.limits.stats();
  }

  sendTimes(chatId?: number): number[] {
    return this.limits.sendTimes(chatId);
  }

  /** Forgets everything but the token, limits and update_id counter; a pending long poll stays open. */
  reset(): void {
    this.state.reset();
    this.limits.reset();
    this.files.clear();
    this.updates.reset();
    this.server.callLog = [];
  }
}
