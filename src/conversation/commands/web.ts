import { instantLabel } from "../../domain/period.ts";
import type { Reply } from "../../messages.ts";
import { WEB_ROLES } from "../../people/web-roles.ts";
import { contactActor } from "../../store/audit-actor.ts";
import type { Turn } from "../context.ts";

/** /web (/quanly), in private: a one-time link to the web console, valid ten minutes. */
export async function webCommand(turn: Turn): Promise<Reply[]> {
  // A person may hold several roles: the one that may change things first.
  const contact = WEB_ROLES.map((r) => turn.actor?.contacts.find((c) => c.role === r)).find(Boolean);
  if (!contact) return [{ text: turn.t("web-command-refused") }];
  if (!turn.deps.webLink) return [{ text: turn.t("web-command-off") }];
  const { url, expiresAt } = await turn.deps.webLink(contact.id);
  await turn.deps.store.audit.record({
    ...contactActor(contact.id, turn.incoming.chatId),
    action: "web.link",
    targetKind: "contact",
    targetId: contact.id,
  });
  return [{ text: turn.t("web-command-link", { url, expires: instantLabel(new Date(expiresAt)) }) }];
}
