import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { and, eq, isNull } from "drizzle-orm";
import { platformOf } from "../capabilities.ts";
import { findAgency } from "../catalog/agency-lookup.ts";
import type { Db, DbOrTx } from "../db/connection.ts";
import { chats, contactChats, contacts, type Role, roles } from "../db/schema.ts";
import { UserError } from "../errors.ts";

const LOCAL_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** A chat id of a known platform ("tg:123"), else the user is told the accepted shape. */
export function parseChatId(value: string): string {
  const v = value.trim();
  if (!platformOf(v) || !LOCAL_ID.test(v.slice(v.indexOf(":") + 1)))
    throw new UserError("err-chat-id", { value: v });
  return v;
}

export function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value))
    throw new UserError("err-role", { value, roles: roles.join(", ") });
  return value as Role;
}

/** Each platform says which of its ids are groups; every other chat is private. */
export function chatType(chatId: string): "private" | "group" {
  const platform = platformOf(chatId);
  return platform?.isGroupId(chatId.slice(platform.prefix.length + 1)) ? "group" : "private";
}

export function ensureChat(db: DbOrTx, chatId: string, now = new Date().toISOString()): void {
  db.insert(chats)
    .values({ id: chatId, type: chatType(chatId), createdAt: now })
    .onConflictDoNothing()
    .run();
}

/** The chat is there again (linked anew, subscribed, the bot re-added): reminders may reach it. */
export function markReachable(db: DbOrTx, chatId: string): void {
  db.update(chats).set({ unreachableAt: null, unreachableReason: null }).where(eq(chats.id, chatId)).run();
}

export interface NewContact {
  agency: string;
  role: string;
  chat: string;
  name?: string | null;
  lang?: string | null;
}

/**
 * Links a chat to a person acting for an agency in a role. The same agency, role and chat
 * again is the same contact (nothing is duplicated); a chat once unreachable and linked anew
 * becomes reachable again.
 */
export function addContact(
  db: DbOrTx,
  input: NewContact,
  now = new Date().toISOString(),
): { id: number; created: boolean } {
  const agency = findAgency(db, input.agency);
  if (agency.kind === "external") throw new UserError("err-agency-external", { agency: agency.name });
  const role = parseRole(input.role);
  const chatId = parseChatId(input.chat);
  const lang = input.lang === "en" ? "en" : input.lang && input.lang !== "vi" ? null : "vi";
  if (!lang) throw new UserError("err-lang", { value: input.lang ?? "" });
  ensureChat(db, chatId, now);
  markReachable(db, chatId);
  const existing = db
    .select({ id: contacts.id })
    .from(contacts)
    .innerJoin(contactChats, eq(contactChats.contactId, contacts.id))
    .where(
      and(
        eq(contacts.agencyId, agency.id),
        eq(contacts.role, role),
        eq(contactChats.chatId, chatId),
        isNull(contacts.removedAt),
      ),
    )
    .get();
  if (existing) {
    db.update(contacts)
      .set({ name: input.name ?? undefined, lang })
      .where(eq(contacts.id, existing.id))
      .run();
    return { id: existing.id, created: false };
  }
  const { id } = db
    .insert(contacts)
    .values({ agencyId: agency.id, role, name: input.name ?? null, lang, createdAt: now })
    .returning({ id: contacts.id })
    .get();
  db.insert(contactChats).values({ contactId: id, chatId }).run();
  return { id, created: true };
}

/** CSV with header agency,role,chat[,name,lang]; all rows or none. */
export function importContactsFile(db: Db, file: string): { created: number; updated: number } {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file, "utf8"), {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (e) {
    throw new UserError("err-csv", { file, reason: e instanceof Error ? e.message : String(e) });
  }
  return db.transaction((tx) => {
    let created = 0;
    records.forEach((r, i) => {
      try {
        const res = addContact(tx, {
          agency: r.agency ?? "",
          role: r.role ?? "",
          chat: r.chat ?? "",
          name: r.name,
          lang: r.lang || "vi",
        });
        created += res.created ? 1 : 0;
      } catch (e) {
        if (e instanceof UserError)
          throw new UserError("err-csv-row", { file, line: i + 2, reason: e.message });
        throw e;
      }
    });
    return { created, updated: records.length - created };
  });
}
