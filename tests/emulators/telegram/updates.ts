/** Updates reach the bot the two ways Telegram offers: a long-polled getUpdates queue or webhook posts. */
import type { EventEmitter } from "node:events";
import { request as httpRequest } from "node:http";
import { nowSec } from "./chats.ts";
import { ApiError, badRequest } from "./errors.ts";
import type { Args } from "./request.ts";
import type { TgUpdate, WebhookDelivery } from "./types.ts";

interface QueuedUpdate {
  seq: number;
  update: TgUpdate;
}

interface Webhook {
  url: string;
  secretToken?: string;
  maxConnections?: number;
}

/** Telegram's answer to a poll that another getUpdates on the token ended. */
function terminatedByOther(): ApiError {
  return new ApiError(
    409,
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  );
}

interface Poller {
  finish(error?: ApiError): void;
}

export class UpdateFeed {
  private closed = false;
  private queue: QueuedUpdate[] = [];
  private allowedUpdates: string[] | undefined;
  private webhook: Webhook | undefined;
  private webhookPending = 0;
  private webhookChain: Promise<void> = Promise.resolve();
  private lastWebhookError: { date: number; message: string } | undefined;
  private deliveries: WebhookDelivery[] = [];
  private poller: Poller | undefined;
  /** getUpdates calls still to answer 409 as if another poll had ended them (conflictPolls). */
  conflicts = 0;
  // Not reset: a bot that keeps polling across reset() still sends its old offset.
  private updateSeq = 100_000;

  constructor(private readonly events: EventEmitter) {}

  setWebhook(a: Args): true {
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

  deleteWebhook(a: Args): true {
    this.webhook = undefined;
    if (a.bool("drop_pending_updates")) this.queue = [];
    return true;
  }

  webhookInfo(): Record<string, unknown> {
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

  async getUpdates(a: Args, signal: AbortSignal): Promise<TgUpdate[]> {
    if (this.webhook) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    if (this.conflicts > 0) {
      this.conflicts--;
      throw terminatedByOther();
    }
    const offset = a.int("offset");
    const limit = Math.min(100, Math.max(1, a.int("limit") ?? 100));
    const timeout = Math.max(0, a.int("timeout") ?? 0);
    this.takeAllowedUpdates(a);
    // An offset confirms everything before it; a negative one keeps only the last -offset updates.
    if (offset !== undefined) {
      this.queue = offset < 0 ? this.queue.slice(offset) : this.queue.filter((q) => q.seq >= offset);
    }
    this.poller?.finish(terminatedByOther());
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

  emitUpdate(body: Record<string, unknown>): TgUpdate {
    // A snapshot, so later edits to stored messages do not leak into an undelivered update.
    const update = structuredClone({ update_id: this.updateSeq++, ...body }) as TgUpdate;
    const type = Object.keys(body)[0] ?? "";
    if (this.allowedUpdates === undefined || this.allowedUpdates.includes(type)) this.deliver(update);
    return update;
  }

  /** Delivers the object exactly as given, for bad-input tests. */
  injectUpdate(update: object): object {
    const id = (update as { update_id?: unknown }).update_id;
    if (typeof id === "number" && id >= this.updateSeq) this.updateSeq = id + 1;
    this.deliver(update as TgUpdate);
    return update;
  }

  /** Resolves once every webhook delivery queued so far has been answered or has failed. */
  flushWebhook(): Promise<void> {
    return this.webhookChain;
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return [...this.deliveries];
  }

  close(): void {
    this.closed = true;
    this.poller?.finish();
  }

  /** Keeps update_id counting up and a pending long poll open. */
  reset(): void {
    this.queue = [];
    this.allowedUpdates = undefined;
    this.webhook = undefined;
    this.lastWebhookError = undefined;
    this.deliveries = [];
  }
}
