import type Database from "better-sqlite3";
import type { Role } from "../db/schema.ts";
import { prepared } from "../db/statements.ts";
import type { Actor } from "./types.ts";

/**
 * Who is speaking: the contacts linked to the user's own private chat. In a group the
 * sender is known by that private link too, so a coordinator is a coordinator everywhere.
 */
export function findActor(sqlite: Database.Database, userChatId: string): Actor | undefined {
  const rows = prepared(
    sqlite,
    `select c.id id, c.agency_id agencyId, a.name agencyName, c.role role, c.lang lang
       from contact_chats cc join contacts c on c.id = cc.contact_id join agencies a on a.id = c.agency_id
       where cc.chat_id = ? and c.removed_at is null order by c.id`,
  ).all(userChatId) as { id: number; agencyId: string; agencyName: string; role: Role; lang: "vi" | "en" }[];
  if (rows.length === 0) return undefined;
  return {
    contacts: rows.map(({ lang: _lang, ...c }) => c),
    lang: rows[0]?.lang ?? "vi",
  };
}

export function isCoordinator(actor: Actor | undefined): boolean {
  return !!actor?.contacts.some((c) => c.role === "coordinator" || c.role === "admin");
}

/** The contact that reports for an agency: a focal point first, then a head, then anyone. */
export function reportingContact(actor: Actor) {
  const order: Role[] = ["focal", "head", "coordinator", "admin"];
  return [...actor.contacts].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))[0];
}
