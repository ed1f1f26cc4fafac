import { z } from "zod";
import { toUpdate, type ZaloUpdate, zaloId, zaloNumber } from "./updates.ts";

export type { ZaloChatType, ZaloEventName, ZaloMessage, ZaloUpdate } from "./updates.ts";
export { parseWebhookBody, updateKey } from "./updates.ts";

/**
 * The Zalo Bot Platform HTTP API (https://bot.zaloplatforms.com/docs), and the only code that calls it.
 * Every method is `POST {apiRoot}/bot{token}/{method}` with a JSON body, answered by
 * `{ ok, result?, error_code?, description? }`. The token sits in the URL, so no URL, request or
 * underlying fetch error is ever put into an error this module throws.
 */

export interface ZaloSentMessage {
  message_id: string;
  date: number;
}

export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export interface ZaloWebhookInfo {
  url: string;
  updated_at?: number;
}

export type ZaloChatAction = "typing" | "upload_photo";

/** errorCode 0 means the API was not reached or did not answer; `description` then says why. */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    readonly httpStatus = 0,
    readonly retryAfterMs?: number,
  ) {
    super(`Zalo ${method} failed: ${errorCode === 0 ? "" : `${errorCode} `}${description}`);
    this.name = "ZaloApiError";
  }

  /** getUpdates found nothing within its timeout: normal, not a failure. */
  get isPollingTimeout(): boolean {
    return this.errorCode === 408;
  }
}

export interface ZaloClientOptions {
  token: string;
  apiRoot?: string;
  fetch?: typeof fetch;
  /** Per request, for everything but getUpdates, which waits its poll timeout plus a grace period. */
  timeoutMs?: number;
}

const POLL_GRACE_MS = 5000;

export class ZaloClient {
  private readonly token: string;
  private readonly apiRoot: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  // getUpdates promises one update; should the server ever answer with a batch, the rest wait here.
  private pending: ZaloUpdate[] = [];

  constructor(opts: ZaloClientOptions) {
    if (opts.token === "") throw new Error("Zalo bot token is empty");
    this.token = opts.token;
    this.apiRoot = (opts.apiRoot ?? "https://bot-api.zaloplatforms.com").replace(/\/+$/, "");
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  async getMe(): Promise<ZaloBotInfo> {
    return (await this.call<ZaloBotInfo>("getMe", {})) as ZaloBotInfo;
  }

  /** One update, or null when none arrived within the timeout (Zalo answers 408 then). */
  async getUpdates(timeoutSeconds = 30, signal?: AbortSignal): Promise<ZaloUpdate | null> {
    const queued = this.pending.shift();
    if (queued !== undefined) return queued;
    let result: unknown;
    try {
      // The docs type timeout as a string.
      result = await this.call(
        "getUpdates",
        { timeout: String(timeoutSeconds) },
        {
          timeoutMs: timeoutSeconds * 1000 + POLL_GRACE_MS,
          signal,
        },
      );
    } catch (error) {
      if (error instanceof ZaloApiError && error.isPollingTimeout) return null;
      throw error;
    }
    const updates = (Array.isArray(result) ? result : [result]).map(toUpdate);
    // A malformed update carries no chat to answer, so it is skipped rather than failing the poll.
    this.pending.push(...updates.filter((u): u is ZaloUpdate => u !== null));
    return this.pending.shift() ?? null;
  }

  async setWebhook(url: string, secretToken: string): Promise<ZaloWebhookInfo> {
    return webhookInfo(await this.call("setWebhook", { url, secret_token: secretToken }));
  }

  async deleteWebhook(): Promise<ZaloWebhookInfo> {
    return webhookInfo(await this.call("deleteWebhook", {}));
  }

  async getWebhookInfo(): Promise<ZaloWebhookInfo> {
    return webhookInfo(await this.call("getWebhookInfo", {}));
  }

  async sendMessage(chatId: string, text: string): Promise<ZaloSentMessage> {
    return sentMessage("sendMessage", await this.call("sendMessage", { chat_id: chatId, text }));
  }

  /** Zalo fetches the photo from the URL itself; it takes no uploads. */
  async sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<ZaloSentMessage> {
    const params: Record<string, unknown> = { chat_id: chatId, photo: photoUrl };
    if (caption !== undefined) params.caption = caption;
    return sentMessage("sendPhoto", await this.call("sendPhoto", params));
  }

  async sendChatAction(chatId: string, action: ZaloChatAction): Promise<void> {
    await this.call("sendChatAction", { chat_id: chatId, action });
  }

  private async call<T>(
    method: string,
    params: Record<string, unknown>,
    opts: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T | undefined> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    let status = 0;
    let retryAfter: string | null = null;
    let text: string;
    try {
      const res = await this.fetchImpl(`${this.apiRoot}/bot${this.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal,
      });
      status = res.status;
      retryAfter = res.headers.get("retry-after");
      text = await res.text();
    } catch (error) {
      // The fetch error may quote the URL, so only a bare system code (ECONNREFUSED…) is kept.
      const why = timeout.aborted
        ? `no answer within ${timeoutMs} ms`
        : opts.signal?.aborted
          ? "aborted by the caller"
          : `network error${systemCode(error)}`;
      throw new ZaloApiError(method, 0, why, status);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!isRecord(body)) {
      throw new ZaloApiError(
        method,
        status >= 400 ? status : 0,
        `answer is not a JSON object (HTTP ${status})`,
        status,
      );
    }
    if (body.ok === true) return body.result as T | undefined;
    // Zalo may answer HTTP 200 with ok:false, so the body decides; the HTTP status is a fallback.
    const code = num(body.error_code) ?? num(body.errorCode) ?? (status >= 400 ? status : 0);
    const description = this.scrub(typeof body.description === "string" ? body.description : "error");
    const seconds =
      num(retryAfter) ?? (isRecord(body.parameters) ? num(body.parameters.retry_after) : undefined);
    throw new ZaloApiError(
      method,
      code,
      description,
      status,
      seconds === undefined ? undefined : seconds * 1000,
    );
  }

  private scrub(text: string): string {
    return text.split(this.token).join("<token>");
  }
}

const sentSchema = z.object({ message_id: zaloId, date: zaloNumber.optional().catch(undefined) });
const webhookInfoSchema = z
  .object({
    url: z.string().catch(""),
    updated_at: zaloNumber.optional().catch(undefined),
  })
  .catch({ url: "" });

function sentMessage(method: string, result: unknown): ZaloSentMessage {
  const sent = sentSchema.safeParse(result);
  if (!sent.success) throw new ZaloApiError(method, 0, "answer has no message_id");
  return { message_id: sent.data.message_id, date: sent.data.date ?? Date.now() };
}

function webhookInfo(result: unknown): ZaloWebhookInfo {
  const { url, updated_at } = webhookInfoSchema.parse(result);
  return updated_at === undefined ? { url } : { url, updated_at };
}

function systemCode(error: unknown): string {
  const cause = isRecord(error) ? error.cause : undefined;
  const code = isRecord(cause) ? cause.code : undefined;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code) ? ` (${code})` : "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}
