import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, Handler } from "hono";
import type { WebhookSpec } from "../channels/adapter.ts";
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
