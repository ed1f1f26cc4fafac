import type { Role } from "../db/schema.ts";
import type { Actor } from "./types.ts";

export function isCoordinator(actor: Actor | undefined): boolean {
  return !!actor?.contacts.some((c) => c.role === "coordinator" || c.role === "admin");
}

/** The contact that reports for an agency: a focal point first, then a head, then anyone. */
export function reportingContact(actor: Actor) {
  const order: Role[] = ["focal", "head", "coordinator", "admin"];
  return [...actor.contacts].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))[0];
}
