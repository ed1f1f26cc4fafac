import type { AuditActor } from "../store/audit-actor.ts";

/** The signed-in person as an audit row's actor: by contact id only, on the web channel. */
export function webActor(contactId: number): AuditActor {
  return { actorKind: "contact", actorContactId: contactId, channel: "web" };
}
