import type { Role } from "../db/schema.ts";
import { type AuditActor, type AuditEntry, contactActor } from "../store/index.ts";
import type { Turn } from "./context.ts";
import type { Actor } from "./types.ts";

export function isCoordinator(actor: Actor | undefined): boolean {
  return !!actor?.contacts.some((c) => c.role === "coordinator" || c.role === "admin");
}

/** The contact that reports for an agency: a focal point first, then a head, then anyone. */
export function reportingContact(actor: Actor) {
  const order: Role[] = ["focal", "head", "coordinator", "admin"];
  return [...actor.contacts].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))[0];
}

/** Who a coordinator action is recorded as: their coordinator (or admin) contact, on this chat's channel. */
export function auditActor(turn: { actor: Actor | undefined; incoming: { userId: string } }): AuditActor {
  const contacts = turn.actor?.contacts ?? [];
  const acting = contacts.find((c) => c.role === "coordinator" || c.role === "admin") ?? contacts[0];
  return contactActor(acting?.id, turn.incoming.userId);
}

/** Records a coordinator's action of this turn that needs no transaction of its own (nothing else is written). */
export function recordAction(turn: Turn, entry: Omit<AuditEntry, keyof AuditActor | "at">): Promise<void> {
  return turn.deps.store.audit.record({ ...auditActor(turn), at: turn.now, ...entry });
}
