/**
 * A local stand-in for the Zalo Bot Platform API (`POST {apiRoot}/bot{token}/{method}`, JSON or
 * urlencoded body). Tests act as Zalo users through it; the delivery benchmark reads its send
 * timestamps. Where Zalo documents nothing (error texts, blocked users, quotas, echoes) the
 * choices are marked as the emulator's own.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { closeServer, listenLocal, Outage } from "./http.ts";

export type ChatType = "PRIVATE" | "GROUP";
export type WebhookBodyStyle = "bare" | "wrapped";
export type SendMethod = "sendMessage" | "sendPhoto" | "sendSticker";

export interface ZaloEmulatorOptions {
  /** Zalo tokens look like `{bot_id}:{secret}`; the bot id is taken from the part before ":". */
  token?: string;
  botName?: string;
  /** Zalo publishes no rate numbers. When set, sends beyond this many per rolling second get a 429. */
  quotaPerSecond?: number;
  /** Zalo's docs show `{ ok: true, result: update }`; OpenClaw reports bare updates. Default wrapped. */
  webhookBodyStyle?: WebhookBodyStyle;
  /** Deliver every bot send back as an update from the bot (`from.is_bot: true`). */
  echoBotMessages?: boolean;
  /** The docs call the image link `photo`; field reports and OpenClaw see `photo_url`. Default photo_url. */
  imageField?: "photo_url" | "photo";
  /** HTTP status of error answers: the error_code itself (default) or 200 with ok:false. */
  errorHttpStatus?: "mirror" | "200";
  /** How long every answer but getUpdates takes to come back, after the call took effect (as in the Telegram emulator). */
  replyDelayMs?: number;
}

export interface UserInput {
  id: string;
  display_name: string;
}

export interface ChatInput {
  id: string;
  chat_type?: ChatType;
}

export interface ZaloUpdate {
  event_name: string;
  message: Record<string, unknown> & { message_id: string; chat: { id: string; chat_type: ChatType } };
}

export interface SentMessage {
  chatId: string;
  messageId: string;
  method: SendMethod;
  text?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  at: number;
}

export interface WebhookDelivery {
  url: string;
  /** The X-Bot-Api-Secret-Token header sent. */
  secretToken: string;
  body: unknown;
  /** HTTP status the webhook answered, 0 when it could not be reached. */
  status: number;
  error?: string;
  at: number;
}

/** One API request as the emulator answered it. */
export interface ApiCall {
  method: string;
  /** 0 for success, -1 for a request held by an outage. */
  errorCode: number;
  /** When the answer went out. */
  at: number;
  /** When the request came in (long polls: `at` minus the wait). */
  startedAt?: number;
  /** The first path segment before `/bot<token>`, when the apiRoot carried one. */
  caller?: string;
}

export interface ChatStats {
  sends: number;
  rejected429: number;
  failed: number;
}

export interface EmulatorStats extends ChatStats {
  byChat: Record<string, ChatStats>;
}

export const BLOCKED_DESCRIPTION = "Forbidden: user has blocked the bot or never interacted with it";

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const bad = (what: string) => new ApiError(400, `Bad Request: ${what}`);
const hexId = () => randomBytes(10).toString("hex");
type Args = Record<string, unknown>;
type Handler = (a: Args, signal: AbortSignal) => unknown;

function str(a: Args, key: string): string | undefined {
  const v = a[key];
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

async function readArgs(req: IncomingMessage, url: URL): Promise<Args> {
  const args: Args = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return args;
  if ((req.headers["content-type"] ?? "").includes("x-www-form-urlencoded")) {
    return Object.assign(args, Object.fromEntries(new URLSearchParams(text)));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw bad("can't parse JSON body");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw bad("body must be an object");
  return Object.assign(args, body);
}

export class ZaloEmulator {
  readonly token: string;
  readonly botId: string;
  readonly botName: string;
  private root = "";
  private closed = false;
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly events = new EventEmitter();
  private readonly handlers: Record<string, Handler>;
  private sent: SentMessage[] = [];
  private chats = new Map<string, ChatType>();
  private blocked = new Set<string>();
  private faults: { code: number; description: string }[] = [];
  private conflicts = 0;
  private times: number[] = [];
  private totals: ChatStats = { sends: 0, rejected429: 0, failed: 0 };
  private perChat = new Map<string, ChatStats>();
  private queue: ZaloUpdate[] = [];
  private waiters: ((u?: ZaloUpdate) => void)[] = [];
  private webhook: { url: string; secretToken: string } | undefined;
  private webhookUpdatedAt = 0;
  private webhookChain: Promise<void> = Promise.resolve();
  private deliveries: WebhookDelivery[] = [];
  private callLog: ApiCall[] = [];
  private readonly outage = new Outage();

  private constructor(private readonly opts: ZaloEmulatorOptions) {
    this.token = opts.token ?? "1459232241454765289:zalo-emulator-secret";
    this.botId = this.token.split(":")[0] || "1459232241454765289";
    this.botName = opts.botName ?? "Bot Nhắc việc";
    this.events.setMaxListeners(100);
    this.handlers = {
      getMe: () => ({
        id: this.botId,
        account_name: this.botName,
        account_type: "BASIC",
        can_join_groups: false,
      }),
      getUpdates: (a, signal) => this.getUpdates(a, signal),
      setWebhook: (a) => this.setWebhook(a),
      deleteWebhook: () => {
        this.webhook = undefined;
        return this.webhookInfo();
      },
      getWebhookInfo: () => this.webhookInfo(),
      sendMessage: (a) => this.botSend(a, "sendMessage", { text: this.textOf(a, "text", true) }),
      sendPhoto: (a) => this.botSend(a, "sendPhoto", this.photoOf(a)),
      sendSticker: (a) => this.botSend(a, "sendSticker", { sticker: this.required(a, "sticker") }),
      sendChatAction: (a) => {
        this.chatIdOf(a);
        if (!["typing", "upload_photo"].includes(str(a, "action") ?? "")) throw bad("action is invalid");
        return undefined;
      },
    };
  }

  static async start(opts: ZaloEmulatorOptions = {}): Promise<ZaloEmulator> {
    const emulator = new ZaloEmulator(opts);
    emulator.root = await listenLocal(emulator.server);
    return emulator;
  }

  get apiRoot(): string {
    return this.root;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.outage.dropHeld();
    for (const waiter of [...this.waiters]) waiter();
    await closeServer(this.server);
  }

  /** The API stops answering: requests are held open with no reply (see Outage). */
  hang(): void {
    this.outage.hanging = true;
  }

  /** New requests are answered again; held ones never are. */
  resume(): void {
    this.outage.hanging = false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // An optional first segment names the caller (an apiRoot of `…/<caller>`), as in the Telegram emulator.
    const route = /^(?:\/([\w-]+))?\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    const method = route?.[3] ?? "";
    const who = route?.[1] === undefined ? {} : { caller: route[1] };
    const startedAt = Date.now();
    if (this.outage.hold(res)) {
      this.callLog.push({ method, errorCode: -1, at: Date.now() });
      return;
    }
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    let payload: Record<string, unknown>;
    let status = 200;
    try {
      if (!route) throw new ApiError(404, "Not Found");
      if (decodeURIComponent(route[2] ?? "") !== this.token) throw new ApiError(401, "Unauthorized");
      // The docs say method names are case-sensitive.
      const handler = this.handlers[method];
      if (handler === undefined) throw new ApiError(404, "Not Found: method not found");
      const result = await handler(await readArgs(req, url), abort.signal);
      const delay = this.opts.replyDelayMs ?? 0;
      if (delay > 0 && method !== "getUpdates") await sleep(delay);
      payload = result === undefined ? { ok: true } : { ok: true, result };
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(500, "Internal Server Error");
      payload = { ok: false, error_code: e.code, description: e.description };
      status = this.opts.errorHttpStatus === "200" ? 200 : e.code;
    }
    const errorCode = payload.ok ? 0 : Number(payload.error_code);
    this.callLog.push({ method, errorCode, at: Date.now(), startedAt, ...who });
    if (res.destroyed || res.writableEnded) return;
    const json = JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  }

  // -------------------------------------------------------------------------------------------
  // The bot's side

  private chatIdOf(a: Args): string {
    return this.required(a, "chat_id");
  }

  private required(a: Args, key: string): string {
    const v = str(a, key);
    if (v === undefined || v === "") throw bad(`${key} is required`);
    return v;
  }

  private textOf(a: Args, key: string, required: boolean): string | undefined {
    const v = str(a, key);
    if (v === undefined && !required) return undefined;
    // Measured in UTF-16 units, the stricter reading of the docs' "1 to 2000 characters".
    if (v === undefined || v.length < 1 || v.length > 2000) throw bad(`${key} must be 1 to 2000 characters`);
    return v;
  }

  private photoOf(a: Args): Pick<SentMessage, "photo" | "caption"> {
    const photo = this.required(a, "photo");
    if (!/^https?:\/\/\S+$/i.test(photo)) throw bad("photo must be an http(s) URL");
    const caption = this.textOf(a, "caption", false);
    return caption === undefined ? { photo } : { photo, caption };
  }

  private botSend(a: Args, method: SendMethod, content: Partial<SentMessage>): Record<string, unknown> {
    const chatId = this.chatIdOf(a);
    const stats = this.statsOf(chatId);
    const fault = this.faults.shift();
    const now = Date.now();
    const inWindow = this.times.filter((t) => t > now - 1000).length;
    const quotaHit = this.opts.quotaPerSecond !== undefined && inWindow >= this.opts.quotaPerSecond;
    const error = fault
      ? new ApiError(fault.code, fault.description)
      : this.blocked.has(chatId)
        ? new ApiError(403, BLOCKED_DESCRIPTION)
        : quotaHit
          ? new ApiError(429, "Too Many Requests")
          : undefined;
    if (error) {
      for (const s of [stats, this.totals]) s[error.code === 429 ? "rejected429" : "failed"]++;
      throw error;
    }
    for (const s of [stats, this.totals]) s.sends++;
    this.times.push(now);
    const messageId = hexId();
    const record: SentMessage = { chatId, messageId, method, ...content, at: now };
    this.sent.push(record);
    this.events.emit("sent", record);
    if (this.opts.echoBotMessages) this.echo(record);
    return { message_id: messageId, date: now };
  }

  // No source shows what an echo looks like; it mirrors a user message with the bot as sender.
  private echo(m: SentMessage): void {
    const event = { sendMessage: "text", sendPhoto: "image", sendSticker: "sticker" }[m.method];
    const content: Record<string, unknown> = { text: m.text, caption: m.caption, sticker: m.sticker };
    if (m.photo !== undefined) content[this.opts.imageField ?? "photo_url"] = m.photo;
    for (const key of Object.keys(content)) if (content[key] === undefined) delete content[key];
    this.deliver({
      event_name: `message.${event}.received`,
      message: {
        message_id: m.messageId,
        chat: { id: m.chatId, chat_type: this.chats.get(m.chatId) ?? "PRIVATE" },
        from: { id: this.botId, display_name: this.botName, is_bot: true },
        date: m.at,
        ...content,
      },
    });
  }

  private statsOf(chatId: string): ChatStats {
    const s = this.perChat.get(chatId) ?? { sends: 0, rejected429: 0, failed: 0 };
    this.perChat.set(chatId, s);
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // Update delivery: one update per long poll, or a webhook POST

  private async getUpdates(a: Args, signal: AbortSignal): Promise<ZaloUpdate> {
    // What Zalo answers here while a webhook is set is undocumented; Telegram's 409 is borrowed.
    if (this.webhook) throw new ApiError(409, "Conflict: a webhook is set; call deleteWebhook first");
    if (this.conflicts > 0) {
      this.conflicts--;
      throw new ApiError(409, "Conflict: another getUpdates request is open");
    }
    const seconds = Number(str(a, "timeout") ?? "30");
    const ready = this.queue.shift();
    if (ready) return ready;
    const update = await new Promise<ZaloUpdate | undefined>((resolve) => {
      if (this.closed || signal.aborted) return resolve(undefined);
      const waiter = (u?: ZaloUpdate) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(u);
      };
      const onAbort = () => waiter();
      const timer = setTimeout(waiter, (Number.isFinite(seconds) ? Math.max(0, seconds) : 30) * 1000);
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
    if (update === undefined) throw new ApiError(408, "Request timeout");
    return update;
  }

  private setWebhook(a: Args): Record<string, unknown> {
    const url = this.required(a, "url");
    const secretToken = str(a, "secret_token") ?? "";
    // Zalo requires https; plain http is let through because test webhooks listen on 127.0.0.1.
    if (!/^https?:\/\/[^\s/]+/i.test(url)) throw bad("url must be an HTTPS URL");
    if (secretToken.length < 8 || secretToken.length > 256)
      throw bad("secret_token must be 8 to 256 characters");
    this.webhook = { url, secretToken };
    this.webhookUpdatedAt = Date.now();
    for (const update of this.queue.splice(0)) this.post(update);
    return this.webhookInfo();
  }

  private webhookInfo(): Record<string, unknown> {
    return { url: this.webhook?.url ?? "", updated_at: this.webhookUpdatedAt || Date.now() };
  }

  private deliver(update: ZaloUpdate): void {
    const snapshot = structuredClone(update);
    if (this.webhook) this.post(snapshot);
    else if (this.waiters[0]) this.waiters[0](snapshot);
    else this.queue.push(snapshot);
  }

  // One POST at a time, in order; failures are recorded, not retried (Zalo's retry policy is unknown).
  private post(update: ZaloUpdate): void {
    const hook = this.webhook;
    if (hook === undefined) return;
    const body = this.opts.webhookBodyStyle === "bare" ? update : { ok: true, result: update };
    this.webhookChain = this.webhookChain.then(
      () =>
        new Promise<void>((resolve) => {
          const json = JSON.stringify(body);
          const record = (status: number, error?: string) => {
            this.deliveries.push({ ...hook, body, status, ...(error ? { error } : {}), at: Date.now() });
            resolve();
          };
          const headers = {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(json),
            "X-Bot-Api-Secret-Token": hook.secretToken,
          };
          if (!hook.url.startsWith("http:")) return record(0, "the emulator only delivers to http:// URLs");
          const req = httpRequest(hook.url, { method: "POST", headers, timeout: 10_000 }, (res) => {
            res.resume();
            res.on("end", () => record(res.statusCode ?? 0));
          });
          req.on("timeout", () => req.destroy(new Error("webhook did not answer in time")));
          req.on("error", (e) => record(0, e.message));
          req.end(json);
        }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Acting as users

  private userUpdate(event: string, from: UserInput, content: Args, chat?: ChatInput): ZaloUpdate {
    const target = { id: chat?.id ?? from.id, chat_type: chat?.chat_type ?? "PRIVATE" };
    this.chats.set(target.id, target.chat_type);
    const update: ZaloUpdate = {
      event_name: `message.${event}.received`,
      message: {
        message_id: hexId(),
        chat: target,
        from: { id: from.id, display_name: from.display_name, is_bot: false },
        date: Date.now(),
        ...content,
      },
    };
    this.deliver(update);
    return update;
  }

  sendText(from: UserInput, text: string, chat?: ChatInput): ZaloUpdate {
    return this.userUpdate("text", from, { text }, chat);
  }

  sendImage(from: UserInput, photoUrl: string, caption?: string, chat?: ChatInput): ZaloUpdate {
    const content: Args = { [this.opts.imageField ?? "photo_url"]: photoUrl };
    if (caption !== undefined) content.caption = caption;
    return this.userUpdate("image", from, content, chat);
  }

  sendSticker(from: UserInput, chat?: ChatInput): ZaloUpdate {
    const sticker = hexId();
    return this.userUpdate(
      "sticker",
      from,
      { sticker, url: `https://stickers.zaloapp.com/${sticker}.webp` },
      chat,
    );
  }

  /** Zalo sends this, without content, for message kinds it does not pass on. */
  sendUnsupported(from: UserInput, chat?: ChatInput): ZaloUpdate {
    return this.userUpdate("unsupported", from, {}, chat);
  }

  /** Delivers the object as given, for malformed-input tests. */
  injectUpdate(update: object): void {
    this.deliver(update as ZaloUpdate);
  }

  // -------------------------------------------------------------------------------------------
  // Fault injection

  /** Zalo's answer for a user who blocked the bot is undocumented: 403 is the emulator's guess. */
  blockUser(chatId: string): void {
    this.blocked.add(chatId);
  }

  unblockUser(chatId: string): void {
    this.blocked.delete(chatId);
  }

  failNext(n: number, code = 500, description = "Internal Server Error"): void {
    for (let i = 0; i < n; i++) this.faults.push({ code, description });
  }

  /** The next `n` getUpdates calls answer 409, as Telegram does to a second poller (Zalo's answer is undocumented). */
  conflictPolls(n: number): void {
    this.conflicts += n;
  }

  rateLimitNext(n: number): void {
    this.failNext(n, 429, "Too Many Requests");
  }

  // -------------------------------------------------------------------------------------------
  // Reading what the bot did

  messages(chatId?: string): SentMessage[] {
    return this.sent.filter((m) => chatId === undefined || m.chatId === chatId);
  }

  waitForMessages(chatId: string, count: number, timeoutMs = 5000): Promise<SentMessage[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.messages(chatId).length < count) return;
        cleanup();
        resolve(this.messages(chatId));
      };
      const timer = setTimeout(() => {
        cleanup();
        const failed = this.callLog.filter((c) => c.errorCode !== 0 && c.errorCode !== 408);
        const summary = failed.map((c) => `${c.method}→${c.errorCode}`).join(", ") || "none";
        const got = this.messages(chatId).length;
        reject(
          new Error(
            `waitForMessages: chat ${chatId} got ${got}/${count} in ${timeoutMs} ms; failed calls: ${summary}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("sent", check);
      };
      this.events.on("sent", check);
      check();
    });
  }

  stats(): EmulatorStats {
    const byChat: Record<string, ChatStats> = {};
    for (const [chatId, s] of this.perChat) byChat[chatId] = { ...s };
    return { ...this.totals, byChat };
  }

  sendTimes(chatId?: string): number[] {
    return this.messages(chatId).map((m) => m.at);
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return [...this.deliveries];
  }

  /** Resolves once every webhook POST queued so far has been answered or has failed. */
  flushWebhook(): Promise<void> {
    return this.webhookChain;
  }

  /** Every API request and its error_code (0 for success), getUpdates included. */
  calls(method?: string): ApiCall[] {
    return this.callLog.filter((c) => method === undefined || c.method === method);
  }
}
