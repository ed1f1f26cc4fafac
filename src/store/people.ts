import { and, asc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Role } from "../db/schema.ts";
import { inCodeOrder, type Q, statement, transaction } from "./context.ts";

export type Lang = "vi" | "en";

/** A contact as the conversation knows the speaker: who they act for and in which role. */
export interface ActorContact {
  id: number;
  agencyId: string;
  agencyName: string;
  role: Role;
  /** The notice version this contact agreed to; null when never asked (people/consent.ts). */
  consentVersion: string | null;
}

const p = (name: string) => sql.placeholder(name);

const actorRows = statement("people_actor", (q) => {
  const { contactChats: cc, contacts: c, agencies: a } = q.t;
  return q.db
    .select({
      id: c.id,
      agencyId: c.agencyId,
      agencyName: a.name,
      role: c.role,
      consentVersion: c.consentVersion,
      lang: c.lang,
    })
    .from(cc)
    .innerJoin(c, eq(c.id, cc.contactId))
    .innerJoin(a, eq(a.id, c.agencyId))
    .where(and(eq(cc.chatId, p("chatId")), isNull(c.removedAt)))
    .orderBy(asc(c.id))
    .prepare();
});

/**
 * Who is speaking: the live contacts linked to the user's own private chat, in the order they
 * were added, and the first one's language. Undefined for a stranger.
 */
async function actor(
  q: Q,
  userChatId: string,
): Promise<{ contacts: ActorContact[]; lang: Lang } | undefined> {
  const rows = await actorRows(q).execute({ chatId: userChatId });
  if (rows.length === 0) return undefined;
  return { contacts: rows.map(({ lang: _lang, ...c }) => c), lang: rows[0]?.lang ?? "vi" };
}

const langRow = statement("people_chat_lang", (q) => {
  const { contactChats: cc, contacts: c } = q.t;
  return q.db
    .select({ lang: c.lang })
    .from(cc)
    .innerJoin(c, eq(c.id, cc.contactId))
    .where(eq(cc.chatId, p("chatId")))
    .limit(1)
    .prepare();
});

/** The language of whoever is linked to a chat (Vietnamese when nobody is, removed contacts count). */
async function chatLang(q: Q, chatId: string): Promise<Lang> {
  const [row] = await langRow(q).execute({ chatId });
  return row?.lang ?? "vi";
}

const chatInsert = statement("people_chat_insert", (q) =>
  q.db
    .insert(q.t.chats)
    .values({ id: p("id"), type: p("type"), createdAt: p("now") } as never)
    .onConflictDoNothing()
    .prepare(),
);

/** Group chats on Telegram have negative ids; every other chat is private. */
function chatType(chatId: string): "private" | "group" {
  return /^tg:-/.test(chatId) ? "group" : "private";
}

/** The chat row, created once; an existing one is left as it is. */
async function ensureChat(q: Q, chatId: string, now: string): Promise<void> {
  await chatInsert(q).execute({ id: chatId, type: chatType(chatId), now });
}

const reachable = statement("people_chat_reachable", (q) =>
  q.db
    .update(q.t.chats)
    .set({ unreachableAt: null, unreachableReason: null })
    .where(eq(q.t.chats.id, p("id")))
    .prepare(),
);

/** The chat is there again (linked anew, subscribed, the bot re-added): reminders may reach it. */
async function markReachable(q: Q, chatId: string): Promise<void> {
  await reachable(q).execute({ id: chatId });
}

/** A contact to link, already checked by the caller (agency resolved and internal, role and chat valid). */
export interface NewContact {
  agencyId: string;
  role: Role;
  chatId: string;
  name?: string | null;
  lang: Lang;
}

const sameContact = statement("people_contact_same", (q) => {
  const { contacts: c, contactChats: cc } = q.t;
  return q.db
    .select({ id: c.id })
    .from(c)
    .innerJoin(cc, eq(cc.contactId, c.id))
    .where(
      and(
        eq(c.agencyId, p("agencyId")),
        eq(c.role, p("role")),
        eq(cc.chatId, p("chatId")),
        isNull(c.removedAt),
      ),
    )
    .limit(1)
    .prepare();
});
const contactRefresh = statement("people_contact_refresh", (q) =>
  q.db
    .update(q.t.contacts)
    // A missing name keeps the one on file.
    .set({ name: sql`coalesce(${p("name")}, ${q.t.contacts.name})`, lang: p("lang") as never })
    .where(eq(q.t.contacts.id, p("id")))
    .prepare(),
);
const contactInsert = statement("people_contact_insert", (q) =>
  q.db
    .insert(q.t.contacts)
    .values({
      agencyId: p("agencyId"),
      role: p("role"),
      name: p("name"),
      lang: p("lang"),
      createdAt: p("now"),
    } as never)
    .returning({ id: q.t.contacts.id })
    .prepare(),
);
const linkInsert = statement("people_contact_link", (q) =>
  q.db
    .insert(q.t.contactChats)
    .values({ contactId: p("contactId"), chatId: p("chatId") } as never)
    .prepare(),
);

/**
 * Links a chat to a person acting for an agency in a role, in one transaction. The same agency,
 * role and chat again is the same contact (its name and language refreshed); the chat becomes
 * reachable again.
 */
async function addContact(q: Q, input: NewContact, now: string): Promise<{ id: number; created: boolean }> {
  return transaction(q, async (tx) => {
    await ensureChat(tx, input.chatId, now);
    await markReachable(tx, input.chatId);
    const [existing] = await sameContact(tx).execute({ ...input });
    if (existing) {
      await contactRefresh(tx).execute({ id: existing.id, name: input.name ?? null, lang: input.lang });
      return { id: existing.id, created: false };
    }
    const [row] = await contactInsert(tx).execute({ ...input, name: input.name ?? null, now });
    const id = (row as { id: number }).id;
    await linkInsert(tx).execute({ contactId: id, chatId: input.chatId });
    return { id, created: true };
  });
}

/** Live contacts with their chats, by agency, role and age. */
async function listContacts(q: Q) {
  const { contacts: c, agencies: a, contactChats: cc, chats: ch } = q.t;
  return q.db
    .select({
      id: c.id,
      agencyId: c.agencyId,
      agency: a.name,
      role: c.role,
      name: c.name,
      lang: c.lang,
      chatId: cc.chatId,
      unreachableAt: ch.unreachableAt,
    })
    .from(c)
    .innerJoin(a, eq(a.id, c.agencyId))
    .innerJoin(cc, eq(cc.contactId, c.id))
    .innerJoin(ch, eq(ch.id, cc.chatId))
    .where(isNull(c.removedAt))
    .orderBy(asc(inCodeOrder(q, c.agencyId)), asc(c.role), asc(c.id));
}

const contactRow = statement("people_contact_by_id", (q) => {
  const { contacts: c, agencies: a } = q.t;
  return q.db
    .select({ id: c.id, agencyId: c.agencyId, agencyName: a.name, role: c.role, name: c.name, lang: c.lang })
    .from(c)
    .innerJoin(a, eq(a.id, c.agencyId))
    .where(and(eq(c.id, p("id")), isNull(c.removedAt)))
    .prepare();
});

/** A live contact by id (the web console re-reads its viewer on every request); undefined once removed. */
async function contactById(q: Q, id: number) {
  const [row] = await contactRow(q).execute({ id });
  return row;
}

/** Removes a contact: it keeps its history, but no longer acts for its agency. False if already gone. */
async function removeContact(q: Q, id: number, now: string): Promise<boolean> {
  const { contacts: c } = q.t;
  const rows = await q.db
    .update(c)
    .set({ removedAt: now })
    .where(and(eq(c.id, id), isNull(c.removedAt)))
    .returning({ id: c.id });
  return rows.length > 0;
}

/** An agency's reachable focal points and the chats to nudge them in (/remind). */
async function focalChats(q: Q, agencyId: string): Promise<{ id: number; chat: string; lang: Lang }[]> {
  const { contacts: c, contactChats: cc, chats: ch } = q.t;
  return q.db
    .select({ id: c.id, chat: cc.chatId, lang: c.lang })
    .from(c)
    .innerJoin(cc, eq(cc.contactId, c.id))
    .innerJoin(ch, eq(ch.id, cc.chatId))
    .where(and(eq(c.agencyId, agencyId), eq(c.role, "focal"), isNull(c.removedAt), isNull(ch.unreachableAt)));
}

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
async function reachableChats(q: Q, filter: ReachableFilter = {}): Promise<ReachableChat[]> {
  const { contacts: c, contactChats: cc, chats: ch } = q.t;
  const where: (SQL | undefined)[] = [
    isNull(c.removedAt),
    isNull(ch.unreachableAt),
    filter.role === undefined ? undefined : eq(c.role, filter.role),
    filter.agencyId === undefined ? undefined : eq(c.agencyId, filter.agencyId),
    filter.exceptChat === undefined ? undefined : ne(cc.chatId, filter.exceptChat),
  ];
  return q.db
    .select({
      contactId: c.id,
      chatId: cc.chatId,
      lang: c.lang,
      name: c.name,
      agencyId: c.agencyId,
      role: c.role,
    })
    .from(c)
    .innerJoin(cc, eq(cc.contactId, c.id))
    .innerJoin(ch, eq(ch.id, cc.chatId))
    .where(and(...where))
    .orderBy(asc(c.id), asc(inCodeOrder(q, cc.chatId)));
}

/** /lang: the person's contacts and the chat's digest subscription speak `lang` from now on. */
async function setLang(q: Q, contactIds: number[], chatId: string, lang: Lang): Promise<void> {
  if (contactIds.length > 0)
    await q.db.update(q.t.contacts).set({ lang }).where(inArray(q.t.contacts.id, contactIds));
  await q.db.update(q.t.subscriptions).set({ lang }).where(eq(q.t.subscriptions.chatId, chatId));
}

export const people = {
  actor,
  chatLang,
  ensureChat,
  markReachable,
  addContact,
  listContacts,
  contactById,
  removeContact,
  focalChats,
  reachableChats,
  setLang,
};
