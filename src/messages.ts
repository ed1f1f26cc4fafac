/**
 * Messages in platform-free terms: what a person sent (Incoming), what the bot answers (Reply),
 * what the outbox hands a channel (OutgoingMessage), and the buttons on them (Choice). The bottom
 * of the house: the engine, the conversations and every channel speak these, and they import nothing.
 */

/** A button; `data` is what the channel sends back when it is pressed (formats: choice-data.ts). */
export interface Choice {
  label: string;
  data: string;
}

/** Chat ids are channel-prefixed everywhere else ("tg:123", "zalo:abc"); a channel sees only its own part ("123"). */
export interface OutgoingMessage {
  text: string;
  choices?: Choice[][] | null;
  attachment?: { kind: "photo" | "document"; path: string; name: string } | null;
}

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
