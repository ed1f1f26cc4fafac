import type { I18n, Lang } from "../../i18n/index.ts";
import type { OutgoingMessage } from "../../messages.ts";
import { type Channel, ChannelError, type Pacing } from "../channel.ts";
import { renderNumbered } from "../numbered.ts";
import { ZaloApiError, type ZaloClient } from "./client.ts";
import { zaloPlatform } from "./platform.ts";

/** Zalo publishes no rate numbers: a conservative default, configurable (ZALO_GLOBAL_PER_SECOND). */
export const zaloPacing: Pacing = { globalPerSecond: 5, privateGapMs: 1000, groupGapMs: 3000 };
export const ZALO_TEXT_LIMIT = zaloPlatform.capabilities.textLimit;

export function toChannelError(e: unknown): ChannelError {
  if (e instanceof ZaloApiError) {
    if (e.errorCode === 429) return new ChannelError("rate_limited", e.description, e.retryAfterMs ?? 2000);
    if (e.errorCode === 403 || e.errorCode === 404) return new ChannelError("unreachable", e.description);
    if (e.errorCode === 0 || e.errorCode >= 500) return new ChannelError("transient", e.message);
    return new ChannelError("permanent", e.message);
  }
  return new ChannelError("transient", e instanceof Error ? e.message : String(e));
}

/**
 * Sending on Zalo: no buttons, so choices become numbered lines in the recipient's language,
 * and the menu is remembered so "2" or the label answers it.
 */
export class ZaloSender implements Channel {
  readonly prefix = "zalo";
  readonly textLimit = ZALO_TEXT_LIMIT;

  constructor(
    private readonly client: ZaloClient,
    private readonly i18n: I18n,
    private readonly langOf: (chatId: string) => Promise<Lang>,
    private readonly remember: (chatId: string, message: OutgoingMessage) => Promise<void>,
    readonly pacing: Pacing = zaloPacing,
  ) {}

  isGroup(): boolean {
    return false;
  }

  async send(chatId: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const text = renderNumbered(
      this.i18n,
      await this.langOf(`zalo:${chatId}`),
      message.text,
      message.choices,
    );
    try {
      // The outbox split the text for 2,000 characters; the numbered menu can push the last part over.
      const parts =
        text.length <= ZALO_TEXT_LIMIT ? [text] : [message.text, text.slice(message.text.length).trim()];
      let id = "";
      for (const part of parts)
        id = (await this.client.sendMessage(chatId, part.slice(0, ZALO_TEXT_LIMIT))).message_id;
      await this.remember(`zalo:${chatId}`, message);
      return { messageId: id };
    } catch (e) {
      throw toChannelError(e);
    }
  }
}
