import { z } from "zod";

/**
 * What Zalo sends us (updates, by polling or webhook), read with zod. The docs and field reports
 * disagree on details (ids as numbers or strings, `photo` or `photo_url`, a missing `from`), so
 * the schema accepts every shape seen and drops fields of the wrong type rather than the update.
 */

/** The five event names the docs list; unknown future ones still parse. */
export type ZaloEventName =
  | "message.text.received"
  | "message.image.received"
  | "message.sticker.received"
  | "message.voice.received"
  | "message.unsupported.received"
  | (string & {});

export type ZaloChatType = "PRIVATE" | "GROUP";

export interface ZaloMessage {
  message_id: string;
  chat: { id: string; chat_type: ZaloChatType };
  from: { id: string; display_name?: string; is_bot?: boolean };
  /** Milliseconds since the epoch. */
  date: number;
  text?: string;
  /** Field reports and OpenClaw read `photo_url`; the official docs name it `photo`. Read both. */
  photo_url?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  /** Sticker image link. */
  url?: string;
  voice_url?: string;
}

export interface ZaloUpdate {
  event_name: ZaloEventName;
  message: ZaloMessage;
}
/** A non-empty string, or a number written as one. */
export const zaloId = z.union([z.string().min(1), z.number().transform(String)]);
/** A number, or a number written as a string (Zalo is not consistent). */
export const zaloNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*$/)
    .transform(Number),
]);
const text = z.string().optional().catch(undefined);

const updateSchema = z.object({
  event_name: z.string().min(1),
  message: z.object({
    message_id: zaloId,
    chat: z.object({
      id: zaloId,
      chat_type: z.unknown().transform((v): ZaloChatType => (v === "GROUP" ? "GROUP" : "PRIVATE")),
    }),
    from: z
      .object({
        id: zaloId.optional().catch(undefined),
        display_name: text,
        is_bot: z.boolean().optional().catch(undefined),
      })
      .catch({}),
    date: zaloNumber.optional().catch(undefined),
    text,
    photo_url: text,
    photo: text,
    caption: text,
    sticker: text,
    url: text,
    voice_url: text,
  }),
});

/** An update in our terms, or null when it carries no chat to answer. */
export function toUpdate(raw: unknown): ZaloUpdate | null {
  const parsed = updateSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { from, chat, date, message_id, ...content } = parsed.data.message;
  // In a private chat the chat id is the sender's id, so a missing from.id is recoverable there.
  const fromId = from.id ?? (chat.chat_type === "PRIVATE" ? chat.id : undefined);
  if (fromId === undefined) return null;
  const message: ZaloMessage = { message_id, chat, from: { id: fromId }, date: date ?? Date.now() };
  if (from.display_name !== undefined) message.from.display_name = from.display_name;
  if (from.is_bot !== undefined) message.from.is_bot = from.is_bot;
  for (const [key, value] of Object.entries(content) as [keyof typeof content, string | undefined][])
    if (value !== undefined) message[key] = value;
  return { event_name: parsed.data.event_name, message };
}

const envelope = z.object({ ok: z.unknown().optional(), result: z.unknown().optional() });

/** The update in a webhook POST body, bare or wrapped as `{ ok, result }`; null when unusable. */
export function parseWebhookBody(body: unknown): ZaloUpdate | null {
  let value = body;
  if (typeof value === "string" || value instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof value === "string" ? value : Buffer.from(value).toString("utf8"));
    } catch {
      return null;
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  if ("ok" in value || "result" in value) {
    const wrapped = envelope.parse(value);
    return wrapped.ok === true ? toUpdate(wrapped.result) : null;
  }
  return toUpdate(value);
}

/** Stable per event; webhook retries and poll/webhook overlaps repeat it. */
export function updateKey(update: ZaloUpdate): string {
  return `${update.event_name}:${update.message.message_id}`;
}
