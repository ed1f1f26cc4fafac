import { randomInt } from "node:crypto";
import type Database from "better-sqlite3";
import { findAgency } from "../catalog/agency-lookup.ts";
import type { Db } from "../db/connection.ts";
import type { Role } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { addContact, parseRole } from "../people/contacts.ts";

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

export function createInvite(
  db: Db,
  sqlite: Database.Database,
  input: { agency: string; role: string; expires?: string; createdBy?: string },
  now: Date,
): Invite {
  const agency = findAgency(db, input.agency);
  if (agency.kind === "external") throw new UserError("err-agency-external", { agency: agency.name });
  const role = parseRole(input.role);
  const expiresAt = new Date(now.getTime() + parseDuration(input.expires ?? "7d")).toISOString();
  const code = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  sqlite
    .prepare(
      "insert into invites (code, agency_id, role, created_by, created_at, expires_at) values (?, ?, ?, ?, ?, ?)",
    )
    .run(code, agency.id, role, input.createdBy ?? null, now.toISOString(), expiresAt);
  return { code, agencyId: agency.id, agencyName: agency.name, role, expiresAt };
}

/**
 * Uses a code once, atomically: two people racing for one code cannot both win. Links the
 * chat to the agency and role, in the language the platform suggests.
 */
export function redeemInvite(
  db: Db,
  sqlite: Database.Database,
  input: { code: string; chatId: string; name?: string; lang?: "vi" | "en" },
  now: Date,
): { agencyId: string; agencyName: string; role: Role; contactId: number } {
  const code = input.code.trim().toUpperCase();
  checkAttempts(sqlite, input.chatId, now);
  const row = sqlite.prepare("select * from invites where code = ?").get(code) as
    | { agency_id: string; role: Role; used_at: string | null; expires_at: string }
    | undefined;
  // Unknown, used and expired codes get one answer, so a guesser learns nothing about which
  // codes exist; every refusal counts against the chat's attempts.
  const refuse = () => {
    sqlite
      .prepare("insert into invite_attempts (chat_id, at) values (?, ?)")
      .run(input.chatId, now.toISOString());
    return new UserError("invite-invalid");
  };
  if (!row || row.used_at || row.expires_at <= now.toISOString()) throw refuse();
  return db.transaction((tx) => {
    const taken = sqlite
      .prepare("update invites set used_at = ?, used_by_chat = ? where code = ? and used_at is null")
      .run(now.toISOString(), input.chatId, code);
    if (taken.changes !== 1) throw refuse();
    const { id } = addContact(tx, {
      agency: row.agency_id,
      role: row.role,
      chat: input.chatId,
      name: input.name,
      lang: input.lang ?? "vi",
    });
    const agency = sqlite.prepare("select name from agencies where id = ?").get(row.agency_id) as {
      name: string;
    };
    return { agencyId: row.agency_id, agencyName: agency.name, role: row.role, contactId: id };
  });
}

/** Refused codes a chat may try per window before it has to wait. */
export const INVITE_ATTEMPTS = 5;
export const INVITE_WINDOW_MS = 15 * 60_000;

/** Throws `invite-too-many` (with the minutes left) once the chat used up its attempts. */
function checkAttempts(sqlite: Database.Database, chatId: string, now: Date): void {
  const since = new Date(now.getTime() - INVITE_WINDOW_MS).toISOString();
  sqlite.prepare("delete from invite_attempts where at < ?").run(since);
  const recent = sqlite
    .prepare("select at from invite_attempts where chat_id = ? and at >= ? order by at")
    .all(chatId, since) as { at: string }[];
  if (recent.length < INVITE_ATTEMPTS) return;
  const freeAt = new Date(recent[recent.length - INVITE_ATTEMPTS]?.at ?? now).getTime() + INVITE_WINDOW_MS;
  const minutes = Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
  throw new UserError("invite-too-many", { minutes });
}
