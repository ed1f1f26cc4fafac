import type { WebhookSpec } from "../adapter.ts";
import { parseWebhookBody, updateKey } from "./client.ts";

/** Zalo's webhook POSTs: a bare or wrapped update, deduplicated on event and message id. */
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
