import type { AuditChannel } from "../db/schema.ts";
import type { Store } from "../store/index.ts";
import type { Turn } from "./context.ts";

const CHANNELS: readonly string[] = ["tg", "zalo", "console"];

/**
 * One audit row for a person's privacy request made in chat (consent given or withdrawn, data
 * shown, data erased): the controller's proof it was answered, and when. Ids only: the row
 * outlives the person's erasure.
 */
export async function auditPrivacy(
  store: Store,
  turn: Turn,
  action: "consent.give" | "consent.withdraw" | "privacy.show" | "person.forget",
  contactId: number,
  after: unknown,
  actorContactId = turn.actor?.contacts[0]?.id ?? contactId,
): Promise<void> {
  const prefix = turn.incoming.chatId.split(":")[0] ?? "";
  await store.audit.record({
    at: turn.now,
    actorKind: "contact",
    actorContactId,
    action,
    targetKind: "contact",
    targetId: contactId,
    after,
    channel: (CHANNELS.includes(prefix) ? prefix : "console") as AuditChannel,
  });
}
