/** The shapes tests and the benchmark see: what they pass in and what the emulator records. */

export type ChatType = "private" | "group" | "supergroup";

export interface TelegramEmulatorOptions {
  token?: string;
  botUsername?: string;
  globalLimitPerSecond?: number;
  perChatLimitPerSecond?: number;
  /** Applies to each group/supergroup chat separately, like Telegram's 20 messages/minute/group. */
  groupLimitPerMinute?: number;
  /**
   * Default true: over-limit sends get a 429. Set false to accept them and only count them in
   * `stats().violations`, which lets the benchmark measure how well the bot throttles itself.
   */
  enforceLimits?: boolean;
  /**
   * How long every answer but getUpdates takes to come back, after the call has taken effect
   * (a send is recorded on arrival): the round trip to a real platform, 100–200 ms from Vietnam.
   */
  replyDelayMs?: number;
}

export interface UserInput {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
}

export interface ChatInput {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
}

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: ChatType;
  title?: string;
  first_name?: string;
  username?: string;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  caption?: string;
  [field: string]: unknown;
}

export interface TgUpdate {
  update_id: number;
  [field: string]: unknown;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filename?: string;
  mimeType?: string;
  size: number;
  bytes: Buffer;
  /** Set when the bot passed a URL instead of uploading; the emulator never downloads it. */
  url?: string;
  filePath: string;
  width?: number;
  height?: number;
}

export type SendMethod = "sendMessage" | "sendPhoto" | "sendDocument";

export interface SentMessage {
  chatId: number;
  messageId: number;
  method: SendMethod;
  /** As the bot sent it, markup included; see `plainText` for what the user would see. */
  text?: string;
  caption?: string;
  plainText?: string;
  parseMode?: string;
  replyMarkup?: unknown;
  replyToMessageId?: number;
  document?: StoredFile;
  photo?: StoredFile;
  at: number;
  editedAt?: number;
  deletedAt?: number;
}

export interface CallbackAnswer {
  callbackQueryId: string;
  chatId: number;
  messageId: number;
  data: string;
  text?: string;
  showAlert: boolean;
  url?: string;
  cacheTime?: number;
  at: number;
}

export interface BotCommand {
  command: string;
  description: string;
}

export interface CommandsCall {
  commands: BotCommand[];
  scope: Record<string, unknown>;
  languageCode: string;
  at: number;
}

export interface WebhookDelivery {
  updateId: number;
  url: string;
  /** HTTP status the webhook answered, 0 when it could not be reached. */
  status: number;
  error?: string;
  at: number;
}

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  status: number;
  /** When the answer went out (or the call was given up). */
  at: number;
  /** When the request came in (long polls: `at` minus the wait). */
  startedAt?: number;
  /** The first path segment before `/bot<token>`, when the apiRoot carried one. */
  caller?: string;
}

export interface ChatStats {
  sends: number;
  rejected429: number;
  violations: number;
}

export interface EmulatorStats extends ChatStats {
  byChat: Record<string, ChatStats>;
}
