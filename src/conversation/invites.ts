import { randomInt } from "node:crypto";
import { lookupAgency } from "../catalog/agency-lookup.ts";
import type { Role } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { parseRole } from "../people/contacts.ts";
import { type AuditActor, contactActor, type Store } from "../store/index.ts";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE = /^[A-HJKMNP-Z2-9]{10}$/;

/** "7d", "48h", "30m" → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d{1,4})([dhm])$/.exec(text.trim());
  if (!m) throw new UserError("err-duration", { value: text });
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as "d" | "h" | "m"];
}

export interface Invite {
  code: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  expiresAt: string;
}

/**
 * A one-time code for a person to join an agency in a role, the agency found as typed; recorded
 * in the audit trail as `by`'s action, with the invite.
 */
export async function createInvite(
  store: Store,
  input: { agency: string; role: string; expires?: string; createdBy?: string },
  now: Date,
  by?: AuditActor,
): Promise<Invite> {
  const agency = await lookupAgency(store, input.agency);
  if (agency.kind === "external") throw new UserError("err-agency-external", { agency: agency.name });
  const role = parseRole(input.role);
  const expiresAt = new Date(now.getTime() + parseDuration(input.expires ?? "7d")).toISOString();
  const code = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  await store.transaction(async (tx) => {
    await tx.invites.create(
      { code, agencyId: agency.id, role, createdBy: input.createdBy ?? null, expiresAt },
      now,
    );
    if (by) {
      const after = { agencyId: agency.id, role, expiresAt };
      await tx.audit.record({
        ...by,
        at: now,
        action: "invite.create",
        targetKind: "invite",
        targetId: code,
        after,
      });
    }
  });
  return { code, agencyId: agency.id, agencyName: agency.name, role, expiresAt };
}

/**
 * Checks a code before the person is asked for consent: usable now, and the chat not out of
 * attempts. Writes nothing but the refused attempt; the code stays unused.
 */
export async function checkInvite(store: Store, code: string, chatId: string, now: Date): Promise<string> {
  const normal = code.trim().toUpperCase();
  await checkAttempts(store, chatId, now);
  const row = await store.invites.find(normal);
  // Unknown, used and expired codes get one answer, so a guesser learns nothing about which
  // codes exist; every refusal counts against the chat's attempts.
  if (!row || row.usedAt || row.expiresAt <= now.toISOString()) throw await refuse(store, chatId, now);
  return normal;
}

async function refuse(store: Store, chatId: string, now: Date): Promise<UserError> {
  await store.invites.addAttempt(chatId, now);
  return new UserError("invite-invalid");
}

/**
 * Uses a code once, atomically: two people racing for one code cannot both win. Links the
 * chat to the agency and role, in the language the platform suggests, with the version of the
 * notice the person agreed to.
 */
export async function redeemInvite(
  store: Store,
  input: { code: string; chatId: string; name?: string; lang?: "vi" | "en"; consentVersion: string },
  now: Date,
): Promise<{ agencyId: string; agencyName: string; role: Role; contactId: number }> {
  const code = await checkInvite(store, input.code, input.chatId, now);
  const { chatId, name, lang = "vi", consentVersion } = input;
  // The new contact is the actor of its own joining; the row commits with the contact.
  const redeemed = await store.transaction(async (tx) => {
    const r = await tx.invites.redeem({ code, chatId, name, lang, consentVersion }, now);
    if (r)
      await tx.audit.record({
        ...contactActor(r.contactId, chatId),
        at: now,
        action: "invite.use",
        targetKind: "invite",
        targetId: code,
        after: { contactId: r.contactId, agencyId: r.agencyId, role: r.role },
      });
    return r;
  });
  if (!redeemed) throw await refuse(store, chatId, now);
  return redeemed;
}

/** Refused codes a chat may try per window before it has to wait. */
export const INVITE_ATTEMPTS = 5;
export const INVITE_WINDOW_MS = 15 * 60_000;

/** Throws `invite-too-many` (with the minutes left) once the chat used up its attempts. */
async function checkAttempts(store: Store, chatId: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - INVITE_WINDOW_MS).toISOString();
  const recent = await store.invites.attemptsSince(chatId, since);
  if (recent.length < INVITE_ATTEMPTS) return;
  const freeAt = new Date(recent[recent.length - INVITE_ATTEMPTS] ?? now).getTime() + INVITE_WINDOW_MS;
  const minutes = Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
  throw new UserError("invite-too-many", { minutes });
}
