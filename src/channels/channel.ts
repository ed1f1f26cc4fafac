import type { OutgoingMessage } from "../messages.ts";

/**
 * The one interface between the core and a chat platform. Chat ids are channel-prefixed
 * everywhere else ("tg:123", "zalo:abc"); a channel sees only its own part ("123").
 */

export interface Pacing {
  /** Sends per second across all chats of this channel. */
  globalPerSecond: number;
  /** Minimum gap between two sends to one private chat, and to one group chat. */
  privateGapMs: number;
  groupGapMs: number;
}

export interface Channel {
  readonly prefix: string;
  readonly textLimit: number;
  readonly pacing: Pacing;
  send(chatId: string, message: OutgoingMessage): Promise<{ messageId: string }>;
  /** True for ids of group chats, which platforms pace more strictly. */
  isGroup(chatId: string): boolean;
}

export type ChannelErrorKind = "rate_limited" | "unreachable" | "transient" | "permanent";

/** How a send failed, in the terms delivery acts on; `message` never carries tokens. */
export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

export function splitChatId(chatId: string): { prefix: string; id: string } {
  const at = chatId.indexOf(":");
  return at < 0 ? { prefix: "", id: chatId } : { prefix: chatId.slice(0, at), id: chatId.slice(at + 1) };
}
