import { createHash, timingSafeEqual } from "node:crypto";
import { type Bot, BotError, Context as GrammyContext } from "grammy";
import type { Update as TgUpdate } from "grammy/types";
import type { Context, Handler } from "hono";
import { parseWebhookBody, updateKey } from "../channels/zalo/client.ts";
import { countWebhook } from "../metrics.ts";
import type { UpdateGate } from "./updates.ts";

/** Telegram and Zalo updates are a few kilobytes; anything near this is not from them. */
export const MAX_BODY_BYTES = 1_000_000;

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * The secret header against the configured secret in constant time: both are hashed first, so
 * the buffers have equal lengths and neither the content nor the length leaks through timing.
 * An empty secret never matches.
 */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (!expected || given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export interface WebhookSpec {
  channel: "telegram" | "zalo";
  /** Header carrying the secret the platform was given at setWebhook. */
  header: string;
  secret: string;
  /** The update's id and chat from a parsed body, or undefined when the body is not an update. */
  parse(body: unknown): { id: string; chat: string; run(): Promise<unknown> } | undefined;
  /** Answer for a body that parses as JSON but is not an update (Zalo: 200, so it is not resent). */
  unknownStatus: 200 | 400;
}

/** The route for one platform's webhook: secret, JSON, then record, acknowledge and queue. */
export function webhookHandler(spec: WebhookSpec, gate: UpdateGate): Handler {
  return async (c: Context) => {
    const outcome = (name: string, status: 200 | 400 | 401) => {
      if (name !== "ok") countWebhook(spec.channel, name);
      return c.body(null, status);
    };
    if (!secretMatches(c.req.header(spec.header), spec.secret)) return outcome("refused", 401);
    const text = await c.req.text(); // already read and size-checked by the body limit
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return outcome("malformed", 400);
    }
    const update = spec.parse(body);
    if (!update) return outcome("malformed", spec.unknownStatus);
    await gate.accept({ channel: spec.channel, ...update });
    return outcome("ok", 200);
  };
}

export function telegramWebhook(bot: Bot, secret: string): WebhookSpec {
  return {
    channel: "telegram",
    header: "x-telegram-bot-api-secret-token",
    secret,
    unknownStatus: 400,
    parse(body) {
      const update = body as TgUpdate;
      if (typeof body !== "object" || body === null || !Number.isSafeInteger(update.update_id))
        return undefined;
      // grammY's own reading of which chat an update belongs to (messages, buttons, member changes).
      const ctx = new GrammyContext(update, bot.api, bot.botInfo);
      const chat = ctx.chatId ?? ctx.from?.id;
      return {
        id: String(update.update_id),
        chat: `tg:${chat ?? "none"}`,
        // Errors go to the bot's own handler (bot.catch), as they do when polling.
        run: () =>
          bot
            .handleUpdate(update)
            .catch((e) => (e instanceof BotError ? bot.errorHandler(e) : Promise.reject(e))),
      };
    },
  };
}

export function zaloWebhook(
  handle: (u: NonNullable<ReturnType<typeof parseWebhookBody>>) => Promise<void>,
  secret: string,
): WebhookSpec {
  return {
    channel: "zalo",
    header: "x-bot-api-secret-token",
    secret,
    unknownStatus: 200,
    parse(body) {
      const update = parseWebhookBody(body);
      if (!update) return undefined;
      return { id: updateKey(update), chat: `zalo:${update.message.chat.id}`, run: () => handle(update) };
    },
  };
}
