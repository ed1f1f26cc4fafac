import { userInfo } from "node:os";
import type { AuditChannel } from "../db/schema.ts";
import type { AuditEntry } from "./audit.ts";

/** Who acts, on which channel: what every audit row of one caller shares. */
export type AuditActor = Pick<AuditEntry, "actorKind" | "actorContactId" | "actorLabel" | "channel">;

const CHAT_CHANNELS: Record<string, AuditChannel> = { tg: "tg", zalo: "zalo", console: "console" };

/** The channel of a prefixed chat id ("tg:123" → tg); the console for any other. */
export function channelOf(chatId: string): AuditChannel {
  return CHAT_CHANNELS[chatId.slice(0, chatId.indexOf(":"))] ?? "console";
}

/**
 * A person in a chat, by contact id only: their name is read from the contact when the trail is
 * shown, so erasing the contact leaves no copy of it here.
 */
export function contactActor(contactId: number | null | undefined, chatId: string): AuditActor {
  return { actorKind: "contact", actorContactId: contactId ?? null, channel: channelOf(chatId) };
}

/** The operator at the CLI, named by the account running it (a container may have none). */
export function operatorActor(): AuditActor {
  let label = "cli";
  try {
    label = userInfo().username || label;
  } catch {
    // No passwd entry for the uid (a container): "cli" says enough.
  }
  return { actorKind: "operator", actorLabel: label, channel: "cli" };
}
