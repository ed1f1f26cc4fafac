/**
 * A local stand-in for the Telegram Bot API. It speaks the same wire protocol as api.telegram.org
 * (`POST {apiRoot}/bot{token}/{method}`, JSON / urlencoded / multipart / query string), so grammY
 * only needs `apiRoot` pointed here. End-to-end tests drive it as the users; the delivery benchmark
 * reads its send timestamps and rate-limit statistics.
 *
 * One file on purpose (the brief allows only this path); sections: types, request parsing,
 * text/markup checks Telegram would make, then the emulator class.
 */
import { createHash, randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";

// ---------------------------------------------------------------------------------------------
// Public types

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
  at: number;
}

export interface ChatStats {
  sends: number;
  rejected429: number;
  violations: number;
}

export interface EmulatorStats extends ChatStats {
  byChat: Record<string, ChatStats>;
}

// ---------------------------------------------------------------------------------------------
// Errors and request parsing

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);
const tooMany = (retryAfter: number) =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Request Entity Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

// Telegram's own upload cap is 50 MB for documents; a little slack for the multipart framing.
const MAX_BODY_BYTES = 55 * 1024 * 1024;

interface UploadedFile {
  filename: string;
  contentType?: string;
  bytes: Buffer;
}

/** Parameters as they arrive: JSON keeps types, every other encoding delivers strings. */
class Args {
  constructor(
    readonly raw: Record<string, unknown>,
    readonly files: Map<string, UploadedFile>,
  ) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw badRequest(`field "${key}" must be of type String`);
  }

  int(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) return Number(v);
    throw badRequest(`field "${key}" must be of type Integer`);
  }

  bool(key: string): boolean {
    const v = this.raw[key];
    return v === true || v === "true" || v === "1" || v === 1;
  }

  /** Fields such as reply_markup come as JSON strings outside of a JSON body. */
  json(key: string): unknown {
    const v = this.raw[key];
    if (v === undefined || v === null || typeof v !== "string") return v ?? undefined;
    try {
      return JSON.parse(v);
    } catch {
      throw badRequest(`can't parse ${key} JSON object`);
    }
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readArgs(req: IncomingMessage, url: URL): Promise<Args> {
  const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files = new Map<string, UploadedFile>();
  const body = await readBody(req);
  if (body.length === 0) return new Args(raw, files);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.includes("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers["content-type"] ?? "");
    const value = boundary?.[1] ?? boundary?.[2];
    if (value === undefined) throw badRequest("multipart boundary is missing");
    parseMultipart(body, value, raw, files);
  } else if (type.includes("application/x-www-form-urlencoded")) {
    Object.assign(raw, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (type.includes("json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("request body must be a JSON object");
    }
    Object.assign(raw, parsed);
  }
  return new Args(raw, files);
}

/**
 * Hand-rolled because grammY's encoder is not what browsers send: lower-case headers without a
 * space (`content-disposition:form-data;name="x"`), an unquoted filename that may hold spaces or
 * semicolons, no per-part Content-Type, and no CRLF after the closing delimiter.
 */
function parseMultipart(
  body: Buffer,
  boundary: string,
  fields: Record<string, unknown>,
  files: Map<string, UploadedFile>,
): void {
  const open = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const first = body.indexOf(open);
  if (first < 0) throw badRequest("can't parse multipart/form-data body");
  let pos = first + open.length;
  while (body.toString("latin1", pos, pos + 2) !== "--") {
    if (body.toString("latin1", pos, pos + 2) === "\r\n") pos += 2;
    const next = body.indexOf(separator, pos);
    if (next < 0) throw badRequest("multipart/form-data body is truncated");
    const part = body.subarray(pos, next);
    pos = next + separator.length;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const headers = part.subarray(0, headerEnd).toString("utf8").split("\r\n");
    const content = part.subarray(headerEnd + 4);
    const disposition = headerValue(headers, "content-disposition");
    const name = /;\s*name=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(disposition ?? "");
    const fieldName = name?.[1] ?? name?.[2]?.trim();
    if (disposition === undefined || fieldName === undefined) continue;
    const filename = dispositionFilename(disposition);
    if (filename === undefined) {
      fields[fieldName] = content.toString("utf8");
    } else {
      files.set(fieldName, { filename, contentType: headerValue(headers, "content-type"), bytes: content });
    }
  }
}

function headerValue(lines: string[], name: string): string | undefined {
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}

function dispositionFilename(disposition: string): string | undefined {
  const extended = /;\s*filename\*=(?:utf-8'[^']*')?([^;]+)/i.exec(disposition);
  if (extended?.[1] !== undefined) return decodeURIComponent(extended[1].trim());
  const quoted = /;\s*filename="((?:[^"\\]|\\.)*)"/i.exec(disposition);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, "$1");
  // grammY puts an unquoted filename last, so everything up to the end of the line belongs to it.
  const bare = /;\s*filename=(.*)$/i.exec(disposition);
  return bare?.[1];
}

const MIME_BY_EXT: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  xml: "application/xml",
  html: "text/html",
  zip: "application/zip",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odt: "application/vnd.oasis.opendocument.text",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** Telegram derives the MIME type from the name; grammY does not send a part Content-Type anyway. */
function mimeFor(filename: string, declared?: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : MIME_BY_EXT[ext];
  if (byExt !== undefined) return byExt;
  if (declared !== undefined && declared !== "" && declared !== "application/octet-stream") return declared;
  return "application/octet-stream";
}

// ---------------------------------------------------------------------------------------------
// Checks Telegram makes on text and keyboards, so formatting bugs fail here instead of in production

const HTML_TAGS = new Set(
  "b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji".split(" "),
);

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as " +
  "a current content and reply markup of the message";

const entityError = (what: string) => badRequest(`can't parse entities: ${what}`);

function decodeEntity(name: string): string {
  if (name.startsWith("#")) {
    const hex = name[1] === "x" || name[1] === "X";
    const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    if (code > 0x10ffff) throw entityError(`Invalid Unicode code point &${name};`);
    return String.fromCodePoint(code);
  }
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  return named[name.toLowerCase()] ?? `&${name};`;
}

function htmlToPlain(text: string): string {
  const open: string[] = [];
  let plain = "";
  let last = 0;
  for (const m of text.matchAll(/<(\/?)([^\s>/]*)[^>]*>|<|&([a-zA-Z]+|#\d+|#[xX][\da-fA-F]+);/g)) {
    plain += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[3] !== undefined) {
      plain += decodeEntity(m[3]);
      continue;
    }
    const at = Buffer.byteLength(text.slice(0, m.index));
    const name = (m[2] ?? "").toLowerCase();
    const closing = m[1] === "/";
    if (m[0] === "<" || !HTML_TAGS.has(name)) {
      throw entityError(`Unsupported ${closing ? "end" : "start"} tag "${name}" at byte offset ${at}`);
    }
    if (!closing) open.push(name);
    else if (open.at(-1) === name) open.pop();
    else throw entityError(`Unmatched end tag at byte offset ${at}, expected "</${open.at(-1) ?? ""}>"`);
  }
  if (open.length > 0) throw entityError(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return plain + text.slice(last);
}

function markdownV2ToPlain(text: string): string {
  let plain = "";
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "\\") {
      plain += text.charAt(++i);
    } else if (c === "`") {
      inCode = !inCode;
    } else if (inCode) {
      plain += c;
    } else if (c === "]" && text.charAt(i + 1) === "(") {
      // A link URL only needs ")" escaped, so its dots are fine; skip to its end.
      const close = text.indexOf(")", i);
      i = close < 0 ? text.length : close;
    } else if ("*_~|[".includes(c)) {
      // formatting markers, invisible in the delivered text
    } else if (
      "#+-={}.()".includes(c) ||
      (c === "!" && text.charAt(i + 1) !== "[") ||
      (c === ">" && i > 0 && text.charAt(i - 1) !== "\n")
    ) {
      throw entityError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    } else if (c !== ">" && c !== "!") {
      plain += c;
    }
  }
  return plain;
}

/** What the user would see; Telegram measures the 4096/1024 limits on this, not on the markup. */
function plainText(text: string, parseMode: string | undefined): string {
  const mode = parseMode?.toLowerCase() ?? "";
  if (mode === "") return text;
  if (mode === "html") return htmlToPlain(text);
  if (mode === "markdownv2") return markdownV2ToPlain(text);
  if (mode === "markdown") return text;
  throw badRequest("unsupported parse_mode");
}

const BUTTON_ACTIONS = [
  ..."callback_data url web_app login_url copy_text callback_game pay".split(" "),
  ..."switch_inline_query switch_inline_query_current_chat switch_inline_query_chosen_chat".split(" "),
];

function checkReplyMarkup(markup: unknown): void {
  if (markup === undefined) return;
  if (typeof markup !== "object" || markup === null)
    throw badRequest("can't parse reply keyboard markup JSON object");
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  for (const button of rows.flat() as Record<string, unknown>[]) {
    if (typeof button?.text !== "string") {
      throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
    }
    if (!BUTTON_ACTIONS.some((k) => button[k] !== undefined)) {
      throw badRequest(
        "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
      );
    }
    const data = button.callback_data;
    if (data !== undefined && (typeof data !== "string" || data === "" || Buffer.byteLength(data) > 64)) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
  }
}

function callbackDataOf(markup: unknown): string[] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return (rows.flat() as Record<string, unknown>[])
    .map((b) => b.callback_data)
    .filter((d): d is string => typeof d === "string");
}

const CHAT_ACTIONS = new Set([
  ..."typing upload_photo record_video upload_video record_voice upload_voice".split(" "),
  ..."upload_document choose_sticker find_location record_video_note upload_video_note".split(" "),
]);

// ---------------------------------------------------------------------------------------------
// Small helpers

const nowSec = () => Math.floor(Date.now() / 1000);
const msgKey = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/** Telegram leaves out reply_to_message of the message being replied to. */
function withoutReply(message: TgMessage): TgMessage {
  const copy = { ...message };
  copy.reply_to_message = undefined;
  return JSON.parse(JSON.stringify(copy)) as TgMessage;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Index of the first timestamp after `since`; the arrays are append-only and ascending. */
function firstAfter(times: number[], since: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) > since) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function documentObject(file: StoredFile): Record<string, unknown> {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(file.filename === undefined ? {} : { file_name: file.filename }),
    ...(file.mimeType === undefined ? {} : { mime_type: file.mimeType }),
    file_size: file.size,
  };
}

// Real Telegram returns several resized copies; one size is enough for a bot that takes the last.
function photoSizes(file: StoredFile): Record<string, unknown>[] {
  return [
    {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      width: file.width ?? 1280,
      height: file.height ?? 720,
      file_size: file.size,
    },
  ];
}

type Fault = { kind: "fail"; status: number } | { kind: "429"; retryAfter: number };

interface QueuedUpdate {
  seq: number;
  update: TgUpdate;
}

interface Webhook {
  url: string;
  secretToken?: string;
  maxConnections?: number;
}

interface Poller {
  finish(error?: ApiError): void;
}

type Handler = (args: Args, signal: AbortSignal) => unknown;

// ---------------------------------------------------------------------------------------------
// The emulator

export class TelegramEmulator {
  readonly token: string;
  readonly botUser: TgUser;
  private root = "";
  private closed = false;
  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });
  private readonly events = new EventEmitter();
  private readonly handlers: Record<string, Handler>;

  private sent: SentMessage[] = [];
  private store = new Map<string, TgMessage>();
  private nextMessageIds = new Map<number, number>();
  private chats = new Map<number, TgChat>();
  private blocked = new Set<number>();
  private removed = new Set<number>();
  private gone = new Map<number, "left" | "kicked">();
  private faults: Fault[] = [];
  private allSendTimes: number[] = [];
  private chatSendTimes = new Map<number, number[]>();
  private totals: ChatStats = { sends: 0, rejected429: 0, violations: 0 };
  private perChat = new Map<number, ChatStats>();
  private answers: CallbackAnswer[] = [];
  private openQueries = new Map<string, { chatId: number; messageId: number; data: string }>();
  private commandCalls: CommandsCall[] = [];
  private commandSets = new Map<string, BotCommand[]>();
  private files = new Map<string, StoredFile>();
  private queue: QueuedUpdate[] = [];
  private allowedUpdates: string[] | undefined;
  private webhook: Webhook | undefined;
  private webhookPending = 0;
  private webhookChain: Promise<void> = Promise.resolve();
  private lastWebhookError: { date: number; message: string } | undefined;
  private deliveries: WebhookDelivery[] = [];
  private callLog: ApiCall[] = [];
  private poller: Poller | undefined;
  // Not reset: a bot that keeps polling across reset() still sends its old offset.
  private updateSeq = 100_000;
  private querySeq = 0;
  private fileSeq = 0;

  private constructor(private readonly opts: TelegramEmulatorOptions) {
    this.token = opts.token ?? "1234567890:AAE-emulator-test-token";
    const idPart = this.token.split(":")[0] ?? "";
    this.botUser = {
      id: /^\d+$/.test(idPart) ? Number(idPart) : 1234567890,
      is_bot: true,
      first_name: "Nhắc việc (test)",
      username: opts.botUsername ?? "nhacviec_test_bot",
    };
    this.events.setMaxListeners(100);
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
      getmycommands: (a) => this.commandSets.get(this.commandsKey(a)) ?? [],
      setwebhook: (a) => this.setWebhook(a),
      deletewebhook: (a) => this.deleteWebhook(a),
      getwebhookinfo: () => this.webhookInfo(),
      getupdates: (a, signal) => this.getUpdates(a, signal),
      getchat: (a) => this.getChat(a),
      leavechat: (a) => this.leaveChat(a),
      getfile: (a) => this.getFile(a),
    };
  }

  static async start(opts: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
    const emulator = new TelegramEmulator(opts);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once("error", reject);
      emulator.server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = emulator.server.address();
    if (address === null || typeof address === "string") throw new Error("emulator did not get a TCP port");
    emulator.root = `http://127.0.0.1:${address.port}`;
    return emulator;
  }

  get apiRoot(): string {
    return this.root;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.poller?.finish();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Let the released long poll write its answer before the sockets go.
      setImmediate(() => this.server.closeAllConnections());
    });
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.serveFile(res, download[1] ?? "", download[2] ?? "");
    const route = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    if (!route) return this.reply(res, new ApiError(404, "Not Found"));
    const method = route[2] ?? "";
    let args: Args | undefined;
    let status = 200;
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    try {
      if (decodeURIComponent(route[1] ?? "") !== this.token) throw new ApiError(401, "Unauthorized");
      // Bot API method names are case-insensitive.
      const handler = this.handlers[method.toLowerCase()];
      if (handler === undefined) throw new ApiError(404, "Not Found: method not found");
      args = await readArgs(req, url);
      const result = await handler(args, abort.signal);
      this.reply(res, { ok: true, result });
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
            );
      status = apiError.status;
      this.reply(res, apiError);
    }
    this.callLog.push({ method, params: this.loggable(args), status, at: Date.now() });
  }

  private reply(res: ServerResponse, body: ApiError | { ok: true; result: unknown }): void {
    if (res.destroyed || res.writableEnded) return;
    const status = body instanceof ApiError ? body.status : 200;
    const payload =
      body instanceof ApiError
        ? {
            ok: false,
            error_code: body.status,
            description: body.description,
            ...(body.parameters ? { parameters: body.parameters } : {}),
          }
        : body;
    const json = JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  }

  private serveFile(res: ServerResponse, token: string, filePath: string): void {
    if (token !== this.token) {
      this.reply(res, new ApiError(401, "Unauthorized"));
      return;
    }
    const file = [...this.files.values()].find((f) => encodeURI(f.filePath) === filePath);
    if (file === undefined) {
      this.reply(res, new ApiError(404, "Not Found"));
      return;
    }
    res.writeHead(200, { "content-type": file.mimeType ?? "application/octet-stream" });
    res.end(file.bytes);
  }

  private loggable(args: Args | undefined): Record<string, unknown> {
    if (args === undefined) return {};
    const params = { ...args.raw };
    for (const [field, file] of args.files) {
      params[field] = `<file ${file.filename}, ${file.bytes.length} bytes>`;
    }
    return params;
  }

  // -------------------------------------------------------------------------------------------
  // Sending

  private sendMessage(a: Args): TgMessage {
    const chatId = this.chatIdOf(a);
    this.takeFault(chatId);
    this.checkAccess(chatId);
    const text = a.str("text") ?? "";
    const parseMode = a.str("parse_mode");
    const plain = plainText(text, parseMode);
    if (plain.trim() === "") throw badRequest("message text is empty");
    if (plain.length > 4096) throw badRequest("message is too long");
    const replyMarkup = this.markupOf(a);
    const replyTo = this.replyTarget(a, chatId);
    this.admit(chatId);
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
    const chatId = this.chatIdOf(a);
    this.takeFault(chatId);
    this.checkAccess(chatId);
    const file = this.fileParam(a, kind);
    const caption = a.str("caption");
    const parseMode = a.str("parse_mode");
    const plain = caption === undefined ? undefined : plainText(caption, parseMode);
    if (plain !== undefined && plain.length > 1024) throw badRequest("message caption is too long");
    const replyMarkup = this.markupOf(a);
    const replyTo = this.replyTarget(a, chatId);
    this.admit(chatId);
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

  private fileParam(a: Args, field: "photo" | "document"): StoredFile {
    const ref = a.str(field);
    const upload =
      a.files.get(field) ?? (ref?.startsWith("attach://") ? a.files.get(ref.slice(9)) : undefined);
    if (upload !== undefined) {
      if (upload.bytes.length === 0) throw badRequest("file must be non-empty");
      if (upload.bytes.length > 50 * 1024 * 1024) throw new ApiError(413, "Request Entity Too Large");
      return this.registerFile(field, {
        filename: upload.filename,
        mimeType: field === "document" ? mimeFor(upload.filename, upload.contentType) : undefined,
        bytes: upload.bytes,
      });
    }
    if (ref === undefined || ref === "") throw badRequest(`there is no ${field} in the request`);
    if (ref.startsWith("attach://")) throw badRequest("wrong file identifier/HTTP URL specified");
    const known = this.files.get(ref);
    if (known !== undefined) return known;
    if (/^https?:\/\//i.test(ref)) {
      const filename = new URL(ref).pathname.split("/").pop() || undefined;
      return this.registerFile(field, { filename, bytes: Buffer.alloc(0), url: ref });
    }
    // Unknown ids are accepted (tests may invent them); the bytes are simply unknown.
    return this.registerFile(field, { fileId: ref, bytes: Buffer.alloc(0) });
  }

  private registerFile(
    kind: "photo" | "document",
    init: { fileId?: string; filename?: string; mimeType?: string; bytes: Buffer; url?: string },
  ): StoredFile {
    const seq = ++this.fileSeq;
    const ext = /\.[A-Za-z0-9]+$/.exec(init.filename ?? "")?.[0] ?? (kind === "photo" ? ".jpg" : "");
    const file: StoredFile = {
      fileId: init.fileId ?? `${kind === "photo" ? "AgAC" : "BQAC"}${randomBytes(24).toString("base64url")}`,
      fileUniqueId: `AQAD${randomBytes(8).toString("base64url")}`,
      ...(init.filename === undefined ? {} : { filename: init.filename }),
      ...(init.mimeType === undefined ? {} : { mimeType: init.mimeType }),
      ...(init.url === undefined ? {} : { url: init.url }),
      size: init.bytes.length,
      bytes: init.bytes,
      filePath: `${kind === "photo" ? "photos" : "documents"}/file_${seq}${ext}`,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  private storeBotMessage(
    record: Omit<SentMessage, "messageId" | "at">,
    content: Record<string, unknown>,
    replyTo: TgMessage | undefined,
  ): TgMessage {
    const messageId = this.nextMessageId(record.chatId);
    const message: TgMessage = {
      message_id: messageId,
      from: this.botUser,
      chat: this.chatOf(record.chatId),
      date: nowSec(),
      ...content,
    };
    // Telegram echoes inline keyboards only; reply keyboards are not part of the message.
    if (this.isInline(record.replyMarkup)) message.reply_markup = record.replyMarkup;
    if (replyTo !== undefined) message.reply_to_message = withoutReply(replyTo);
    this.store.set(msgKey(record.chatId, messageId), message);
    const sent: SentMessage = { ...record, messageId, at: Date.now() };
    this.sent.push(sent);
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
    const target = this.store.get(msgKey(Number(params?.chat_id ?? chatId), messageId));
    if (target !== undefined) return target;
    if (params?.allow_sending_without_reply === true || a.bool("allow_sending_without_reply"))
      return undefined;
    throw badRequest("message to be replied not found");
  }

  private chatIdOf(a: Args): number {
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

  private chatOf(chatId: number): TgChat {
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

  private checkAccess(chatId: number): void {
    if (this.removed.has(chatId)) throw badRequest("chat not found");
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

  private takeFault(chatId: number): void {
    const fault = this.faults.shift();
    if (fault === undefined) return;
    if (fault.kind === "fail") {
      throw new ApiError(fault.status, STATUS_TEXT[fault.status] ?? "Internal Server Error");
    }
    this.totals.rejected429++;
    this.statsOf(chatId).rejected429++;
    throw tooMany(fault.retryAfter);
  }

  /** Sliding-window limits over accepted sends; a rejected request never enters a window. */
  private admit(chatId: number): void {
    const now = Date.now();
    const chatTimes = this.chatSendTimes.get(chatId) ?? [];
    let waitMs = 0;
    const check = (times: number[], limit: number | undefined, windowMs: number) => {
      if (limit === undefined) return;
      const inWindow = times.length - firstAfter(times, now - windowMs);
      if (inWindow < limit) return;
      const expiring = times[times.length - limit] ?? now;
      waitMs = Math.max(waitMs, expiring + windowMs - now, 1);
    };
    check(this.allSendTimes, this.opts.globalLimitPerSecond, 1000);
    check(chatTimes, this.opts.perChatLimitPerSecond, 1000);
    if (this.chatOf(chatId).type !== "private") check(chatTimes, this.opts.groupLimitPerMinute, 60_000);
    const stats = this.statsOf(chatId);
    if (waitMs > 0) {
      if (this.opts.enforceLimits !== false) {
        this.totals.rejected429++;
        stats.rejected429++;
        throw tooMany(Math.max(1, Math.ceil(waitMs / 1000)));
      }
      this.totals.violations++;
      stats.violations++;
    }
    this.totals.sends++;
    stats.sends++;
    this.allSendTimes.push(now);
    chatTimes.push(now);
    this.chatSendTimes.set(chatId, chatTimes);
  }

  private statsOf(chatId: number): ChatStats {
    let stats = this.perChat.get(chatId);
    if (stats === undefined) {
      stats = { sends: 0, rejected429: 0, violations: 0 };
      this.perChat.set(chatId, stats);
    }
    return stats;
  }

  private nextMessageId(chatId: number): number {
    const id = this.nextMessageIds.get(chatId) ?? 1;
    this.nextMessageIds.set(chatId, id + 1);
    return id;
  }

  // -------------------------------------------------------------------------------------------
  // Editing, callbacks, commands

  private botMessage(
    a: Args,
    verb: "edit" | "delete",
  ): { chatId: number; message: TgMessage; record?: SentMessage } {
    if (a.has("inline_message_id")) throw badRequest("inline messages are not supported by the emulator");
    const chatId = this.chatIdOf(a);
    this.checkAccess(chatId);
    const messageId = a.int("message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const message = this.store.get(msgKey(chatId, messageId));
    if (message === undefined) throw badRequest(`message to ${verb} not found`);
    const record = this.sent.find((m) => m.chatId === chatId && m.messageId === messageId);
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
    this.store.delete(msgKey(chatId, message.message_id));
    if (record !== undefined) record.deletedAt = Date.now();
    return true;
  }

  private answerCallbackQuery(a: Args): true {
    const id = a.str("callback_query_id") ?? "";
    const query = this.openQueries.get(id);
    if (query === undefined) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    this.openQueries.delete(id);
    const text = a.str("text");
    const url = a.str("url");
    const cacheTime = a.int("cache_time");
    this.answers.push({
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
    const chatId = this.chatIdOf(a);
    this.checkAccess(chatId);
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
    this.commandSets.set(this.commandsKey(a), list);
    this.commandCalls.push({
      commands: list,
      scope,
      languageCode: a.str("language_code") ?? "",
      at: Date.now(),
    });
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Update delivery: webhook or long polling

  private setWebhook(a: Args): true {
    const url = a.str("url") ?? "";
    if (url === "") return this.deleteWebhook(a);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: invalid URL");
    }
    // http:// is accepted (unlike Telegram) because test webhooks listen on 127.0.0.1.
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    const secretToken = a.str("secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    this.takeAllowedUpdates(a);
    if (a.bool("drop_pending_updates")) this.queue = [];
    this.webhook = { url, ...(secretToken ? { secretToken } : {}), maxConnections: a.int("max_connections") };
    this.poller?.finish();
    const pending = this.queue;
    this.queue = [];
    for (const { update } of pending) this.postToWebhook(update);
    return true;
  }

  private deleteWebhook(a: Args): true {
    this.webhook = undefined;
    if (a.bool("drop_pending_updates")) this.queue = [];
    return true;
  }

  private webhookInfo(): Record<string, unknown> {
    return {
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.webhook ? this.webhookPending : this.queue.length,
      ...(this.webhook?.maxConnections === undefined ? {} : { max_connections: this.webhook.maxConnections }),
      ...(this.allowedUpdates === undefined ? {} : { allowed_updates: this.allowedUpdates }),
      ...(this.lastWebhookError === undefined
        ? {}
        : { last_error_date: this.lastWebhookError.date, last_error_message: this.lastWebhookError.message }),
    };
  }

  private takeAllowedUpdates(a: Args): void {
    const allowed = a.json("allowed_updates");
    // Telegram remembers the last list given; an empty list means "the default set".
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.length > 0 ? allowed.map(String) : undefined;
  }

  private async getUpdates(a: Args, signal: AbortSignal): Promise<TgUpdate[]> {
    if (this.webhook) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = a.int("offset");
    const limit = Math.min(100, Math.max(1, a.int("limit") ?? 100));
    const timeout = Math.max(0, a.int("timeout") ?? 0);
    this.takeAllowedUpdates(a);
    // An offset confirms everything before it; a negative one keeps only the last -offset updates.
    if (offset !== undefined) {
      this.queue = offset < 0 ? this.queue.slice(offset) : this.queue.filter((q) => q.seq >= offset);
    }
    this.poller?.finish(
      new ApiError(
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      ),
    );
    if (this.queue.length === 0 && timeout > 0 && !signal.aborted && !this.closed) {
      await new Promise<void>((resolve, reject) => {
        const poller: Poller = {
          finish: (error) => {
            clearTimeout(timer);
            signal.removeEventListener("abort", onAbort);
            if (this.poller === poller) this.poller = undefined;
            if (error) reject(error);
            else resolve();
          },
        };
        const onAbort = () => poller.finish();
        const timer = setTimeout(() => poller.finish(), timeout * 1000);
        signal.addEventListener("abort", onAbort, { once: true });
        this.poller = poller;
      });
    }
    return this.queue.slice(0, limit).map((q) => q.update);
  }

  private deliver(update: TgUpdate): void {
    if (this.webhook) {
      this.postToWebhook(update);
      return;
    }
    const seq = typeof update.update_id === "number" ? update.update_id : this.updateSeq++;
    this.queue.push({ seq, update });
    this.poller?.finish();
  }

  // One delivery at a time, in order, like Telegram with max_connections=1.
  private postToWebhook(update: TgUpdate): void {
    const hook = this.webhook;
    if (hook === undefined) return;
    this.webhookPending++;
    this.webhookChain = this.webhookChain
      .then(() => this.post(hook, update))
      .finally(() => {
        this.webhookPending--;
      });
  }

  private post(hook: Webhook, update: TgUpdate): Promise<void> {
    const body = JSON.stringify(update);
    return new Promise((resolve) => {
      let done = false;
      const record = (status: number, error?: string) => {
        if (done) return;
        done = true;
        const delivery: WebhookDelivery = {
          updateId: update.update_id,
          url: hook.url,
          status,
          at: Date.now(),
        };
        if (error !== undefined) delivery.error = error;
        this.deliveries.push(delivery);
        if (error !== undefined) this.lastWebhookError = { date: nowSec(), message: error };
        this.events.emit("webhook", delivery);
        resolve();
      };
      const target = new URL(hook.url);
      // Failed deliveries are recorded, not retried as Telegram would.
      if (target.protocol !== "http:") return record(0, "the emulator can only deliver to http:// webhooks");
      const headers: Record<string, string | number> = {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      };
      if (hook.secretToken !== undefined) headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secretToken;
      const req = httpRequest(target, { method: "POST", headers, timeout: 10_000 }, (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          record(
            status,
            status >= 200 && status < 300
              ? undefined
              : `Wrong response from the webhook: ${status} ${res.statusMessage}`,
          );
        });
      });
      req.on("timeout", () => req.destroy(new Error("Read timeout expired")));
      req.on("error", (error) => record(0, error.message));
      req.end(body);
    });
  }

  private emitUpdate(body: Record<string, unknown>): TgUpdate {
    // A snapshot, so later edits to stored messages do not leak into an undelivered update.
    const update = structuredClone({ update_id: this.updateSeq++, ...body }) as TgUpdate;
    const type = Object.keys(body)[0] ?? "";
    if (this.allowedUpdates === undefined || this.allowedUpdates.includes(type)) this.deliver(update);
    return update;
  }

  // -------------------------------------------------------------------------------------------
  // Chats and files

  private getChat(a: Args): Record<string, unknown> {
    const chatId = this.chatIdOf(a);
    if (this.removed.has(chatId)) throw badRequest("chat not found");
    if (this.gone.has(chatId)) this.checkAccess(chatId);
    return { ...this.chatOf(chatId), accent_color_id: 0, max_reaction_count: 11 };
  }

  private leaveChat(a: Args): true {
    const chatId = this.chatIdOf(a);
    this.checkAccess(chatId);
    const chat = this.chatOf(chatId);
    if (chat.type === "private") throw badRequest("chat member status can't be changed in private chats");
    this.gone.set(chatId, "left");
    this.emitUpdate({
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

  private getFile(a: Args): Record<string, unknown> {
    const file = this.files.get(a.str("file_id") ?? "");
    if (file === undefined) throw badRequest("invalid file_id");
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.size,
      file_path: file.filePath,
    };
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

  private registerChat(chat: ChatInput, user?: TgUser): TgChat {
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

  private userMessage(from: UserInput, chat: ChatInput, content: Record<string, unknown>): TgMessage {
    const user = this.toUser(from);
    const message: TgMessage = {
      message_id: this.nextMessageId(chat.id),
      from: user,
      chat: this.registerChat(chat, user),
      date: nowSec(),
      ...content,
    };
    this.store.set(msgKey(chat.id, message.message_id), message);
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
      const target = this.store.get(msgKey(chat.id, opts.replyToMessageId));
      if (target === undefined)
        throw new Error(`sendText: message ${opts.replyToMessageId} not in chat ${chat.id}`);
      content.reply_to_message = withoutReply(target);
    }
    return this.emitUpdate({ message: this.userMessage(from, chat, content) });
  }

  sendDocumentFromUser(
    from: UserInput,
    chat: ChatInput,
    file: { filename: string; bytes: Uint8Array | string; mimeType?: string },
    opts: { caption?: string } = {},
  ): TgUpdate {
    const stored = this.registerFile("document", {
      filename: file.filename,
      mimeType: file.mimeType ?? mimeFor(file.filename),
      bytes: Buffer.from(file.bytes),
    });
    const content: Record<string, unknown> = { document: documentObject(stored) };
    if (opts.caption !== undefined) content.caption = opts.caption;
    return this.emitUpdate({ message: this.userMessage(from, chat, content) });
  }

  sendPhotoFromUser(
    from: UserInput,
    chat: ChatInput,
    opts: { bytes?: Uint8Array | string; width?: number; height?: number; caption?: string } = {},
  ): TgUpdate {
    const stored = this.registerFile("photo", { bytes: Buffer.from(opts.bytes ?? "photo") });
    stored.width = opts.width ?? 1280;
    stored.height = opts.height ?? 720;
    const content: Record<string, unknown> = { photo: photoSizes(stored) };
    if (opts.caption !== undefined) content.caption = opts.caption;
    return this.emitUpdate({ message: this.userMessage(from, chat, content) });
  }

  /** Throws when the message has no such button: a real user could not press it. */
  pressButton(from: UserInput, chat: ChatInput, messageId: number, data: string): TgUpdate {
    const message = this.store.get(msgKey(chat.id, messageId));
    if (message === undefined) throw new Error(`pressButton: message ${messageId} not in chat ${chat.id}`);
    const buttons = callbackDataOf(message.reply_markup);
    if (!buttons.includes(data)) {
      throw new Error(
        `pressButton: message ${messageId} has no button ${JSON.stringify(data)}; it has ${JSON.stringify(buttons)}`,
      );
    }
    const user = this.toUser(from);
    const id = `${this.botUser.id}${String(++this.querySeq).padStart(6, "0")}`;
    this.openQueries.set(id, { chatId: chat.id, messageId, data });
    const chatInstance = createHash("sha256").update(String(chat.id)).digest().readBigInt64BE().toString();
    return this.emitUpdate({
      callback_query: { id, from: user, message, chat_instance: chatInstance, data },
    });
  }

  editText(from: UserInput, chat: ChatInput, messageId: number, text: string): TgUpdate {
    const message = this.store.get(msgKey(chat.id, messageId));
    if (message === undefined || message.from?.id !== from.id || message.text === undefined) {
      throw new Error(`editText: chat ${chat.id} has no text message ${messageId} from user ${from.id}`);
    }
    message.text = text;
    message.edit_date = nowSec();
    return this.emitUpdate({ edited_message: message });
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
    const tgChat = this.registerChat(chat);
    if (after === "kicked") this.gone.set(chat.id, "kicked");
    else this.gone.delete(chat.id);
    const member = (status: string) => ({
      user: this.botUser,
      status,
      ...(status === "kicked" ? { until_date: 0 } : {}),
    });
    return this.emitUpdate({
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
    const id = (update as { update_id?: unknown }).update_id;
    if (typeof id === "number" && id >= this.updateSeq) this.updateSeq = id + 1;
    this.deliver(update as TgUpdate);
    return update;
  }

  // -------------------------------------------------------------------------------------------
  // Fault injection

  blockChat(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  removeChat(chatId: number): void {
    this.removed.add(chatId);
  }

  failNext(n: number, status = 500): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: "fail", status });
  }

  rateLimitNext(n: number, retryAfter: number): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: "429", retryAfter });
  }

  // -------------------------------------------------------------------------------------------
  // Reading what the bot did

  messages(chatId?: number): SentMessage[] {
    return chatId === undefined ? [...this.sent] : this.sent.filter((m) => m.chatId === chatId);
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
    const others = [...new Set(this.sent.map((m) => m.chatId))].filter((id) => id !== chatId);
    const otherText = others.map((id) => `${id} (${this.messages(id).length})`).join(", ");
    const failed = this.callLog.filter((c) => c.status !== 200).map((c) => `${c.method}→${c.status}`);
    return [
      `waitForMessages: chat ${chatId} expected at least ${count} bot message(s) within ${timeoutMs} ms, got ${got.length}`,
      ...lines,
      others.length > 0 ? `messages to other chats: ${otherText}` : "no messages to other chats",
      failed.length > 0 ? `failed API calls: ${failed.join(", ")}` : "no failed API calls",
    ].join("\n");
  }

  get callbackAnswers(): CallbackAnswer[] {
    return [...this.answers];
  }

  get commands(): CommandsCall[] {
    return [...this.commandCalls];
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return [...this.deliveries];
  }

  /** Every API request with its fields and answered HTTP status, getUpdates included. */
  calls(method?: string): ApiCall[] {
    const wanted = method?.toLowerCase();
    return this.callLog.filter((c) => wanted === undefined || c.method.toLowerCase() === wanted);
  }

  /** Resolves once every webhook delivery queued so far has been answered or has failed. */
  flushWebhook(): Promise<void> {
    return this.webhookChain;
  }

  stats(): EmulatorStats {
    const byChat: Record<string, ChatStats> = {};
    for (const [chatId, s] of this.perChat) byChat[String(chatId)] = { ...s };
    return { ...this.totals, byChat };
  }

  sendTimes(chatId?: number): number[] {
    return chatId === undefined ? [...this.allSendTimes] : [...(this.chatSendTimes.get(chatId) ?? [])];
  }

  /** Forgets everything but the token, limits and update_id counter; a pending long poll stays open. */
  reset(): void {
    this.sent = [];
    this.store.clear();
    this.nextMessageIds.clear();
    this.chats.clear();
    this.blocked.clear();
    this.removed.clear();
    this.gone.clear();
    this.faults = [];
    this.allSendTimes = [];
    this.chatSendTimes.clear();
    this.totals = { sends: 0, rejected429: 0, violations: 0 };
    this.perChat.clear();
    this.answers = [];
    this.openQueries.clear();
    this.commandCalls = [];
    this.commandSets.clear();
    this.files.clear();
    this.queue = [];
    this.allowedUpdates = undefined;
    this.webhook = undefined;
    this.lastWebhookError = undefined;
    this.deliveries = [];
    this.callLog = [];
  }
}
