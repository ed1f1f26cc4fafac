import type { Core } from "../core.ts";
import type { Role } from "../db/schema.ts";
import type { Choice } from "../engine/outbox.ts";
import type { Lang } from "../i18n/index.ts";

/** Something a person did in a chat, in platform-free terms. */
export interface Incoming {
  /** Channel-prefixed chat id: "tg:123", "zalo:abc", "console:an". */
  chatId: string;
  chatType: "private" | "group";
  /** Channel-prefixed user id; in a private chat it is the chat id. */
  userId: string;
  userName?: string;
  /** The platform's language hint for a newcomer. */
  userLang?: string;
  text?: string;
  /** Callback data of a pressed button (never trusted: checked against the database). */
  choice?: string;
  /** The platform id of the bot message this replies to. */
  replyTo?: string;
  attachment?: Evidence;
  /** The channel that carried it, for the report's record. */
  channel: string;
}

export interface Evidence {
  kind: "document" | "photo" | "link";
  fileId?: string;
  name?: string;
  mime?: string;
  size?: number;
  url?: string;
}

export interface Reply {
  text: string;
  choices?: Choice[][];
  /** The answer is a typed number: text channels show the choices as suggestions, not a numbered menu. */
  freeNumber?: boolean;
  /** A file to send with the text, on channels that carry files (Telegram). */
  attachment?: { kind: "document" | "photo"; data: Buffer; name: string };
}

/** The person behind a chat: every role they hold, and the language they chose. */
export interface Actor {
  contacts: { id: number; agencyId: string; agencyName: string; role: Role }[];
  lang: Lang;
}

export interface ConversationDeps extends Core {
  /** Runs a tick now and dispatches it (console /tick, /remind, /digest go through the engine). */
  engine?: {
    tick(at: Date): Promise<{ ids: number[] }>;
    dispatchNow(at: Date): Promise<number>;
  };
  /** The Telegram bot's username, for invite links. */
  botUsername?: string;
  now(): Date;
}
