import { type Role, roles } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { addContact } from "../people/contacts.ts";
import { webActor } from "./actor.ts";
import type { Viewer, WebDeps } from "./deps.ts";

export type Outcome = { ok: true } | { ok: false; key: string; args?: Record<string, string | number> };

const refused = (key: string, args?: Record<string, string | number>): Outcome =>
  args ? { ok: false, key, args } : { ok: false, key };

/** The roles this viewer may give: an admin's role only an admin gives (or takes away). */
export function assignableRoles(viewer: Viewer): Role[] {
  return roles.filter((r) => r !== "admin" || viewer.role === "admin");
}

/** A role from a form, if this viewer may give it. */
export function readRole(viewer: Viewer, value: unknown): Role | undefined {
  return assignableRoles(viewer).find((r) => r === value);
}

/**
 * A person linked by the chat id a coordinator typed, with the same checks and audit row as the
 * CLI's `contacts add` (people/contacts.ts). They meet the privacy notice at their first message.
 */
export async function addContactFromWeb(
  deps: WebDeps,
  viewer: Viewer,
  agencyId: string,
  input: { role: string; chat: string; name: string },
): Promise<Outcome> {
  const role = readRole(viewer, input.role);
  if (!role) return refused("web-people-bad-role");
  const name = input.name.trim().slice(0, 120) || null;
  try {
    const by = webActor(viewer.contactId);
    await addContact(
      deps.store,
      { agency: agencyId, role, chat: input.chat, name },
      deps.now().toISOString(),
      by,
    );
    return { ok: true };
  } catch (e) {
    if (e instanceof UserError) return refused(e.key, e.args);
    throw e;
  }
}

/**
 * The contact as the store has it now, if this viewer may change it: one of the agency's in the
 * path (a forged id of another agency is refused), not the viewer (who would lock themselves
 * out), and not an admin unless the viewer is one.
 */
async function changeable(deps: WebDeps, viewer: Viewer, agencyId: string, contactId: number) {
  const contact = await deps.store.people.contactById(contactId);
  if (!contact || contact.agencyId !== agencyId) return refused("web-people-contact-gone");
  if (contact.id === viewer.contactId) return refused("web-people-not-yourself");
  if (contact.role === "admin" && viewer.role !== "admin") return refused("web-people-admin-only");
  return contact;
}

/** Removes a contact (its reports and history stay); the change and its audit row commit together. */
export async function removeContactFromWeb(
  deps: WebDeps,
  viewer: Viewer,
  agencyId: string,
  contactId: number,
): Promise<Outcome> {
  return deps.store.transaction(async (tx) => {
    const contact = await changeable({ ...deps, store: tx }, viewer, agencyId, contactId);
    if ("ok" in contact) return contact;
    const now = deps.now();
    if (!(await tx.people.removeContact(contact.id, now.toISOString())))
      return refused("web-people-contact-gone");
    await tx.audit.record({
      ...webActor(viewer.contactId),
      at: now,
      action: "contact.remove",
      targetKind: "contact",
      targetId: contact.id,
      before: { agencyId: contact.agencyId, role: contact.role },
      after: { agencyId: contact.agencyId, removed: true },
    });
    return { ok: true };
  });
}

/** A contact's new role, audited with the old one. The same role again changes nothing. */
export async function setRoleFromWeb(
  deps: WebDeps,
  viewer: Viewer,
  agencyId: string,
  contactId: number,
  value: string,
): Promise<Outcome> {
  const role = readRole(viewer, value);
  if (!role) return refused("web-people-bad-role");
  return deps.store.transaction(async (tx) => {
    const contact = await changeable({ ...deps, store: tx }, viewer, agencyId, contactId);
    if ("ok" in contact) return contact;
    if (contact.role === role) return { ok: true };
    if (!(await tx.directory.setRole(contact.id, role))) return refused("web-people-contact-gone");
    await tx.audit.record({
      ...webActor(viewer.contactId),
      at: deps.now(),
      action: "contact.role",
      targetKind: "contact",
      targetId: contact.id,
      before: { agencyId: contact.agencyId, role: contact.role },
      after: { agencyId: contact.agencyId, role },
    });
    return { ok: true };
  });
}
