import type Database from "better-sqlite3";
import type { Role } from "../db/schema.ts";
import type { Lang } from "../i18n/index.ts";

/** One person's chat the bot can still write to: a live contact, a chat not marked unreachable. */
export interface ReachableChat {
  contactId: number;
  chatId: string;
  lang: Lang;
  name: string | null;
  agencyId: string;
  role: Role;
}

export interface ReachableFilter {
  role?: Role;
  agencyId?: string;
  /** Leaves this chat out (the one just found unreachable, whose own notice would go nowhere). */
  exceptChat?: string;
}

/**
 * The one definition of who a message can reach, for reminders, notices, /remind and doctor:
 * each live contact's chats that the platform has not reported gone, by contact then chat.
 */
export function reachableChats(sqlite: Database.Database, filter: ReachableFilter = {}): ReachableChat[] {
  const conditions: [string, string | undefined][] = [
    ["c.role = ?", filter.role],
    ["c.agency_id = ?", filter.agencyId],
    ["cc.chat_id <> ?", filter.exceptChat],
  ];
  const set = conditions.filter((c): c is [string, string] => c[1] !== undefined);
  const where = ["c.removed_at is null", "ch.unreachable_at is null", ...set.map(([sql]) => sql)];
  const args = set.map(([, value]) => value);
  return sqlite
    .prepare(
      `select c.id contactId, cc.chat_id chatId, c.lang lang, c.name name, c.agency_id agencyId, c.role role
       from contacts c join contact_chats cc on cc.contact_id = c.id join chats ch on ch.id = cc.chat_id
       where ${where.join(" and ")} order by c.id, cc.chat_id`,
    )
    .all(...args) as ReachableChat[];
}
